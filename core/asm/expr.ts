// Expressions, parsed and evaluated with GNU as precedence (GNU as manual §6):
// highest  * / % << >>, then | & ^ !, then + - and comparisons, lowest && ||.
// Values are absolute numbers or "symbol + addend" (relocatable); the
// difference of two labels in one section is absolute.

import type { Token } from './lexer.js';

export type Expr =
  | { kind: 'num'; value: bigint; column: number }
  | { kind: 'sym'; name: string; column: number }
  | { kind: 'dot'; column: number }
  | { kind: 'unary'; op: string; arg: Expr; column: number }
  | { kind: 'binary'; op: string; left: Expr; right: Expr; column: number };

export type ExprValue =
  | {
      kind: 'abs';
      value: bigint;
      forward: boolean;
      /**
       * Not computable while parsing even though every symbol is defined: a
       * difference of labels separated by a variable-size item (relaxable jump,
       * alignment) — GNU's "different frags". x86 then avoids short immediates.
       */
      unresolved?: boolean;
    }
  | {
      kind: 'rel';
      /** Label the value is relative to (its section and current offset below). */
      symbol: string;
      section: string;
      /** Offset of symbol + addend inside `section`, as laid out in this pass. */
      offset: bigint;
      addend: bigint;
      forward: boolean;
      unresolved?: boolean;
      /** Variable-size items before the symbol in its section (GNU frag number), when known. */
      frag?: number;
    }
  | { kind: 'undefined'; symbol: string; addend: bigint };

export interface ExprError {
  column: number;
  message: string;
}

const LEVELS: readonly (readonly string[])[] = [
  ['||', '&&'],
  ['+', '-', '==', '!=', '<>', '<', '>', '<=', '>='],
  ['|', '&', '^', '!'],
  ['*', '/', '%', '<<', '>>'],
];

/** Parses tokens[start..end) as one expression; the whole range must be consumed. */
export function parseExpr(tokens: readonly Token[], start = 0, end = tokens.length): Expr | ExprError {
  const p = new ExprParser(tokens, start, end);
  const e = p.level(0);
  if ('message' in e) return e;
  if (p.pos < end) {
    const t = tokens[p.pos];
    return { column: t?.column ?? 0, message: `junk '${t?.text ?? ''}' after expression` };
  }
  return e;
}

class ExprParser {
  pos: number;
  constructor(
    private readonly tokens: readonly Token[],
    start: number,
    private readonly end: number,
  ) {
    this.pos = start;
  }

  private peek(): Token | undefined {
    return this.pos < this.end ? this.tokens[this.pos] : undefined;
  }

  level(n: number): Expr | ExprError {
    if (n >= LEVELS.length) return this.unary();
    let left = this.level(n + 1);
    if ('message' in left) return left;
    const ops = LEVELS[n] ?? [];
    for (;;) {
      const t = this.peek();
      if (t === undefined || t.kind !== 'punct' || !ops.includes(t.text)) return left;
      this.pos++;
      const right = this.level(n + 1);
      if ('message' in right) return right;
      left = { kind: 'binary', op: t.text, left, right, column: t.column };
    }
  }

  private unary(): Expr | ExprError {
    const t = this.peek();
    if (t === undefined) {
      const last = this.tokens[this.end - 1];
      return { column: last !== undefined ? last.column + last.text.length : 1, message: 'missing expression' };
    }
    if (t.kind === 'punct' && (t.text === '-' || t.text === '~' || t.text === '!' || t.text === '+')) {
      this.pos++;
      const arg = this.unary();
      if ('message' in arg) return arg;
      return t.text === '+' ? arg : { kind: 'unary', op: t.text, arg, column: t.column };
    }
    if (t.kind === 'punct' && t.text === '(') {
      this.pos++;
      const inner = this.level(0);
      if ('message' in inner) return inner;
      const close = this.peek();
      if (close === undefined || close.text !== ')') return { column: t.column, message: "missing ')'" };
      this.pos++;
      return inner;
    }
    this.pos++;
    if (t.kind === 'number') return { kind: 'num', value: t.value ?? 0n, column: t.column };
    if (t.kind === 'ident') return t.text === '.' ? { kind: 'dot', column: t.column } : { kind: 'sym', name: t.text, column: t.column };
    return { column: t.column, message: `bad expression: unexpected '${t.text}'` };
  }
}

/** Column where an expression starts (binary nodes carry their operator's column). */
export function exprStartColumn(e: Expr): number {
  return e.kind === 'binary' ? Math.min(exprStartColumn(e.left), e.column) : e.column;
}

export interface EvalEnv {
  /** Value of `.`: the current section and offset. */
  dot(): { section: string; offset: bigint; frag?: number };
  /** Value of a symbol, or undefined if it has no definition anywhere. */
  symbol(name: string): ExprValue | undefined;
}

const MASK64 = (1n << 64n) - 1n;

export function evaluate(expr: Expr, env: EvalEnv): ExprValue | ExprError {
  switch (expr.kind) {
    case 'num':
      return { kind: 'abs', value: expr.value, forward: false };
    case 'dot': {
      const d = env.dot();
      // `.` is relative to the section start; the linker resolves section names as symbols.
      const v: ExprValue = { kind: 'rel', symbol: d.section, section: d.section, offset: d.offset, addend: d.offset, forward: false };
      if (d.frag !== undefined) v.frag = d.frag;
      return v;
    }
    case 'sym':
      return env.symbol(expr.name) ?? { kind: 'undefined', symbol: expr.name, addend: 0n };
    case 'unary': {
      const a = evaluate(expr.arg, env);
      if ('message' in a) return a;
      if (a.kind !== 'abs') return { column: expr.column, message: `invalid operand for unary '${expr.op}'` };
      const v = expr.op === '-' ? -a.value : expr.op === '~' ? ~a.value : a.value === 0n ? 1n : 0n;
      return { kind: 'abs', value: v, forward: a.forward, unresolved: a.unresolved === true };
    }
    case 'binary': {
      const l = evaluate(expr.left, env);
      if ('message' in l) return l;
      const r = evaluate(expr.right, env);
      if ('message' in r) return r;
      return combine(expr.op, l, r, expr.column);
    }
  }
}

function combine(op: string, l: ExprValue, r: ExprValue, column: number): ExprValue | ExprError {
  if (l.kind === 'abs' && r.kind === 'abs') {
    const v = arith(op, l.value, r.value);
    if (v === undefined) return { column, message: 'division by zero' };
    return { kind: 'abs', value: v, forward: l.forward || r.forward, unresolved: l.unresolved === true || r.unresolved === true };
  }
  if (op === '+') {
    if (l.kind !== 'abs' && r.kind === 'abs') return addConst(l, r.value, r.forward, r.unresolved);
    if (l.kind === 'abs' && r.kind !== 'abs') return addConst(r, l.value, l.forward, l.unresolved);
  }
  if (op === '-') {
    if (l.kind !== 'abs' && r.kind === 'abs') return addConst(l, -r.value, r.forward, r.unresolved);
    if (l.kind === 'rel' && r.kind === 'rel') {
      if (l.section !== r.section)
        return { column, message: `invalid operands (${l.section} and ${r.section} sections) for '-'` };
      const crossesFrags = l.frag !== undefined && r.frag !== undefined && l.frag !== r.frag;
      return { kind: 'abs', value: l.offset - r.offset, forward: l.forward || r.forward, unresolved: crossesFrags || l.unresolved === true || r.unresolved === true };
    }
  }
  if (l.kind === 'undefined' || r.kind === 'undefined') {
    const u = l.kind === 'undefined' ? l : (r as { symbol: string });
    return { kind: 'undefined', symbol: u.symbol, addend: 0n };
  }
  return { column, message: `invalid operands for '${op}': only constants may be combined this way` };
}

function addConst(v: ExprValue, c: bigint, fwd: boolean, unresolved: boolean | undefined): ExprValue {
  if (v.kind === 'rel') return { ...v, offset: v.offset + c, addend: v.addend + c, forward: v.forward || fwd, unresolved: v.unresolved === true || unresolved === true };
  if (v.kind === 'undefined') return { ...v, addend: v.addend + c };
  return { ...v, value: v.value + c };
}

function arith(op: string, a: bigint, b: bigint): bigint | undefined {
  switch (op) {
    case '+':
      return a + b;
    case '-':
      return a - b;
    case '*':
      return a * b;
    case '/':
      return b === 0n ? undefined : a / b;
    case '%':
      return b === 0n ? undefined : a % b;
    case '<<':
      return b >= 64n || b < 0n ? 0n : (a << b) & MASK64;
    case '>>':
      return b >= 64n || b < 0n ? 0n : BigInt.asIntN(64, a) >> b;
    case '&':
      return a & b;
    case '|':
      return a | b;
    case '^':
      return a ^ b;
    case '!':
      return a | ~b; // GNU as: a "or not" b
    case '&&':
      return a !== 0n && b !== 0n ? 1n : 0n;
    case '||':
      return a !== 0n || b !== 0n ? 1n : 0n;
    // GNU as comparisons yield -1 for true, 0 for false.
    case '==':
      return a === b ? -1n : 0n;
    case '!=':
    case '<>':
      return a !== b ? -1n : 0n;
    case '<':
      return a < b ? -1n : 0n;
    case '>':
      return a > b ? -1n : 0n;
    case '<=':
      return a <= b ? -1n : 0n;
    case '>=':
      return a >= b ? -1n : 0n;
  }
  return undefined;
}
