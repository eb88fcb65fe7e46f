// "Run natively" (the Playground's same program, both ways): what the host ran and saw,
// beside what the emulator did with the same source.

export interface NativeRunResult {
  /** Wall time of the plain (untraced) run, spawn included, in ms. */
  wallMs: number;
  /** null when the run was killed at the timeout or could not start. */
  exit: { code: number | null; signal: string | null } | null;
  /** Why there is no exit status (timeout, spawn failure), else null. */
  message: string | null;
  stdout: string;
  stderr: string;
  strace: { available: true; lines: string[]; message: string | null } | { available: false; reason: string };
}

export interface BothWaysResult {
  native: NativeRunResult;
  emulated: {
    status: string;
    exit: { code: number | null; signal: number | null } | null;
    message: string | null;
    stdout: string;
    trace: string[];
    /** Emulated time at the end of the run, from the cost table. */
    emulatedNs: number;
    instructions: number;
  };
}
