// The `syscall-lab` command: dispatches to a subcommand. Usage errors go to stderr
// with exit status 2; a subcommand's own status passes through.

import { UsageError, type CliIo } from './command.js';
import { cliCommands } from './commands/index.js';

function topUsage(): string {
  const width = Math.max(...cliCommands.map((c) => c.name.length));
  const lines = cliCommands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`);
  return `usage: syscall-lab <command> [options]\n\ncommands:\n${lines.join('\n')}\n\nRun 'syscall-lab <command> --help' for a command's options.\n`;
}

export async function main(argv: string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    (name === undefined ? io.stderr : io.stdout)(topUsage());
    return name === undefined ? 2 : 0;
  }
  const entry = cliCommands.find((c) => c.name === name);
  if (!entry) {
    io.stderr(`syscall-lab: unknown command '${name}'\n\n${topUsage()}`);
    return 2;
  }
  // Help only counts before the first positional: after it come the guest's own arguments.
  const firstPositional = rest.findIndex((a) => !a.startsWith('-'));
  const ownFlags = firstPositional === -1 ? rest : rest.slice(0, firstPositional);
  const command = await entry.load();
  if (ownFlags.includes('--help') || ownFlags.includes('-h')) {
    io.stdout(`${command.usage}\n`);
    return 0;
  }
  try {
    return await command.run(rest, io);
  } catch (err) {
    if (err instanceof UsageError) {
      io.stderr(`syscall-lab ${command.name}: ${err.message}\n\n${command.usage}\n`);
      return 2;
    }
    io.stderr(`syscall-lab ${command.name}: ${err instanceof Error ? err.message : String(err)}\n`);
    return 1;
  }
}

export function processIo(): CliIo {
  return {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    stdin: process.stdin,
    cwd: process.cwd(),
    env: process.env,
  };
}
