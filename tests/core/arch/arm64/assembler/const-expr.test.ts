// The encoder's stand-alone constant evaluator (used when the encoder runs
// without the front end): GNU as precedence and number syntax.

import { describe, expect, it } from 'vitest';
import { evalConstExpr, ExprSyntaxError } from '../../../../../core/arch/arm64/assembler/const-expr.js';

describe('evalConstExpr', () => {
  it('follows GNU as precedence and number forms', () => {
    expect(evalConstExpr('1 + 2 * 3')).toBe(7n);
    expect(evalConstExpr('1 << 4 + 1')).toBe(17n); // << binds tighter than + in GNU as
    expect(evalConstExpr('0x10 | 0b1 | 010')).toBe(0x19n);
    expect(evalConstExpr("'A' + 1")).toBe(66n);
    expect(evalConstExpr('-(1 << 63)')).toBe(-(1n << 63n));
    expect(evalConstExpr('~0')).toBe(-1n);
    expect(evalConstExpr('3 == 3')).toBe(-1n);
  });
  it('returns undefined for symbols it cannot resolve and uses the lookup otherwise', () => {
    expect(evalConstExpr('label + 4')).toBeUndefined();
    expect(evalConstExpr('n * 2', (s) => (s === 'n' ? 21n : undefined))).toBe(42n);
  });
  it('throws on malformed text', () => {
    expect(() => evalConstExpr('1 +')).toThrow(ExprSyntaxError);
    expect(() => evalConstExpr('(1')).toThrow(ExprSyntaxError);
    expect(() => evalConstExpr('4 / 0')).toThrow(ExprSyntaxError);
  });
});
