import type { CliCommand } from '../command.js';
import { pendingCommand } from './pending.js';
import { webCommand } from './web.js';

export const cliCommands: CliCommand[] = [
  pendingCommand(
    'run',
    'run an x86-64 or ARM64 program (.s source or ELF) in the emulator',
    'usage: syscall-lab run [--arch x86_64|arm64] [--trace] [--stats] FILE [ARGS...]',
    'the emulator',
  ),
  pendingCommand('asm', 'assemble a .s file into a static ELF executable', 'usage: syscall-lab asm [--arch x86_64|arm64] FILE.s -o OUT', 'the assembler'),
  webCommand,
  pendingCommand('probe', 'measure the host kernel with native probes', 'usage: syscall-lab probe list | run NAME [--json]', 'native probing'),
  pendingCommand('pack', 'validate, build and grade lab packs', 'usage: syscall-lab pack validate|build|grade ...', 'lab pack tooling'),
];
