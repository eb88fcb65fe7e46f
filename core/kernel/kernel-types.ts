// The kernel's options, limits and stop reasons (what a run returns and why).

import type { CostTable } from '../cost/cost-table.js';
import type { Arch, RunEvent } from '../trace/events.js';
import type { HostIo } from './files.js';

export interface Limits {
  /** Guest memory a process may map (brk + mmap + stack). */
  memoryBytes: number;
  /** Bytes the guest may write to stdout and stderr together. */
  outputBytes: number;
  openFiles: number;
  processes: number;
}

export const DEFAULT_LIMITS: Limits = {
  memoryBytes: 256 * 1024 * 1024,
  outputBytes: 16 * 1024 * 1024,
  openFiles: 256,
  processes: 64,
};

export interface KernelOptions {
  arch: Arch;
  seed?: number;
  aslr?: boolean;
  costs?: Partial<CostTable>;
  limits?: Partial<Limits>;
  io: HostIo;
  /** Wall-clock time at boot, in ns since the epoch (fixed by default so runs replay). */
  realtimeBaseNs?: number;
  onEvent?: (event: RunEvent) => void;
  /** Record run events (trace lines, signals...). Benchmarks turn it off. Default true. */
  record?: boolean;
}

export type KernelStop =
  | { kind: 'exit'; code: number | null; signal: number | null; coreDumped: boolean }
  | { kind: 'budget' }
  | { kind: 'blocked'; on: 'stdin' | 'deadlock' }
  | { kind: 'breakpoint'; addr: number }
  | { kind: 'limit'; message: string }
  | { kind: 'panic'; message: string };

