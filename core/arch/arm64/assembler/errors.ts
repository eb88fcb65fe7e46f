// One error type for the AArch64 encoder and front end: a message plus the
// 0-based column in the source line where the offending text starts.

export class Arm64AsmError extends Error {
  constructor(
    message: string,
    readonly column: number,
  ) {
    super(message);
  }
}
