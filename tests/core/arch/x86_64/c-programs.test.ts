// Whole C programs compiled by gcc against musl (static), run natively and on the
// emulated CPU (through the kernel's Machine): stdout and exit status must match.
// This exercises the instruction mix real compilers emit at -O0, -O2 and -Os.

import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Machine } from '../../../../core/machine.js';

const SOURCE = join(import.meta.dirname, 'fixtures', 'mix.c');

describe('C programs (musl-gcc -static) vs native', () => {
  for (const opt of ['-O0', '-O2', '-Os']) {
    it(`mix.c at ${opt} prints what it prints natively`, () => {
      const dir = mkdtempSync(join(tmpdir(), 'x86-c-'));
      try {
        const exe = join(dir, 'mix');
        execFileSync('musl-gcc', ['-static', opt, '-o', exe, SOURCE]);
        const native = execFileSync(exe).toString();
        let out = '';
        const m = Machine.fromElf(new Uint8Array(readFileSync(exe)), '/home/student/mix', {
          arch: 'x86_64',
          output: (_fd: number, b: Uint8Array) => {
            out += new TextDecoder().decode(b);
          },
        });
        const stop = m.run(200_000_000);
        expect(stop).toMatchObject({ kind: 'exit', code: 0 });
        expect(out).toBe(native);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  }
});
