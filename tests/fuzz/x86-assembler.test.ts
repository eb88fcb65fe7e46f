// Fuzzing the x86-64 assembler: token soup, arbitrary text and mutated lines from the
// GNU-checked corpus. Every input ends in an image or a list of positioned errors;
// nothing throws and no error is an "internal" one (a caught JS exception).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assembleX86 } from '../../core/arch/x86_64/assembler/x86-backend.js';
import { generateCorpus } from '../core/arch/x86_64/assembler/corpus.js';
import { mutatedProgram, tokenSoup } from './asm-inputs.js';
import { FUZZ_TIMEOUT_MS, fuzzParams, Tally } from './fuzz-budget.js';

const WORDS = ['mov', 'add', 'jmp', 'je', 'call', 'lea', 'push', 'pop', 'rep', 'lock', 'movabs', 'movzx', 'imul', 'shl', 'xchg', 'nop', 'int', 'syscall', 'ret',
  'rax', 'eax', 'ax', 'al', 'ah', 'r8', 'r8b', 'spl', 'rip', 'fs', 'cr3', 'ds', 'xmm0', 'QWORD', 'DWORD', 'BYTE', 'PTR', 'OFFSET', 'FLAT', '.intel_syntax', 'noprefix'];

const corpus = [...generateCorpus(), ...[0, 1, 2].map(() => 'lea rsi, [rip + lbl]')];

describe('x86-64 assembler fuzz', () => {
  it('answers every input with an image or positioned errors', () => {
    const tally = new Tally();
    const input = fc.oneof({ arbitrary: mutatedProgram(corpus), weight: 6 }, { arbitrary: tokenSoup(WORDS), weight: 3 }, { arbitrary: fc.string({ maxLength: 120, unit: 'binary' }), weight: 1 });
    fc.assert(
      fc.property(input, (src) => {
        const r = assembleX86(`.intel_syntax noprefix\n${src}\n`);
        if (r.ok) {
          tally.add('assembled');
          return;
        }
        tally.add('refused', r.errors[0]!.message);
        // Counted with the assembler's own line breaks (a lone CR ends a line too).
        const lines = src.split(/\r\n|\n|\r/).length + 2;
        for (const e of r.errors) {
          expect(e.message).not.toMatch(/internal/i);
          expect(e.message.length).toBeGreaterThan(0);
          expect(e.line).toBeGreaterThanOrEqual(1);
          expect(e.line).toBeLessThanOrEqual(lines);
          expect(e.column).toBeGreaterThanOrEqual(1);
        }
      }),
      fuzzParams(),
    );
    console.log(tally.report('x86-64 assembler fuzz'));
    expect(tally.get('assembled')).toBeGreaterThan(500);
  }, FUZZ_TIMEOUT_MS);
});
