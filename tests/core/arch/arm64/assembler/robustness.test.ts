// Garbage in, diagnostics out: random operand soup for every mnemonic must
// come back as positioned errors or bytes, never as a thrown exception or an
// "internal assembler error" (which would mean an encoder bug escaped).

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assembleArm64 } from '../../../../../core/arch/arm64/assembler/assembler.js';

const MNEMONICS = [
  'mov', 'movz', 'movk', 'add', 'subs', 'cmp', 'neg', 'and', 'orr', 'bic', 'tst', 'mvn', 'lsl', 'ror', 'ubfx', 'bfi', 'sxtw', 'uxtb', 'mul', 'madd',
  'udiv', 'umulh', 'smull', 'csel', 'cset', 'cinc', 'ldr', 'strb', 'ldrsw', 'ldur', 'ldp', 'stp', 'ldpsw', 'adr', 'adrp', 'b', 'bl', 'b.ne', 'cbz',
  'tbnz', 'br', 'ret', 'svc', 'eret', 'msr', 'mrs', 'dsb', 'isb', 'nop', 'ldxr', 'stxr', 'stlr', 'tlbi', 'dc', 'ccmp', 'adc', 'rev', 'ldtr', 'hint',
];
const PIECES = [
  'x0', 'w1', 'sp', 'wsp', 'xzr', 'wzr', 'x30', '#1', '#-8', '#0x1000', '#4096', '#', '[x1]', '[sp, #16]!', '[x2], #8', '[x3, x4, lsl #3]', '[x5, w6, sxtw]',
  '[', ']', '!', 'lsl #12', 'lsl', 'uxtw #2', 'sxtx', 'ror #3', '=0x1234', '=lab', 'lab', ':lo12:lab', '#:lo12:lab', ':abs_g1:lab', 'eq', 'al', 'nv',
  'daifset', 'vbar_el1', 'nzcv', 'ish', 'vmalle1', 'civac', '(1 << 4)', '1 +', "'a'", '""', '0x', '.', '.+4', ',', ' ', '99999999999999999999999',
];

describe('assembleArm64 robustness', () => {
  it('never throws and never reports an internal error', () => {
    fc.assert(
      fc.property(fc.constantFrom(...MNEMONICS), fc.array(fc.constantFrom(...PIECES), { maxLength: 6 }), fc.boolean(), (m, parts, commas) => {
        const line = `${m} ${parts.join(commas ? ', ' : ' ')}`;
        const r = assembleArm64(`lab: nop\n${line}\n`);
        if (!r.ok) {
          for (const e of r.errors) {
            expect(e.message).not.toMatch(/internal assembler error/);
            expect(e.line).toBeGreaterThanOrEqual(1);
            expect(e.column).toBeGreaterThanOrEqual(1);
          }
        }
      }),
      { numRuns: 2000, seed: 7 },
    );
  }, 120_000);
});
