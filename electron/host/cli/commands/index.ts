// The subcommands, loaded on first use: `syscall-lab run` should not pay for the
// web host, the probe builder or the pack validator at start-up.

import type { CliCommand } from '../command.js';

export interface CommandEntry {
  name: string;
  summary: string;
  load: () => Promise<CliCommand>;
}

export const cliCommands: CommandEntry[] = [
  { name: 'run', summary: 'run an x86-64 or ARM64 program (.s source or ELF) in the emulator', load: async () => (await import('./run.js')).runCommand },
  { name: 'asm', summary: 'assemble a .s file into a static ELF executable', load: async () => (await import('./asm.js')).asmCommand },
  { name: 'web', summary: 'serve the app and its host services on 127.0.0.1 for a browser', load: async () => (await import('./web.js')).webCommand },
  { name: 'probe', summary: 'measure the host kernel with native probes', load: async () => (await import('./probe.js')).probeCommand },
  { name: 'runtime', summary: 'write the guest C runtime (runtime.s, runtime.h) to a folder', load: async () => (await import('./runtime.js')).runtimeCommand },
  { name: 'pack', summary: 'validate, build and grade lab packs', load: async () => (await import('./pack.js')).packCommand },
];
