// The run's observable events. Trace printing, stats, lab checks and the renderer
// all read this one union, so a lab check can name anything a student can see.

export type Arch = 'x86_64' | 'arm64';

/** A 64-bit guest value rendered as a decimal or 0x-hex string (JSON-safe, exact). */
export type U64String = string;

export type RunEvent =
  | {
      type: 'syscall';
      pid: number;
      tid: number;
      arch: Arch;
      /** Entry path taken: 'syscall' / 'svc' for the fast path, 'int80' for the i386 gate. */
      via: 'syscall' | 'int80' | 'svc';
      nr: number;
      name: string;
      args: U64String[];
      /** Raw return register value, signed (e.g. -14 for EFAULT). */
      ret: number;
      errno: string | null;
      /** The strace-format line, e.g. `write(1, "hi\n", 3) = 3`. */
      line: string;
      /** Registers as the kernel saw them on entry (names per arch, e.g. rcx, r11, x8). */
      entryRegs: Record<string, U64String>;
      /** Where user mode resumes: the instruction after the syscall (RCX on x86-64, ELR_EL1 on arm64). */
      returnAddress: U64String;
      /** true when the call was interrupted and restarted (SA_RESTART) or returned EINTR. */
      interrupted: boolean;
      restarted: boolean;
      /** The table's fixed price of a call (entry, dispatch, cache misses, exit) plus the bytes it copied (copyByte each). */
      cycles: number;
    }
  | {
      type: 'signal';
      pid: number;
      tid: number;
      signo: number;
      name: string;
      code: string;
      addr: U64String | null;
      /** 'handler' | 'default-terminate' | 'default-core' | 'ignore' | 'stop' */
      disposition: 'handler' | 'default-terminate' | 'default-core' | 'ignore' | 'stop';
      line: string;
    }
  /** A stop signal's default action stopped the process: strace's `--- stopped by SIGSTOP ---`. */
  | { type: 'stop'; pid: number; tid: number; signo: number; name: string; line: string }
  | { type: 'exit'; pid: number; status: number; signal: number | null; line: string }
  | { type: 'fault'; pid: number; vector: string; addr: U64String | null; errorCode: number; rip: U64String }
  | { type: 'context-switch'; fromPid: number; toPid: number; voluntary: boolean; cr3Switched: boolean; cycles: number }
  | { type: 'page-fault'; pid: number; addr: U64String; minor: boolean; cycles: number }
  /**
   * A call into the vDSO (clock_gettime, gettimeofday, time): answered in user mode, no
   * mode switch. `ret` is the return register, `value` what it stored or returned
   * (`{tv_sec=..., tv_nsec=...}`), `seqlockRetries` how often the seqlock read was redone.
   */
  | { type: 'vdso-call'; pid: number; tid: number; fn: string; ret: number; value: string; seqlockRetries: number; cycles: number }
  | { type: 'stdout'; pid: number; fd: 1 | 2; bytes: number };

export type RunEventType = RunEvent['type'];
