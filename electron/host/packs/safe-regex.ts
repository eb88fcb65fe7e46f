// A safe regex subset for `stdout: { matches }`. Packs are untrusted, and a JS
// RegExp can backtrack for ever (ReDoS), so patterns compile to a Thompson NFA
// run as a Pike VM: time is O(input × states), never exponential.
// Supported: literals, escapes (\d \w \s \D \W \S \n \t \r and escaped
// metacharacters), `.`, [classes] with ranges and ^negation, ( ) and (?: ),
// |, * + ? (a trailing lazy ? is accepted; it cannot change whether a match
// exists), {n} {n,} {n,m}, and ^ $ anchored at the start/end of the whole text.
// Not supported: backreferences, lookaround, named groups, flags, \b.

export const MAX_PATTERN_LENGTH = 200;
export const MAX_INPUT_LENGTH = 256 * 1024;
const MAX_STATES = 2000;
const MAX_REPEAT = 100;

type Test = (c: number) => boolean;
type Ast =
  | { k: 'char'; test: Test }
  | { k: 'seq'; items: Ast[] }
  | { k: 'alt'; options: Ast[] }
  | { k: 'repeat'; node: Ast; min: number; max: number }
  | { k: 'bol' }
  | { k: 'eol' };

type State =
  | { kind: 'char'; test: Test; next: number }
  | { kind: 'split'; a: number; b: number }
  | { kind: 'bol' | 'eol'; next: number }
  | { kind: 'match' };

export class SafeRegexError extends Error {}

export interface SafeRegex {
  source: string;
  test(input: string): boolean;
}

export function compileSafeRegex(source: string): SafeRegex {
  if (source.length > MAX_PATTERN_LENGTH) throw new SafeRegexError(`pattern longer than ${MAX_PATTERN_LENGTH} characters`);
  const ast = new Parser(source).parse();
  const states: State[] = [{ kind: 'match' }];
  const start = compile(ast, 0, states);
  return { source, test: (input) => run(states, start, input) };
}

const isDigit: Test = (c) => c >= 48 && c <= 57;
const isWord: Test = (c) => isDigit(c) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
const isSpace: Test = (c) => c === 32 || (c >= 9 && c <= 13);

class Parser {
  private pos = 0;
  constructor(private readonly src: string) {}

  parse(): Ast {
    const ast = this.alt();
    if (this.pos < this.src.length) this.fail(`unexpected '${this.src[this.pos]}'`);
    return ast;
  }

  private fail(message: string): never {
    throw new SafeRegexError(`${message} at offset ${this.pos}`);
  }

  private peek(): string | undefined {
    return this.src[this.pos];
  }

  private alt(): Ast {
    const options = [this.seq()];
    while (this.peek() === '|') {
      this.pos++;
      options.push(this.seq());
    }
    return options.length === 1 && options[0] ? options[0] : { k: 'alt', options };
  }

  private seq(): Ast {
    const items: Ast[] = [];
    for (let c = this.peek(); c !== undefined && c !== '|' && c !== ')'; c = this.peek()) {
      items.push(this.quantified(this.atom()));
    }
    return { k: 'seq', items };
  }

  private quantified(node: Ast): Ast {
    let out = node;
    for (;;) {
      const c = this.peek();
      let min: number;
      let max: number;
      if (c === '*') [min, max] = [0, Infinity];
      else if (c === '+') [min, max] = [1, Infinity];
      else if (c === '?') [min, max] = [0, 1];
      else if (c === '{' && /^\{\d+(,\d*)?\}/.test(this.src.slice(this.pos))) {
        const m = /^\{(\d+)(,(\d*))?\}/.exec(this.src.slice(this.pos));
        if (!m) this.fail('bad repeat');
        min = Number(m[1]);
        max = m[2] === undefined ? min : m[3] === '' || m[3] === undefined ? Infinity : Number(m[3]);
        if (min > MAX_REPEAT || (max !== Infinity && max > MAX_REPEAT)) this.fail(`repeat count above ${MAX_REPEAT}`);
        if (max < min) this.fail('repeat {n,m} with m < n');
        this.pos += m[0].length - 1;
      } else return out;
      this.pos++;
      if (out.k === 'bol' || out.k === 'eol') this.fail('quantifier after an anchor');
      if (this.peek() === '?') this.pos++; // lazy: same match/no-match answer
      out = { k: 'repeat', node: out, min, max };
    }
  }

  private atom(): Ast {
    const c = this.src[this.pos++];
    switch (c) {
      case '(': {
        if (this.peek() === '?') {
          if (this.src[this.pos + 1] !== ':') this.fail('lookaround and named groups are not supported');
          this.pos += 2;
        }
        const inner = this.alt();
        if (this.peek() !== ')') this.fail("missing ')'");
        this.pos++;
        return inner;
      }
      case '[':
        return { k: 'char', test: this.charClass() };
      case '.':
        return { k: 'char', test: (x) => x !== 10 };
      case '^':
        return { k: 'bol' };
      case '$':
        return { k: 'eol' };
      case '\\':
        return { k: 'char', test: this.escape(false) };
      case '*':
      case '+':
      case '?':
        return this.fail('nothing to repeat');
      case undefined:
        return this.fail('unexpected end');
      default: {
        const code = c.charCodeAt(0);
        return { k: 'char', test: (x) => x === code };
      }
    }
  }

  private escape(inClass: boolean): Test {
    const c = this.src[this.pos++];
    if (c === undefined) this.fail('trailing backslash');
    switch (c) {
      case 'd': return isDigit;
      case 'D': return (x) => !isDigit(x);
      case 'w': return isWord;
      case 'W': return (x) => !isWord(x);
      case 's': return isSpace;
      case 'S': return (x) => !isSpace(x);
      case 'n': return (x) => x === 10;
      case 't': return (x) => x === 9;
      case 'r': return (x) => x === 13;
      default:
        if (/[0-9]/.test(c)) this.fail('backreferences are not supported');
        if (/[A-Za-z]/.test(c) && !(inClass && c === 'b')) this.fail(`unsupported escape \\${c}`);
        return ((code) => (x: number) => x === code)(c.charCodeAt(0));
    }
  }

  private charClass(): Test {
    const negate = this.peek() === '^';
    if (negate) this.pos++;
    const parts: Test[] = [];
    let first = true;
    while (this.peek() !== ']' || first) {
      first = false;
      const c = this.src[this.pos++];
      if (c === undefined) this.fail("missing ']'");
      let lo: number | null = null;
      if (c === '\\') {
        const before = this.pos;
        const t = this.escape(true);
        const esc = this.src[before] ?? '';
        if (/[dDwWsS]/.test(esc)) {
          parts.push(t);
          continue;
        }
        lo = esc === 'n' ? 10 : esc === 't' ? 9 : esc === 'r' ? 13 : esc.charCodeAt(0);
      } else lo = c.charCodeAt(0);
      if (this.peek() === '-' && this.src[this.pos + 1] !== ']' && this.src[this.pos + 1] !== undefined) {
        this.pos++;
        let hiChar = this.src[this.pos++] ?? '';
        if (hiChar === '\\') hiChar = this.src[this.pos++] ?? '';
        const hi = hiChar.charCodeAt(0);
        if (hi < lo) this.fail('range out of order');
        const l = lo;
        parts.push((x) => x >= l && x <= hi);
      } else {
        const l = lo;
        parts.push((x) => x === l);
      }
    }
    this.pos++;
    return negate ? (x) => !parts.some((t) => t(x)) : (x) => parts.some((t) => t(x));
  }
}

/** Builds states back to front: returns the entry state of `node` whose exit is `next`. */
function compile(node: Ast, next: number, states: State[]): number {
  const push = (s: State): number => {
    if (states.length >= MAX_STATES) throw new SafeRegexError(`pattern too large (over ${MAX_STATES} states)`);
    states.push(s);
    return states.length - 1;
  };
  switch (node.k) {
    case 'char':
      return push({ kind: 'char', test: node.test, next });
    case 'bol':
    case 'eol':
      return push({ kind: node.k, next });
    case 'seq': {
      let entry = next;
      for (let i = node.items.length - 1; i >= 0; i--) entry = compile(node.items[i] as Ast, entry, states);
      return entry;
    }
    case 'alt': {
      let entry = compile(node.options[node.options.length - 1] as Ast, next, states);
      for (let i = node.options.length - 2; i >= 0; i--) {
        entry = push({ kind: 'split', a: compile(node.options[i] as Ast, next, states), b: entry });
      }
      return entry;
    }
    case 'repeat': {
      let entry = next;
      if (node.max === Infinity) {
        const loop = push({ kind: 'split', a: -1, b: next });
        (states[loop] as { a: number }).a = compile(node.node, loop, states);
        entry = loop;
      } else {
        for (let i = node.min; i < node.max; i++) entry = push({ kind: 'split', a: compile(node.node, entry, states), b: next });
      }
      // Optional copies above end at `next`; all of them sit after the required ones.
      for (let i = 0; i < node.min; i++) entry = compile(node.node, entry, states);
      return entry;
    }
  }
}

function run(states: State[], start: number, input: string): boolean {
  if (input.length > MAX_INPUT_LENGTH) input = input.slice(0, MAX_INPUT_LENGTH);
  const mark = new Int32Array(states.length).fill(-1);
  let current: number[] = [];
  let stamp = 0;
  const add = (list: number[], s: number, pos: number): boolean => {
    if (mark[s] === stamp) return false;
    mark[s] = stamp;
    const st = states[s] as State;
    switch (st.kind) {
      case 'match':
        return true;
      case 'split':
        return add(list, st.a, pos) || add(list, st.b, pos);
      case 'bol':
        return pos === 0 ? add(list, st.next, pos) : false;
      case 'eol':
        return pos === input.length ? add(list, st.next, pos) : false;
      case 'char':
        list.push(s);
        return false;
    }
  };
  for (let pos = 0; ; pos++) {
    stamp = pos * 2;
    const next: number[] = [];
    // Re-mark the surviving threads so the new start thread does not duplicate them.
    for (const s of current) mark[s] = stamp;
    if (add(current, start, pos)) return true;
    if (pos >= input.length) return false;
    const code = input.charCodeAt(pos);
    stamp = pos * 2 + 1;
    for (const s of current) {
      const st = states[s] as State & { kind: 'char' };
      if (st.test(code) && add(next, st.next, pos + 1)) return true;
    }
    current = next;
  }
}
