// What the machine views read from a stopped session beyond its SessionState:
// the disassembly window, the stack, the signal state, the kernel-path timeline
// and the memory map. Shared by the host (which builds them) and the renderer.

import type { DisassemblyLine, KernelRegion, SignalsView } from '../../core/machine-inspect.js';
import type { MemoryDump, StackWord } from '../../core/machine-memory.js';
import type { KernelPathTimeline } from '../../core/trace/kernel-path.js';
import type { AslrResult, MapRegion } from './probe-types.js';

export type { DisassemblyLine, KernelPathTimeline, KernelRegion, MemoryDump, SignalsView, StackWord };

export interface MachineInspection {
  sessionId: number;
  disassembly: DisassemblyLine[];
  stack: StackWord[];
  signals: SignalsView | null;
  timeline: KernelPathTimeline | null;
  /** The current process's /proc/<pid>/maps, parsed like the native `maps` probe's (the last one seen if it has exited). */
  maps: MapRegion[];
  kernel: KernelRegion[];
}

/** One emulated load per seed: where ASLR put each region. */
export interface EmulatedLayoutRun {
  seed: number;
  maps: MapRegion[];
}

/** Several seeded loads and what moved between them (the same analysis as the native `aslr` probe). */
export interface EmulatedLayouts {
  runs: EmulatedLayoutRun[];
  aslr: AslrResult[];
}
