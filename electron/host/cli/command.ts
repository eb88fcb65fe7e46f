// One CLI subcommand. main.ts dispatches on the first word; each command parses its own flags.

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Raw guest/stdin passthrough for commands that need it. */
  stdin: NodeJS.ReadableStream;
  cwd: string;
  env: NodeJS.ProcessEnv;
}

export interface CliCommand {
  name: string;
  /** One line for the top-level usage list. */
  summary: string;
  /** Full `--help` text. */
  usage: string;
  /** Returns the process exit status. Usage errors print `usage` to stderr and return 2. */
  run(argv: string[], io: CliIo): Promise<number>;
}

/** Thrown by flag parsers; main.ts prints the message plus the command's usage and exits 2. */
export class UsageError extends Error {}
