// Test helpers that build with GNU as + ld and run executables natively.
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { withTempDir } from '../arch/x86_64/assembler/gnu-as.js';

export { withTempDir };

/** `as --64` + `ld -static` (extra ld flags allowed); returns the executable bytes. */
export function gnuBuild(source: string, ldFlags: string[] = []): Uint8Array {
  return withTempDir((dir) => {
    writeFileSync(join(dir, 'a.s'), source);
    execFileSync('as', ['--64', '-o', join(dir, 'a.o'), join(dir, 'a.s')], { stdio: ['ignore', 'ignore', 'pipe'] });
    execFileSync('ld', ['-static', ...ldFlags, '-o', join(dir, 'a.out'), join(dir, 'a.o')], { stdio: ['ignore', 'ignore', 'pipe'] });
    return new Uint8Array(readFileSync(join(dir, 'a.out')));
  });
}

export interface RunResult {
  stdout: string;
  status: number | null;
  signal: string | null;
  /** strace lines with the execve line normalised. */
  strace?: string[];
}

export function runElf(elf: Uint8Array, opts: { strace?: boolean; input?: string } = {}): RunResult {
  return withTempDir((dir) => {
    const exe = join(dir, 'prog');
    writeFileSync(exe, elf);
    chmodSync(exe, 0o755);
    if (opts.strace === true) {
      const log = join(dir, 'trace');
      const r = spawnSync('strace', ['-f', '-o', log, exe], { input: opts.input ?? '', timeout: 10000 });
      const lines = readFileSync(log, 'utf8')
        .split('\n')
        .filter((l) => l !== '')
        .map((l) => l.replace(/^\d+\s+/, '').replace(/^execve\("[^"]*", \["[^"]*"\], 0x[0-9a-f]+/, 'execve(PROG, [PROG], ENVP'));
      return { stdout: r.stdout.toString(), status: r.status, signal: r.signal, strace: lines };
    }
    const r = spawnSync(exe, [], { input: opts.input ?? '', timeout: 10000 });
    return { stdout: r.stdout.toString(), status: r.status, signal: r.signal };
  });
}

/** Raw bytes of one section of an ELF (objcopy -O binary), for comparing our output with ld's. */
export function sectionOf(elf: Uint8Array, section: string): Uint8Array {
  return withTempDir((dir) => {
    writeFileSync(join(dir, 'x'), elf);
    execFileSync('objcopy', ['-O', 'binary', `--only-section=${section}`, join(dir, 'x'), join(dir, 'x.bin')]);
    return new Uint8Array(readFileSync(join(dir, 'x.bin')));
  });
}

export function tool(cmd: string, args: string[], elf: Uint8Array): string {
  return withTempDir((dir) => {
    writeFileSync(join(dir, 'x'), elf);
    return execFileSync(cmd, [...args, join(dir, 'x')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  });
}
