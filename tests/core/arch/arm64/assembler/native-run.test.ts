// Point 4 of the assembler's proof: the same AArch64 program assembled by GNU
// as and by assembleArm64, linked by GNU ld at the same address, must give the
// same linked bytes, and under qemu-aarch64 the same stdout, exit status and
// system-call sequence (qemu -strace).

import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { assembleArm64 } from '../../../../../core/arch/arm64/assembler/assembler.js';
import { elfObject } from './elf-object.js';
import { gasObject, ldLink, qemuRun, siAddrVaries, sectionBytes, withTempDir } from './gas.js';

const CONFORMANCE = join(import.meta.dirname, '../../../../conformance/arm64');

function buildBoth(source: string, dir: string): { ours: string; gas: string } {
  const r = assembleArm64(source);
  if (!r.ok) throw new Error(r.errors.map((e) => `${e.line}:${e.column}: ${e.message}`).join('\n'));
  const ours = ldLink(elfObject(r.image), dir, 'ours');
  const gas = ldLink(gasObject(source, dir, 'gas'), dir, 'gas');
  return { ours, gas };
}

/** What each program must do, independent of which assembler built it. */
const EXPECTED: Record<string, { stdout?: string; status: number }> = {
  'book-write.s': { stdout: 'Direct write call', status: 0 },
  'enosys.s': { stdout: '', status: 38 },
  'cat-loop.s': { stdout: 'first line\nsecond line\nthird\n', status: 0 },
  'fd-upper-half.s': { stdout: 'upper half ignored\n', status: 19 },
  'kernel-load.s': { stdout: '', status: 128 + 11 },
  'efault.s': { stdout: '', status: 14 },
  'privileged.s': { stdout: '', status: 128 + 4 },
  'mmap-anon.s': { stdout: 'Z\n', status: 0 },
  'brk-grow.s': { stdout: '', status: 0 },
  'store-to-text.s': { stdout: '', status: 128 + 11 },
  'sigsegv-handler.s': { stdout: 'caught SIGSEGV\n', status: 42 },
  'read-efault.s': { stdout: '', status: 14 },
  'openat-devnull.s': { stdout: '', status: 3 },
};

describe('programs under qemu-aarch64: ours vs GNU as', () => {
  const files = readdirSync(CONFORMANCE).filter((f) => f.endsWith('.s')).sort();
  it('finds the conformance programs', () => {
    expect(files).toContain('book-write.s');
  });
  for (const file of files) {
    it(`${file}: same linked bytes, stdout, status and syscalls`, () => {
      const source = readFileSync(join(CONFORMANCE, file), 'utf8');
      const stdinMatch = /^\/\/ stdin: (.*)$/m.exec(source);
      const stdin = stdinMatch ? JSON.parse(stdinMatch[1] ?? '""') as string : '';
      withTempDir((dir) => {
        const { ours, gas } = buildBoth(source, dir);
        for (const sec of ['.text', '.data']) expect(Buffer.from(sectionBytes(ours, sec, dir)).toString('hex')).toBe(Buffer.from(sectionBytes(gas, sec, dir)).toString('hex'));
        const mask = { maskSiAddr: siAddrVaries(source) };
        const a = qemuRun(ours, stdin, mask);
        const b = qemuRun(gas, stdin, mask);
        expect(a.stdout).toBe(b.stdout);
        expect(a.status).toBe(b.status);
        expect(a.strace).toEqual(b.strace);
        expect(a.strace.length).toBeGreaterThan(0);
        const expected = EXPECTED[file];
        if (expected) {
          if (expected.stdout !== undefined) expect(a.stdout).toBe(expected.stdout);
          expect(a.status).toBe(expected.status);
        }
      });
    });
  }
});
