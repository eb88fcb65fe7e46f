// What grading needs from an execution engine. The emulator host provides the
// real runner (electron/host/emulator/lab-runner.ts, createLabRunner()); tests
// pass a hand-written one that replays recorded events.

import type { Arch, RunEvent } from '../../../core/trace/events.js';

export type { ProbeReport } from '../../common/probe-types.js';

export interface LabRunRequest {
  arch: Arch;
  source: string;
  fileName: string;
  stdin?: string;
  seed: string;
}

export interface RunOutcome {
  events: RunEvent[];
  exitStatus: number | null;
  termSignal: number | null;
  stdout: string;
  stderr: string;
  /**
   * Facts the runner knows and a check may compare against. `entryReg` checks look
   * up `<fact>:<syscall name>` first, then `<fact>`: e.g. `addressAfterSyscall:write:
   * "0x401012"`, the address of the instruction after the `syscall`/`svc` that made
   * the first write (what SYSCALL leaves in rcx, SDM Vol 2B; ELR_EL1 for SVC).
   */
  facts: Record<string, string>;
  /** Set when the program never ran: the assembler's or loader's messages, one per line. */
  notRun?: string;
  /** Set when a run that started ended without an exit or a fatal signal: why it stopped. */
  stopped?: string;
}

export type LabRunner = (req: LabRunRequest) => Promise<RunOutcome>;
