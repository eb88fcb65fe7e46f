// Plain data shared by host and renderer. No behaviour, no imports from node or the DOM.

import type { MachineView } from '../../core/machine-view.js';
import type { Arch, RunEvent } from '../../core/trace/events.js';
import type { ProbeReport } from './probe-types.js';

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
  /** How far the student got: steps ticked off, and the last checked score (0..1). */
  progress?: { stepsDone: number; steps: number; score: number | null };
}

export interface LabDetail extends LabSummary {
  packTitle: string;
  /** Step text as HTML, already sanitised by the host (the renderer sanitises again). */
  steps: { id: string; title: string; html: string }[];
  hints: { step: string | null; html: string }[];
  starters: { arch: Arch; fileName: string; source: string }[];
  /** `arch` is set when the check is graded on that architecture only. */
  checks: { id: string; title: string; points: number; arch?: Arch }[];
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

export interface LoadRequest {
  arch: Arch;
  source: string;
  stdin?: string;
  seed?: number;
  aslr?: boolean;
}

export interface AsmDiagnostic {
  line: number;
  column: number;
  message: string;
}

export interface SessionState {
  sessionId: number;
  status: 'ready' | 'exited' | 'blocked' | 'breakpoint' | 'budget' | 'limit' | 'panic';
  message: string | null;
  exit: { code: number | null; signal: number | null } | null;
  stdout: string;
  /** strace-format lines, in order. */
  trace: string[];
  /** The most recent run events (at most 500). */
  events: RunEvent[];
  view: MachineView;
  /** How many actions Step back can undo (0: at the start). */
  stepsBack?: number;
}

/** Breakpoints as the worker placed them: `line` is where the requested line landed. */
export interface BreakpointsReply {
  sessionId: number;
  breakpoints: { where: 'user' | 'kernel'; requested: number; line: number; addr: string }[];
}

export type LoadReply = { ok: true; sessionId: number; state: SessionState } | { ok: false; errors: AsmDiagnostic[] };

/** One native probe run as the Probes view lists it (kept in the persisted history). */
export interface ProbeRunRecord {
  runId: number;
  /** ISO time the run finished. */
  at: string;
  report: ProbeReport;
}

/** A graded attempt, in PrairieLearn's results.json shape. */
export interface GradeReport {
  gradable: boolean;
  score: number;
  /** How the run ended; for a submission that was not graded, why. */
  message?: string;
  /** The program's stderr, when it wrote any. */
  output?: string;
  tests: { name: string; points: number; max_points: number; message: string; output?: string }[];
}

/** What the app keeps for one lab between sessions (saved atomically by the host). */
export interface LabProgressView {
  stepsDone: string[];
  drafts: Record<string, string>;
  /** Set when the saved file was damaged and was moved aside (the lab loads from the backup or fresh). */
  notice: string | null;
}
