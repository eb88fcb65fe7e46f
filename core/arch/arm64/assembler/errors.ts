// One error type for the AArch64 encoder and front end: a message plus the
// column where the offending text starts (in the text the encoder was given).

export class Arm64AsmError extends Error {
  constructor(
    message: string,
    readonly column: number,
    /** true when `column` is already a source column (not one of the rebuilt operand text). */
    readonly sourceColumn = false,
  ) {
    super(message);
  }
}
