// Plain data shared by host and renderer. No behaviour, no imports from node or the DOM.

export interface AppInfo {
  name: string;
  version: string;
  transport: 'electron' | 'web';
  platform: string;
}

export interface LabSummary {
  packId: string;
  labId: string;
  title: string;
  topic: string;
  architectures: string[];
  mode: 'emulated' | 'native' | 'mixed';
  estimatedMinutes: number;
  status: 'ready' | 'coming-soon';
}

export interface LabDetail extends LabSummary {
  packTitle: string;
  steps: { id: string; title: string; body: string }[];
}

export interface CoreInfo {
  /** Architectures the core can run today; empty until the emulator lands. */
  architectures: string[];
  workerGeneration: number;
  workerRestarts: number;
}

export interface WorkerFault {
  reason: 'threw' | 'hung' | 'exited';
  message: string;
  generation: number;
}
