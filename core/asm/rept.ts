// `.rept N` … `.endr` (GNU as manual "7.93 .rept"): the repeat count, and the
// cap every expansion (.rept, .irp, macros) shares. The expansion itself is in
// expand.ts.

import { evaluate, parseExpr } from './expr.js';
import { tokenize } from './lexer.js';
import type { StatementText } from './source-splitter.js';

// A teaching program never needs more; a typo such as `.rept 100000000` must end in an
// error rather than a frozen assembler (or a JS stack overflow from nested bodies).
export const MAX_REPT_STATEMENTS = 1 << 16;

/** The count of a `.rept` statement (its text starts with `.rept`): a constant, negative meaning 0. */
export function repeatCount(p: StatementText): number | { column: number; message: string } {
  const arg = p.text.slice(5);
  const lexed = tokenize(arg, p.column + 5);
  const e = lexed.error === undefined ? parseExpr(lexed.tokens) : { column: lexed.error.column, message: lexed.error.message };
  if ('message' in e) return { column: e.column, message: e.message };
  const v = evaluate(e, { dot: () => ({ section: '', offset: 0n }), symbol: () => undefined });
  if ('message' in v || v.kind !== 'abs') return { column: p.column, message: '.rept count must be a constant' };
  return v.value < 0n ? 0 : Number(v.value > BigInt(MAX_REPT_STATEMENTS) ? BigInt(MAX_REPT_STATEMENTS) + 1n : v.value);
}
