// Subcommands whose features arrive in later milestones. They say so plainly and exit 2:
// no fake output.

import { parseFlags } from '../args.js';
import type { CliCommand } from '../command.js';

export function pendingCommand(name: string, summary: string, usage: string, what: string): CliCommand {
  return {
    name,
    summary,
    usage,
    async run(argv, io) {
      parseFlags(argv, { stopAtPositional: true, values: [], booleans: [] });
      io.stderr(`syscall-lab ${name}: ${what} is not built yet in this version.\n`);
      return 2;
    },
  };
}
