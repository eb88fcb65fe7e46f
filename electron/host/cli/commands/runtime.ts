import { resolve } from 'node:path';
import type { Arch } from '../../../../core/trace/events.js';
import { parseFlags } from '../args.js';
import { UsageError, type CliCommand } from '../command.js';
import { writeRuntime } from '../../runtime/write-runtime.js';

export const runtimeCommand: CliCommand = {
  name: 'runtime',
  summary: 'write the guest C runtime (runtime.s, runtime.h) to a folder',
  usage: `usage: syscall-lab runtime [--arch x86_64|arm64] --out DIR

Writes runtime.s (_start, errno, atexit, system call wrappers) and runtime.h to DIR,
for C programs that run both natively and in the emulator. --arch picks the guest
architecture (default x86_64); each needs its own DIR.

  gcc -static -nostdlib -fno-builtin -fno-stack-protector -no-pie -IDIR \\
      -o prog DIR/runtime.s prog.c

For arm64, build with Debian's cross compiler and compare with qemu-aarch64:

  aarch64-linux-gnu-gcc -static -nostdlib -fno-builtin -fno-stack-protector -no-pie \\
      -IDIR -o prog DIR/runtime.s prog.c
  qemu-aarch64 -strace ./prog          # the reference
  syscall-lab run --trace prog         # the emulator (arm64 from the ELF header)

Both accept -static-pie -fPIE in place of -static -no-pie: the runtime relocates itself.`,
  async run(argv, io) {
    const parsed = parseFlags(argv, { values: ['out', 'arch'], booleans: [] });
    const out = parsed.flags.get('out');
    if (typeof out !== 'string') throw new UsageError('missing --out DIR');
    const archFlag = parsed.flags.get('arch') ?? 'x86_64';
    if (archFlag !== 'x86_64' && archFlag !== 'arm64') throw new UsageError(`--arch must be x86_64 or arm64, not '${String(archFlag)}'`);
    const arch: Arch = archFlag;
    const [extra] = parsed.positionals;
    if (extra !== undefined) throw new UsageError(`unexpected argument '${extra}'`);
    try {
      for (const p of await writeRuntime(resolve(io.cwd, out), arch)) io.stdout(`${p}\n`);
    } catch (err) {
      io.stderr(`syscall-lab runtime: cannot write ${out}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}\n`);
      return 1;
    }
    return 0;
  },
};
