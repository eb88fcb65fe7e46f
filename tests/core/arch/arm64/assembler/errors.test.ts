// Bad inputs: each must fail with a positioned, readable error, and GNU as
// must reject the same line (so we never refuse what the reference accepts).

import { describe, expect, it } from 'vitest';
import { assembleArm64 } from '../../../../../core/arch/arm64/assembler/assembler.js';
import { gasErrors } from './gas.js';

interface BadCase {
  source: string;
  line: number;
  column: number;
  message: string;
  /** GNU as accepts it (e.g. an undefined symbol becomes a relocation); we reject by design. */
  gasAccepts?: boolean;
}

const CASES: BadCase[] = [
  { source: 'movv x0, #1', line: 1, column: 1, message: "unknown mnemonic 'movv'" },
  { source: 'nop\n  and x0, x1, #0x12345', line: 2, column: 16, message: 'immediate 0x12345 cannot be encoded as a logical immediate' },
  { source: 'ldr x0, [x1, #32768]', line: 1, column: 15, message: "offset out of range for 'ldr': 32768 (0..32760 in multiples of 8, or -256..255)" },
  { source: 'ldr x0, [x1, #-257]', line: 1, column: 15, message: "offset out of range for 'ldr': -257 (0..32760 in multiples of 8, or -256..255)" },
  { source: 'mov x0, w1', line: 1, column: 9, message: 'expected a 64-bit register' },
  { source: 'ret w0', line: 1, column: 5, message: 'expected a 64-bit register' },
  { source: 'ldrb x0, [x1]', line: 1, column: 6, message: 'expected a 32-bit register' },
  { source: 'add x0, x1, #4096, lsl #12', line: 1, column: 14, message: 'immediate 0x1000 out of range 0..4095' },
  { source: 'svc #0x10000', line: 1, column: 6, message: 'immediate 65536 out of range 0..65535' },
  { source: 'lsl x0, x1, #64', line: 1, column: 14, message: 'shift amount 64 out of range 0..63' },
  { source: 'ldp x0, x1, [x2, #4]', line: 1, column: 19, message: "offset 4 must be a multiple of 8 for 'ldp'" },
  { source: 'stp x0, x1, [x2], #512', line: 1, column: 20, message: "offset out of range for 'stp': 512 (-512..504)" },
  { source: 'tbz w0, #32, .', line: 1, column: 10, message: 'bit number 32 out of range 0..31' },
  { source: 'cset x0, al', line: 1, column: 10, message: "condition 'al' is not allowed for 'cset'" },
  { source: 'mrs x0, foo_el1', line: 1, column: 9, message: "unknown system register 'foo_el1'" },
  { source: 'mov x0, #0x1234567', line: 1, column: 10, message: 'immediate 0x1234567 cannot be moved in one instruction (not a wide or logical immediate)' },
  { source: 'add x0, xzr, #1', line: 1, column: 9, message: "'xzr' is not allowed here (register 31 means sp in this operand)" },
  { source: 'adds sp, x0, #1', line: 1, column: 6, message: "'sp' is not allowed here (use xzr for register 31)" },
  { source: 'mov x0, 1, 2', line: 1, column: 12, message: "too many operands for 'mov'" },
  { source: 'b.eq', line: 1, column: 1, message: "too few operands for 'b.eq'" },
  { source: 'cbz x0, 1f\n.skip 1048576\n1: nop', line: 1, column: 9, message: "branch out of range for 'cbz' (must be within 1 MiB)" },
  { source: 'ldr x0, [x1, w2]', line: 1, column: 14, message: 'expected a 64-bit index register (or add uxtw/sxtw)' },
  { source: 'add x0, x1, x2, ror #3', line: 1, column: 17, message: "expected 'lsl', 'lsr' or 'asr'" },
  { source: 'movz x0, #1, lsl #8', line: 1, column: 19, message: 'shift amount must be 0, 16, 32 or 48' },
  { source: 'ldr x0, [x1, x2, lsl #2]', line: 1, column: 23, message: "shift amount must be 0 or 3 for 'ldr'" },
  { source: 'orr w0, w1, #0x100000000', line: 1, column: 14, message: 'immediate 0x100000000 out of range for a 32-bit register' },
  { source: 'bics x0, x1, #1', line: 1, column: 14, message: "'bics' has no immediate form" },
  { source: 'msr daifset, #16', line: 1, column: 15, message: 'immediate 16 out of range 0..15' },
  { source: 'bal .', line: 1, column: 1, message: "unknown mnemonic 'bal'" },
  { source: 'mov x0, rax', line: 1, column: 9, message: "'rax' is not an AArch64 register (use x0-x30, w0-w30, sp, wsp, xzr or wzr)" },
  { source: 'add x32, x1, #1', line: 1, column: 5, message: "'x32' is not an AArch64 register (use x0-x30, w0-w30, sp, wsp, xzr or wzr)" },
  { source: 'syscall', line: 1, column: 1, message: "unknown mnemonic 'syscall'" },
  { source: 'movq %rax, [rbx', line: 1, column: 1, message: "unknown mnemonic 'movq'" },
  // GNU as takes 'x1' here as a symbol name for a literal load; we refuse it on purpose.
  { source: 'ldr x0, x1', line: 1, column: 9, message: 'expected an address: [Xn, ...], a label, or =value', gasAccepts: true },
  { source: 'b nowhere', line: 1, column: 3, message: "undefined symbol 'nowhere'", gasAccepts: true },
];

describe('AArch64 assembler errors', () => {
  for (const c of CASES) {
    it(`rejects ${JSON.stringify(c.source)}`, () => {
      const r = assembleArm64(c.source + '\n');
      expect(r.ok).toBe(false);
      if (r.ok) return;
      expect(r.errors[0]).toEqual({ line: c.line, column: c.column, message: c.message });
      const gas = gasErrors(c.source + '\n');
      if (c.gasAccepts) expect(gas).not.toMatch(/Error/);
      else expect(gas).toMatch(new RegExp(`:${c.line}: Error:`));
    });
  }
  it('reports every bad line of a file, in order, and still assembles good lines around them', () => {
    const r = assembleArm64('nop\nmovv x0, x1\nadd x0, x1, #1\nand w0, w1, #0\n');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.map((e) => e.line)).toEqual([2, 4]);
  });
});
