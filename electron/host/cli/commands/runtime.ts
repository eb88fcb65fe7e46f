import { resolve } from 'node:path';
import { parseFlags } from '../args.js';
import { UsageError, type CliCommand } from '../command.js';
import { writeRuntime } from '../../runtime/write-runtime.js';

export const runtimeCommand: CliCommand = {
  name: 'runtime',
  summary: 'write the guest C runtime (runtime.s, runtime.h) to a folder',
  usage: `usage: syscall-lab runtime --out DIR

Writes runtime.s (_start, errno, atexit, system call wrappers) and runtime.h to DIR,
for C programs that run both natively and in the emulator:

  gcc -static -nostdlib -fno-builtin -fno-stack-protector -no-pie -IDIR \\
      -o prog DIR/runtime.s prog.c`,
  async run(argv, io) {
    const parsed = parseFlags(argv, { values: ['out'], booleans: [] });
    const out = parsed.flags.get('out');
    if (typeof out !== 'string') throw new UsageError('missing --out DIR');
    const [extra] = parsed.positionals;
    if (extra !== undefined) throw new UsageError(`unexpected argument '${extra}'`);
    try {
      for (const p of await writeRuntime(resolve(io.cwd, out))) io.stdout(`${p}\n`);
    } catch (err) {
      io.stderr(`syscall-lab runtime: cannot write ${out}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}\n`);
      return 1;
    }
    return 0;
  },
};
