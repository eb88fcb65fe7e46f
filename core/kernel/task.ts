// Tasks (threads) and the process state they share. A process is a thread group:
// its tasks share the address space, the fd table and the signal handlers.

import type { AddressSpace } from './mm/address-space.js';

export type TaskState = 'runnable' | 'sleeping' | 'stopped' | 'zombie';

/** A saved CPU context: whatever the architecture needs to resume the task exactly. */
export type SavedContext = unknown;

export interface SigAction {
  handler: bigint; // SIG_DFL = 0, SIG_IGN = 1, else an address
  flags: bigint;
  restorer: bigint;
  mask: bigint;
}

export interface PendingSignal {
  signo: number;
  code: number;
  /** si_pid / si_uid for kill, si_addr for faults. */
  pid: number;
  uid: number;
  addr: bigint | null;
  /** Raw fault details for the trace. */
  status?: number;
}

export class SignalHandlers {
  readonly actions: SigAction[] = [];
  constructor() {
    for (let i = 0; i <= 64; i++) this.actions.push({ handler: 0n, flags: 0n, restorer: 0n, mask: 0n });
  }
  clone(): SignalHandlers {
    const copy = new SignalHandlers();
    this.actions.forEach((a, i) => (copy.actions[i] = { ...a }));
    return copy;
  }
}

/** sigaltstack(2) state (sas_ss_sp, sas_ss_size, sas_ss_flags): size 0 means none. */
export interface AltStack {
  sp: number;
  size: number;
  /** ss_flags as last set (SS_AUTODISARM, SS_DISABLE...); 0 for a task that never set one. */
  flags: number;
}

export interface Rusage {
  voluntarySwitches: number;
  involuntarySwitches: number;
  userCycles: number;
  systemCycles: number;
}

export interface Process {
  pid: number;
  ppid: number;
  mm: AddressSpace;
  handlers: SignalHandlers;
  /** Signals sent to the whole process (kill). */
  sharedPending: PendingSignal[];
  tasks: Task[];
  exitStatus: number | null;
  exitSignal: number | null;
  coreDumped: boolean;
  children: Process[];
  parent: Process | null;
  /** Per-process counters also shown in /proc/self/status. */
  minorFaults: number;
  /** Reaped by the parent's wait4 (or nobody is waiting: auto-reaped). */
  reaped: boolean;
  exe: string;
  argv: string[];
  personality: number;
  /** The auxiliary vector execve put on the initial stack, AT_NULL pair included (/proc/self/auxv). */
  auxv: [number, bigint][];
  alarmAt: number | null;
  /** Group-stopped by a stop signal's default action (job-control.ts). */
  stopped: boolean;
  /** The stop signal wait4(WUNTRACED) has yet to report, and whether a WCONTINUED report is due. */
  stopReport: number | null;
  continuedReport: boolean;
  itimerInterval: number;
  cwd: string;
}

export interface Task {
  tid: number;
  proc: Process;
  state: TaskState;
  context: SavedContext;
  /** Kernel stack top (virtual) and its frames. */
  kernelStackTop: number;
  kernelStackFrames: number[];
  kernelStackSlot: number;
  blocked: bigint;
  pending: PendingSignal[];
  /** Mask to restore after a sigsuspend-style wait or signal delivery. */
  savedMask: bigint | null;
  clearChildTid: bigint;
  fsBase: number;
  /** Emulated time (ns) at which a sleeping task wants to wake, if any. */
  wakeAt: number | null;
  /** State a blocking syscall keeps across retries (nanosleep's deadline...). */
  syscallState: Record<string, number> | null;
  /** The task's pending wait: what made it sleep, for /proc and the UI. */
  waitingOn: string | null;
  rusage: Rusage;
  /** The call restart_syscall resumes after a signal without a handler (nanosleep, poll). */
  restartBlock: string | null;
  /** Set when the task stopped in its kernel exit path: the signal work to finish once continued. */
  stopResume: { inSyscall: boolean } | null;
  /** The alternate signal stack handlers with SA_ONSTACK run on (per thread). */
  altStack: AltStack;
}

export function newRusage(): Rusage {
  return { voluntarySwitches: 0, involuntarySwitches: 0, userCycles: 0, systemCycles: 0 };
}
