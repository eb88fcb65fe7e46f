// Test helper: the reference — GNU as (binutils) on the same source.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export function withTempDir<T>(fn: (dir: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'sl-asm-'));
  try {
    return fn(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Assembles with `as --64` and returns the raw bytes of one section (default .text). */
export function gnuSectionBytes(source: string, section = '.text'): Uint8Array {
  return withTempDir((dir) => {
    writeFileSync(join(dir, 'a.s'), source);
    execFileSync('as', ['--64', '-o', join(dir, 'a.o'), join(dir, 'a.s')], { stdio: ['ignore', 'ignore', 'pipe'] });
    execFileSync('objcopy', ['-O', 'binary', `--only-section=${section}`, join(dir, 'a.o'), join(dir, 'a.bin')]);
    return new Uint8Array(readFileSync(join(dir, 'a.bin')));
  });
}

/** Error lines GNU as prints for a source, e.g. "a.s:3: Error: ...". */
export function gnuErrors(source: string): string[] {
  return withTempDir((dir) => {
    writeFileSync(join(dir, 'a.s'), source);
    try {
      execFileSync('as', ['--64', '-o', join(dir, 'a.o'), join(dir, 'a.s')], { stdio: ['ignore', 'ignore', 'pipe'] });
      return [];
    } catch (e) {
      const err = e as { stderr?: Buffer };
      return (err.stderr?.toString() ?? '').split('\n').filter((l) => l.includes('Error'));
    }
  });
}

export function hex(b: ArrayLike<number>): string {
  return Array.from(b, (x) => x.toString(16).padStart(2, '0')).join(' ');
}
