import { chmod, readFile, writeFile } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { buildFromSource } from '../../../../core/machine.js';
import type { Arch } from '../../../../core/trace/events.js';
import { parseFlags } from '../args.js';
import { UsageError, type CliCommand } from '../command.js';

export const asmCommand: CliCommand = {
  name: 'asm',
  summary: 'assemble a .s file into a static ELF executable',
  usage: `usage: syscall-lab asm [--arch x86_64|arm64] FILE.s -o OUT

Assembles GNU-as syntax and links a static ELF executable (entry _start, text at
0x401000 as GNU ld lays it out) that runs natively on a matching Linux machine.
Errors name the line and column.`,
  async run(argv, io) {
    const parsed = parseFlags(argv, { values: ['arch', 'o'], booleans: [] });
    const out = parsed.flags.get('o');
    const [file, extra] = parsed.positionals;
    if (!file) throw new UsageError('missing FILE.s');
    if (extra !== undefined) throw new UsageError(`unexpected argument '${extra}'`);
    if (typeof out !== 'string') throw new UsageError('missing -o OUT');
    const arch = (parsed.flags.get('arch') ?? 'x86_64') as Arch;
    if (arch !== 'x86_64' && arch !== 'arm64') throw new UsageError(`--arch must be x86_64 or arm64`);
    let source: string;
    try {
      source = await readFile(resolve(io.cwd, file), 'utf8');
    } catch (err) {
      io.stderr(`syscall-lab asm: cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}\n`);
      return 1;
    }
    const built = buildFromSource(source, arch, basename(file));
    if (!built.ok) {
      for (const e of built.errors) io.stderr(`${file}:${e.line}:${e.column}: error: ${e.message}\n`);
      return 1;
    }
    const target = resolve(io.cwd, out);
    await writeFile(target, built.program.elf);
    await chmod(target, 0o755);
    return 0;
  },
};
