// Tokenizer for one statement. Numbers follow GNU as: 0x hex, 0b binary,
// leading-0 octal, decimal; 'c character constants; "strings" with C escapes
// (GNU as manual §3.6.1.1). `1f`/`1b` become local-label references.

export type TokenKind = 'ident' | 'number' | 'string' | 'punct' | 'localref';

export interface Token {
  kind: TokenKind;
  /** Source text of the token (for identifiers: as written). */
  text: string;
  /** 1-based column in the source line. */
  column: number;
  /** Numeric value for 'number' tokens and character constants. */
  value?: bigint;
  /** Decoded bytes for 'string' tokens. */
  bytes?: Uint8Array;
  /** For 'localref': 'f' (forward) or 'b' (backward). */
  direction?: 'f' | 'b';
}

export interface LexError {
  column: number;
  message: string;
}

const TWO_CHAR_PUNCT = ['<<', '>>', '==', '!=', '<>', '<=', '>=', '&&', '||'];

function isIdentStart(c: string): boolean {
  return /[A-Za-z_.$]/.test(c);
}
function isIdentChar(c: string): boolean {
  return /[A-Za-z0-9_.$]/.test(c);
}

export function tokenize(text: string, column: number): { tokens: Token[]; error?: LexError } {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i] ?? '';
    const col = column + i;
    if (c === ' ' || c === '\t' || c === '\f' || c === '\v') {
      i++;
      continue;
    }
    if (/[0-9]/.test(c)) {
      let j = i;
      while (j < text.length && isIdentChar(text[j] ?? '')) j++;
      const word = text.slice(i, j);
      const local = /^(\d+)([fb])$/.exec(word);
      if (local !== null && !/^0[xb]/i.test(word)) {
        tokens.push({ kind: 'localref', text: local[1] ?? '', column: col, direction: local[2] === 'f' ? 'f' : 'b' });
        i = j;
        continue;
      }
      const value = parseNumber(word);
      if (value === undefined) return { tokens, error: { column: col, message: `invalid number '${word}'` } };
      tokens.push({ kind: 'number', text: word, column: col, value });
      i = j;
      continue;
    }
    if (isIdentStart(c)) {
      let j = i + 1;
      while (j < text.length && isIdentChar(text[j] ?? '')) j++;
      tokens.push({ kind: 'ident', text: text.slice(i, j), column: col });
      i = j;
      continue;
    }
    if (c === '"') {
      const r = decodeString(text, i);
      if ('error' in r) return { tokens, error: { column: col, message: r.error } };
      tokens.push({ kind: 'string', text: text.slice(i, r.end), column: col, bytes: r.bytes });
      i = r.end;
      continue;
    }
    if (c === "'") {
      let j = i + 1;
      let value: number;
      if (text[j] === '\\') {
        // A backslash that ends the line escapes nothing.
        if (j + 1 >= text.length) return { tokens, error: { column: col, message: 'bad character constant' } };
        const esc = decodeEscape(text, j);
        value = esc.value;
        j = esc.end;
      } else if (j < text.length) {
        value = text.charCodeAt(j);
        j++;
      } else {
        return { tokens, error: { column: col, message: 'bad character constant' } };
      }
      if (text[j] === "'") j++;
      tokens.push({ kind: 'number', text: text.slice(i, j), column: col, value: BigInt(value) });
      i = j;
      continue;
    }
    const two = text.slice(i, i + 2);
    if (TWO_CHAR_PUNCT.includes(two)) {
      tokens.push({ kind: 'punct', text: two, column: col });
      i += 2;
      continue;
    }
    if (/[+\-*/%&|^~!()[\],:=<>#{}@`?\\]/.test(c)) {
      tokens.push({ kind: 'punct', text: c, column: col });
      i++;
      continue;
    }
    return { tokens, error: { column: col, message: `junk character '${c}'` } };
  }
  return { tokens };
}

export function parseNumber(word: string): bigint | undefined {
  let m: RegExpExecArray | null;
  if ((m = /^0[xX]([0-9a-fA-F]+)$/.exec(word)) !== null) return BigInt('0x' + (m[1] ?? ''));
  if ((m = /^0[bB]([01]+)$/.exec(word)) !== null) return BigInt('0b' + (m[1] ?? ''));
  if ((m = /^0([0-7]+)$/.exec(word)) !== null) return BigInt('0o' + (m[1] ?? ''));
  if (/^[0-9]+$/.test(word)) return BigInt(word);
  return undefined;
}

function decodeEscape(text: string, at: number): { value: number; end: number } {
  // text[at] === '\\'
  const e = text[at + 1] ?? '';
  const simple: Record<string, number> = { n: 10, t: 9, r: 13, b: 8, f: 12, v: 11, a: 7, e: 27, '\\': 92, '"': 34, "'": 39 };
  const s = simple[e];
  if (s !== undefined) return { value: s, end: at + 2 };
  if (/[0-7]/.test(e)) {
    let j = at + 1;
    let v = 0;
    while (j < text.length && j < at + 4 && /[0-7]/.test(text[j] ?? '')) {
      v = v * 8 + Number(text[j]);
      j++;
    }
    return { value: v & 0xff, end: j };
  }
  if (e === 'x' || e === 'X') {
    let j = at + 2;
    let v = 0;
    while (j < text.length && /[0-9a-fA-F]/.test(text[j] ?? '')) {
      v = (v * 16 + parseInt(text[j] ?? '0', 16)) & 0xff;
      j++;
    }
    return { value: v, end: j };
  }
  // GNU as keeps an unknown escaped character as itself.
  return { value: text.charCodeAt(at + 1), end: at + 2 };
}

function decodeString(text: string, start: number): { bytes: Uint8Array; end: number } | { error: string } {
  const out: number[] = [];
  let i = start + 1;
  while (i < text.length) {
    const c = text[i] ?? '';
    if (c === '"') return { bytes: Uint8Array.from(out), end: i + 1 };
    if (c === '\\') {
      const esc = decodeEscape(text, i);
      out.push(esc.value);
      i = esc.end;
      continue;
    }
    const code = text.codePointAt(i) ?? 0;
    // Non-ASCII characters are stored as UTF-8, as GNU as copies source bytes.
    const enc = utf8(code);
    for (const b of enc) out.push(b);
    i += code > 0xffff ? 2 : 1;
  }
  return { error: 'missing closing `"\'' };
}

function utf8(cp: number): number[] {
  if (cp < 0x80) return [cp];
  if (cp < 0x800) return [0xc0 | (cp >> 6), 0x80 | (cp & 63)];
  if (cp < 0x10000) return [0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63)];
  return [0xf0 | (cp >> 18), 0x80 | ((cp >> 12) & 63), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63)];
}
