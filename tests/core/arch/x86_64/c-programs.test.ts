// Whole C programs compiled by gcc against musl (static), run natively and on the
// emulated CPU (through the kernel's Machine): stdout and exit status must match.
// This exercises the instruction mix real compilers emit at -O0, -O2 and -Os.

import { describe, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Machine } from '../../../../core/machine.js';

const FIXTURES = join(import.meta.dirname, 'fixtures');

describe('C programs (musl-gcc -static) vs native', () => {
  for (const name of ['mix', 'algo', 'float']) {
    for (const opt of ['-O0', '-O2', '-Os']) {
      it(`${name}.c at ${opt} prints and exits as it does natively`, () => {
        const dir = mkdtempSync(join(tmpdir(), 'x86-c-'));
        try {
          const exe = join(dir, name);
          execFileSync('musl-gcc', ['-static', opt, '-o', exe, join(FIXTURES, `${name}.c`), '-lm']);
          const native = spawnSync(exe, { encoding: 'utf8' });
          let out = '';
          const m = Machine.fromElf(new Uint8Array(readFileSync(exe)), `/home/student/${name}`, {
            arch: 'x86_64',
            output: (_fd: number, b: Uint8Array) => {
              out += new TextDecoder().decode(b);
            },
          });
          const stop = m.run(200_000_000);
          expect(stop).toMatchObject({ kind: 'exit', code: native.status });
          expect(out).toBe(native.stdout);
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
      }, 120_000);
    }
  }
});
