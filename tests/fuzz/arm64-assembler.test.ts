// Fuzzing the AArch64 assembler: token soup, arbitrary text and mutated lines from the
// GNU-checked corpus. Every input ends in an image or a list of positioned errors;
// nothing throws and no error is an "internal" one (a caught JS exception).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assembleArm64 } from '../../core/arch/arm64/assembler/assembler.js';
import { symbolFreeCorpus } from '../core/arch/arm64/assembler/corpus.js';
import { mutatedProgram, tokenSoup } from './asm-inputs.js';
import { FUZZ_TIMEOUT_MS, fuzzParams, Tally } from './fuzz-budget.js';

const WORDS = ['mov', 'movz', 'movk', 'add', 'adds', 'sub', 'ldr', 'str', 'ldp', 'stp', 'b', 'bl', 'b.eq', 'cbz', 'tbnz', 'adr', 'adrp', 'svc', 'ret', 'msr', 'mrs', 'ubfx', 'bfc',
  'x0', 'w0', 'x30', 'sp', 'wsp', 'xzr', 'lsl', 'uxtw', 'sxtx', '#0', '#1', '#4095', '#0x1000', '#-1', '[x1]', '[x1, #8]!', '[sp], #16', '=lbl', ':lo12:lbl', 'nzcv', 'tpidr_el0'];

const corpus = symbolFreeCorpus();

describe('AArch64 assembler fuzz', () => {
  it('answers every input with an image or positioned errors', () => {
    const tally = new Tally();
    const input = fc.oneof({ arbitrary: mutatedProgram(corpus), weight: 6 }, { arbitrary: tokenSoup(WORDS), weight: 3 }, { arbitrary: fc.string({ maxLength: 120, unit: 'binary' }), weight: 1 });
    fc.assert(
      fc.property(input, (src) => {
        const r = assembleArm64(`${src}\n`);
        if (r.ok) {
          tally.add('assembled');
          return;
        }
        tally.add('refused', r.errors[0]!.message);
        // Counted with the assembler's own line breaks (a lone CR ends a line too).
        const lines = src.split(/\r\n|\n|\r/).length + 1;
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
    console.log(tally.report('AArch64 assembler fuzz'));
    expect(tally.get('assembled')).toBeGreaterThan(500);
  }, FUZZ_TIMEOUT_MS);
});
