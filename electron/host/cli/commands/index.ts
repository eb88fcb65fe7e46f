import type { CliCommand } from '../command.js';
import { asmCommand } from './asm.js';
import { packCommand } from './pack.js';
import { probeCommand } from './probe.js';
import { runCommand } from './run.js';
import { webCommand } from './web.js';

export const cliCommands: CliCommand[] = [
  runCommand,
  asmCommand,
  webCommand,
  probeCommand,
  packCommand,
];
