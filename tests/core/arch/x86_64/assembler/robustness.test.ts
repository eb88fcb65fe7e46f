// Hostile source text: the assembler must answer with positioned errors, never
// throw and never report an internal error, whatever the editor sends it.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assembleX86 } from '../../../../../core/arch/x86_64/assembler/x86-backend.js';

const WORDS = [
  'mov', 'add', 'jmp', 'je', 'call', 'lea', 'push', 'rep', 'lock', 'movabs', 'movzx', 'imul', 'shl', 'xchg', 'nop', 'int',
  'rax', 'eax', 'ax', 'al', 'ah', 'r8b', 'spl', 'rip', 'fs', 'cr3', 'ds', 'QWORD', 'BYTE', 'PTR', 'OFFSET', 'FLAT',
  '[', ']', '+', '-', '*', '/', '%', '<<', '>>', '(', ')', ',', ':', ';', '#', '//', '/*', '*/', '"', "'", '=', '.', '$', '!', '~',
  '0', '1', '-1', '0x80', '0xffffffffffffffff', '1f', '1b', '1:', 'lbl', 'lbl:', '.byte', '.quad', '.ascii', '.align', '.skip',
  '.equ', '.section', '.data', '.bss', '.globl', '.p2align', '.fill', '"str"', "'a'", '\\', '\n', ' ',
];

describe('x86 assembler on random input', () => {
  it('never throws or reports an internal error', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...WORDS), { maxLength: 40 }), (words) => {
        const src = words.join(' ');
        const r = assembleX86(src);
        if (!r.ok) {
          expect(r.errors.length).toBeGreaterThan(0);
          for (const e of r.errors) {
            expect(e.message).not.toMatch(/internal/);
            expect(e.line).toBeGreaterThanOrEqual(1);
            expect(e.column).toBeGreaterThanOrEqual(1);
          }
        }
      }),
      { numRuns: 1500 },
    );
  });

  it('survives arbitrary unicode text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (src) => {
        const r = assembleX86(src);
        if (!r.ok) for (const e of r.errors) expect(e.message).not.toMatch(/internal/);
      }),
      { numRuns: 1000 },
    );
  });
});
