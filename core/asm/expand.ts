// The expansion pass between splitting and parsing: `.macro`/`.endm`
// definitions and their invocations, `.exitm`, `.purgem`, `.rept`, `.irp` and
// `.irpc` (GNU as manual §7). It streams: a stack of frames (the source, a
// repeated body, a macro's substituted body) is read one statement at a time,
// so a macro may define macros, `.rept` may call macros and the other way
// round, and nothing recurses on the JS stack.
//
// Source mapping: an expanded statement keeps the line and column of the body
// line it came from (as GNU as attributes diagnostics and DWARF lines), so
// single-stepping through a macro walks its body; `origin` names the
// invocation, and every error on the statement starts with it.

import { bindArguments, nameEnd, parseIrp, parseMacroHeader, substitute, type MacroHeader } from './macro-text.js';
import { MAX_REPT_STATEMENTS, repeatCount } from './rept.js';
import type { StatementText } from './source-splitter.js';
import type { AsmError } from './types.js';

/**
 * Invocations allowed inside macro bodies, one within the other: gas's default
 * `--max-macro-nest` (gas accepts a chain of 101 calls, and so do we). Deeper is
 * almost always runaway recursion.
 */
export const MAX_MACRO_DEPTH = 100;

interface MacroDef extends MacroHeader {
  body: StatementText[];
}

interface Frame {
  items: readonly StatementText[];
  i: number;
  /** Passes over `items` still to run after this one (`.rept`). */
  repeats: number;
  /** A macro body: what `.exitm` leaves. */
  macro: boolean;
  /** Macro invocations enclosing this frame. */
  depth: number;
}

const REPEATERS = new Set(['.rept', '.irp', '.irpc']);
const BLOCK_WORDS = new Set([...REPEATERS, '.macro', '.endm', '.endr', '.exitm', '.purgem']);
// Leading `name:` / `1:` labels; a label may stand before a macro call or a block directive.
const LABELS = /^(?:(?:[A-Za-z_.$][\w.$]*|\d+)[ \t]*:(?!:)[ \t]*)+/;

function firstWord(text: string): string {
  return text.slice(0, nameEnd(text, 0));
}

/** The lower-cased first word after any labels. */
function blockWord(text: string): string {
  const labels = LABELS.exec(text)?.[0].length ?? 0;
  return firstWord(text.slice(labels)).toLowerCase();
}

export function expandSource(parts: StatementText[], errors: AsmError[]): StatementText[] {
  // Without one of these directives there is nothing to expand (macros need `.macro`).
  if (!parts.some((p) => BLOCK_WORDS.has(blockWord(p.text)))) return parts;
  return new Expander(errors).run(parts);
}

class Expander {
  private readonly macros = new Map<string, MacroDef>();
  /** `\@`: macros executed so far. */
  private counter = 0;
  /** Statements read from expansions so far, against MAX_REPT_STATEMENTS. */
  private produced = 0;
  private readonly out: StatementText[] = [];
  private readonly stack: Frame[] = [];
  /** Repeat blocks already reported as too large: skipped when reached. */
  private readonly oversized = new Set<StatementText>();
  private aborted = false;

  constructor(private readonly errors: AsmError[]) {}

  run(parts: StatementText[]): StatementText[] {
    this.stack.push({ items: parts, i: 0, repeats: 0, macro: false, depth: 0 });
    while (this.stack.length > 0 && !this.aborted) {
      const f = this.stack[this.stack.length - 1] as Frame;
      if (f.i >= f.items.length) {
        if (f.repeats > 0) {
          f.repeats--;
          f.i = 0;
        } else this.stack.pop();
        continue;
      }
      const p = f.items[f.i++] as StatementText;
      if (this.stack.length > 1 && ++this.produced > MAX_REPT_STATEMENTS) {
        this.fail(p, `expansion produces more than ${MAX_REPT_STATEMENTS} statements`);
        this.aborted = true;
        break;
      }
      this.statement(f, p);
    }
    return this.out;
  }

  private fail(p: StatementText, message: string, column = p.column): void {
    this.errors.push({ line: p.line, column, message: p.origin === undefined ? message : `${p.origin}: ${message}` });
  }

  private statement(f: Frame, p: StatementText): void {
    const labels = LABELS.exec(p.text)?.[0] ?? '';
    const rest: StatementText = labels === '' ? p : { ...p, column: p.column + labels.length, text: p.text.slice(labels.length) };
    const word = firstWord(rest.text);
    const lower = word.toLowerCase();
    const def = this.macros.get(lower);
    const isBlock = BLOCK_WORDS.has(lower);
    // `name:` and `name = 1` are a label and an assignment even when a macro has that name.
    const isCall = def !== undefined && !/^[ \t]*(?::|=(?!=))/.test(rest.text.slice(word.length));
    if (!isBlock && !isCall) {
      this.out.push(p);
      return;
    }
    if (labels !== '') this.out.push({ ...p, text: labels.trimEnd() });
    if (isBlock) this.block(f, p, rest, lower);
    else if (def !== undefined) this.invoke(f, rest, def, word.length);
  }

  private block(f: Frame, original: StatementText, p: StatementText, word: string): void {
    switch (word) {
      case '.endm':
        return this.fail(p, '.endm without .macro');
      case '.endr':
        return this.fail(p, '.endr without .rept, .irp or .irpc');
      case '.exitm': {
        let k = this.stack.length - 1;
        while (k >= 0 && !(this.stack[k] as Frame).macro) k--;
        if (k < 0) return this.fail(p, '.exitm outside a macro');
        this.stack.length = k;
        return;
      }
      case '.purgem': {
        const text = p.text.slice(word.length).trim();
        const name = text.slice(0, nameEnd(text, 0)).toLowerCase();
        if (!this.macros.delete(name)) this.fail(p, name === '' ? '.purgem needs a macro name' : `.purgem: there is no macro named '${name}'`);
        return;
      }
      case '.macro': {
        const body = this.collect(f, p, '.macro', '.endm');
        if (body === null) return;
        const header = parseMacroHeader(p.text.slice(word.length));
        if ('error' in header) return this.fail(p, header.error);
        if (this.macros.has(header.name)) return this.fail(p, `macro '${header.name}' was already defined`);
        this.macros.set(header.name, { ...header, body });
        return;
      }
    }
    const body = this.collect(f, p, word, '.endr');
    if (body === null || this.oversized.has(original)) return;
    if (word === '.rept') {
      const count = repeatCount(p);
      if (typeof count !== 'number') return this.fail(p, count.message, count.column);
      if (count > 0 && body.length > 0 && this.fits(p, word, count, body)) this.stack.push({ items: body, i: 0, repeats: count - 1, macro: false, depth: f.depth });
      return;
    }
    const irp = parseIrp(p.text.slice(word.length), word === '.irpc');
    if ('error' in irp) return this.fail(p, irp.error);
    if (body.length === 0 || !this.fits(p, word, irp.values.length, body)) return;
    const items: StatementText[] = [];
    for (const value of irp.values) {
      const values = new Map([[irp.symbol, value]]);
      for (const b of body) {
        const r = substitute(b.text, values, this.counter);
        if ('error' in r) this.fail(b, r.error);
        else items.push({ ...b, text: r.text });
      }
    }
    this.stack.push({ items, i: 0, repeats: 0, macro: false, depth: f.depth });
  }

  /** The statements up to the matching end directive, which the frame then skips. */
  private collect(f: Frame, p: StatementText, open: string, close: string): StatementText[] | null {
    let depth = 1;
    for (let j = f.i; j < f.items.length; j++) {
      const w = blockWord((f.items[j] as StatementText).text);
      if (close === '.endm' ? w === '.macro' : REPEATERS.has(w)) depth++;
      else if (w === close && --depth === 0) {
        const body = f.items.slice(f.i, j);
        f.i = j + 1;
        return body;
      }
    }
    this.fail(p, `${open} without ${close}`);
    f.i = f.items.length;
    return null;
  }

  /** Does `count` passes over `body` stay within the statement cap? Reports if not. */
  private fits(p: StatementText, word: string, count: number, body: readonly StatementText[]): boolean {
    const size = this.expandedSize(body);
    if (size === 0 || count <= (MAX_REPT_STATEMENTS - this.produced) / size) return true;
    this.fail(p, `${word} expands to more than ${MAX_REPT_STATEMENTS} statements`);
    return false;
  }

  /**
   * Statements `body` yields with its nested repeat blocks multiplied out (a
   * macro call counts as one). A nested block that alone passes the cap is
   * reported at its own line and counts as nothing. Iterative: nesting depth
   * is unbounded in the source.
   */
  private expandedSize(body: readonly StatementText[]): number {
    const open: { count: number; size: number; at: StatementText | null; word: string }[] = [{ count: 1, size: 0, at: null, word: '' }];
    let inMacro = 0;
    for (const b of body) {
      const w = blockWord(b.text);
      if (w === '.macro') inMacro++;
      else if (w === '.endm' && inMacro > 0) inMacro--;
      else if (inMacro > 0) continue;
      else if (REPEATERS.has(w)) open.push({ count: this.quietCount(b, w), size: 0, at: b, word: w });
      else if (w === '.endr' && open.length > 1) this.close(open);
      else (open[open.length - 1] as { size: number }).size += 1;
    }
    while (open.length > 1) this.close(open);
    return (open[0] as { size: number }).size;
  }

  private close(open: { count: number; size: number; at: StatementText | null; word: string }[]): void {
    const e = open.pop() as (typeof open)[number];
    let total = e.count * e.size;
    if (total > MAX_REPT_STATEMENTS && e.at !== null) {
      this.fail(e.at, `${e.word} expands to more than ${MAX_REPT_STATEMENTS} statements`);
      this.oversized.add(e.at);
      total = 0;
    }
    (open[open.length - 1] as { size: number }).size += total;
  }

  /** A nested block's pass count for sizing; 1 when it is not known yet (e.g. `\n` before substitution). */
  private quietCount(b: StatementText, word: string): number {
    const labels = LABELS.exec(b.text)?.[0].length ?? 0;
    const text = b.text.slice(labels);
    if (word === '.rept') {
      const n = repeatCount({ ...b, text });
      return typeof n === 'number' ? n : 1;
    }
    const irp = parseIrp(text.slice(word.length), word === '.irpc');
    return 'error' in irp ? 1 : irp.values.length;
  }

  private invoke(f: Frame, p: StatementText, def: MacroDef, nameLength: number): void {
    if (f.depth > MAX_MACRO_DEPTH) {
      this.fail(p, `macros nested too deeply (more than ${MAX_MACRO_DEPTH} levels): does '${def.name}' call itself?`);
      this.aborted = true;
      return;
    }
    const bound = bindArguments(def, p.text.slice(nameLength));
    if ('error' in bound) return this.fail(p, bound.error);
    const here = `in macro '${def.name}' called at line ${p.line}`;
    const origin = p.origin === undefined ? here : `${here}, ${p.origin.replace(/^in /, 'from ')}`;
    const items: StatementText[] = [];
    for (const b of def.body) {
      const r = substitute(b.text, bound.values, this.counter);
      if ('error' in r) this.fail({ ...b, origin }, r.error);
      else items.push({ line: b.line, column: b.column, text: r.text, origin });
    }
    // gas numbers an expansion after substituting its body: the first macro run sees \@ = 0.
    this.counter++;
    this.stack.push({ items, i: 0, repeats: 0, macro: true, depth: f.depth + 1 });
  }
}
