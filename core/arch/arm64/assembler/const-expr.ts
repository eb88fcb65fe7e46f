// A small constant-expression evaluator for immediates (`#(1 << 12) | 3`, `#-8`,
// `#'a'`). Operators and precedence follow GNU as (as.info "Infix Ops"):
// unary - ~ !; then * / % << >>; then | & ^ !; then + - == != < > <= >=; then && ||.
// Symbols are looked up through a callback; an unknown name makes the whole
// expression non-constant (undefined), which the caller turns into a fixup.

export type SymbolLookup = (name: string) => bigint | undefined;

class NotConstant extends Error {}

export class ExprSyntaxError extends Error {}

const LEVELS: readonly (readonly string[])[] = [
  ['||'],
  ['&&'],
  ['+', '-', '==', '!=', '<>', '<', '>', '<=', '>='],
  ['|', '&', '^', '!'],
  ['*', '/', '%', '<<', '>>'],
];

const TOKEN_RE = /\s*(0[xX][0-9a-fA-F]+|0[bB][01]+|[0-9]+|'(?:\\.|[^'\\])'?|[A-Za-z_.$][A-Za-z0-9_.$]*|<<|>>|<=|>=|==|!=|<>|&&|\|\||[-+*/%|&^!~()<>])/y;

function tokenize(text: string): string[] {
  const out: string[] = [];
  TOKEN_RE.lastIndex = 0;
  let pos = 0;
  while (pos < text.length) {
    if (/^\s*$/.test(text.slice(pos))) break;
    TOKEN_RE.lastIndex = pos;
    const m = TOKEN_RE.exec(text);
    if (!m) throw new ExprSyntaxError(`unexpected character '${text.slice(pos).trim()[0] ?? ''}' in expression`);
    out.push(m[1] ?? '');
    pos = TOKEN_RE.lastIndex;
  }
  return out;
}

function parseNumber(tok: string): bigint | undefined {
  if (/^0[xX][0-9a-fA-F]+$/.test(tok) || /^0[bB][01]+$/.test(tok)) return BigInt(tok.toLowerCase());
  if (/^0[0-7]+$/.test(tok)) return BigInt('0o' + tok.slice(1));
  if (/^[0-9]+$/.test(tok)) return BigInt(tok);
  if (tok.startsWith("'")) {
    const body = tok.endsWith("'") && tok.length > 2 ? tok.slice(1, -1) : tok.slice(1);
    const ch = body.startsWith('\\') ? unescapeChar(body[1] ?? '') : body;
    return BigInt(ch.charCodeAt(0));
  }
  return undefined;
}

function unescapeChar(c: string): string {
  const map: Record<string, string> = { n: '\n', t: '\t', r: '\r', '0': '\0', b: '\b', f: '\f' };
  return map[c] ?? c;
}

const MASK64 = (1n << 64n) - 1n;
const wrap = (v: bigint): bigint => BigInt.asIntN(64, v & MASK64);

/**
 * Evaluate `text` as a 64-bit two's-complement constant. Returns undefined when
 * a symbol is not known yet; throws ExprSyntaxError on malformed text.
 */
export function evalConstExpr(text: string, lookup: SymbolLookup = () => undefined): bigint | undefined {
  const toks = tokenize(text);
  if (toks.length === 0) throw new ExprSyntaxError('missing expression');
  let i = 0;
  const peek = (): string | undefined => toks[i];
  const primary = (): bigint => {
    const t = toks[i++];
    if (t === undefined) throw new ExprSyntaxError('unexpected end of expression');
    if (t === '(') {
      const v = binary(0);
      if (toks[i++] !== ')') throw new ExprSyntaxError("missing ')'");
      return v;
    }
    if (t === '-') return wrap(-primary());
    if (t === '+') return primary();
    if (t === '~') return wrap(~primary());
    if (t === '!') return primary() === 0n ? 1n : 0n;
    const n = parseNumber(t);
    if (n !== undefined) return wrap(n);
    if (/^[A-Za-z_.$]/.test(t)) {
      const v = lookup(t);
      if (v === undefined) throw new NotConstant();
      return v;
    }
    throw new ExprSyntaxError(`unexpected '${t}' in expression`);
  };
  const apply = (op: string, a: bigint, b: bigint): bigint => {
    switch (op) {
      case '||': return a !== 0n || b !== 0n ? 1n : 0n;
      case '&&': return a !== 0n && b !== 0n ? 1n : 0n;
      case '+': return wrap(a + b);
      case '-': return wrap(a - b);
      case '==': return a === b ? -1n : 0n;
      case '!=': case '<>': return a !== b ? -1n : 0n;
      case '<': return a < b ? -1n : 0n;
      case '>': return a > b ? -1n : 0n;
      case '<=': return a <= b ? -1n : 0n;
      case '>=': return a >= b ? -1n : 0n;
      case '|': return wrap(a | b);
      case '&': return wrap(a & b);
      case '^': return wrap(a ^ b);
      case '!': return wrap(a | ~b);
      case '*': return wrap(a * b);
      case '/': if (b === 0n) throw new ExprSyntaxError('division by zero'); return wrap(a / b);
      case '%': if (b === 0n) throw new ExprSyntaxError('division by zero'); return wrap(a % b);
      case '<<': return b >= 64n || b < 0n ? 0n : wrap(a << b);
      case '>>': return b >= 64n || b < 0n ? (a < 0n ? -1n : 0n) : wrap(a >> b);
      default: throw new ExprSyntaxError(`unknown operator '${op}'`);
    }
  };
  const binary = (level: number): bigint => {
    if (level >= LEVELS.length) return primary();
    let left = binary(level + 1);
    for (;;) {
      const op = peek();
      if (op === undefined || !(LEVELS[level] ?? []).includes(op)) return left;
      i++;
      left = apply(op, left, binary(level + 1));
    }
  };
  try {
    const v = binary(0);
    if (i !== toks.length) throw new ExprSyntaxError(`unexpected '${toks[i] ?? ''}' in expression`);
    return v;
  } catch (e) {
    if (e instanceof NotConstant) return undefined;
    throw e;
  }
}
