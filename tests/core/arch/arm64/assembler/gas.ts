// Helpers that run Debian's cross binutils (aarch64-linux-gnu-as/ld/objcopy)
// on the same source our assembler sees, for byte-for-byte comparison.

import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export function withTempDir<T>(fn: (dir: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'a64asm-'));
  try {
    return fn(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Assemble with GNU as and return the raw bytes of `.text`. Throws with as's stderr on error. */
export function gasText(source: string): Uint8Array {
  return withTempDir((dir) => {
    const s = join(dir, 'in.s');
    const o = join(dir, 'in.o');
    const b = join(dir, 'text.bin');
    writeFileSync(s, source);
    execFileSync('aarch64-linux-gnu-as', [s, '-o', o], { stdio: ['ignore', 'pipe', 'pipe'] });
    execFileSync('aarch64-linux-gnu-objcopy', ['-O', 'binary', '--only-section=.text', o, b]);
    return new Uint8Array(readFileSync(b));
  });
}

/** GNU as error messages for `source` ('' if it assembles). */
export function gasErrors(source: string): string {
  return withTempDir((dir) => {
    const s = join(dir, 'in.s');
    writeFileSync(s, source);
    try {
      execFileSync('aarch64-linux-gnu-as', [s, '-o', join(dir, 'in.o')], { stdio: ['ignore', 'pipe', 'pipe'] });
      return '';
    } catch (e) {
      const err = e as { stderr?: Buffer };
      return err.stderr?.toString() ?? 'failed';
    }
  });
}

export function wordsLE(bytes: Uint8Array): number[] {
  const out: number[] = [];
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let i = 0; i + 4 <= bytes.length; i += 4) out.push(dv.getUint32(i, true));
  return out;
}
