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
  /** The window of `items` this frame reads: a `.rept` body is a window on its parent's array. */
  start: number;
  end: number;
  i: number;
  /** Passes over the window still to run after this one (`.rept`). */
  repeats: number;
  /** A macro body: what `.exitm` leaves. */
  macro: boolean;
  /** Macro invocations enclosing this frame. */
  depth: number;
  /**
   * Its statements were counted when they were made (the source, a macro's or an
   * `.irp`'s substituted body); a `.rept` pass counts each statement it replays.
   */
  prepaid: boolean;
  blocks: Blocks;
}

/** Per statement list: each statement's block word, and where each block opener's end is (-1: none). */
interface Blocks {
  words: string[];
  match: Int32Array;
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

/**
 * Matches openers to their ends in one linear pass. As in gas, `.macro` bodies
 * count only `.macro`/`.endm` and repeat bodies only `.rept`/`.irp`/`.irpc`/`.endr`,
 * independently. Done once per list, so deep nesting costs no more than flat code.
 */
function findBlocks(items: readonly StatementText[]): Blocks {
  const words = items.map((p) => blockWord(p.text));
  const match = new Int32Array(items.length).fill(-1);
  const macros: number[] = [];
  const repeats: number[] = [];
  words.forEach((w, i) => {
    if (w === '.macro') macros.push(i);
    else if (REPEATERS.has(w)) repeats.push(i);
    else if (w === '.endm' || w === '.endr') {
      const open = (w === '.endm' ? macros : repeats).pop();
      if (open !== undefined) match[open] = i;
    }
  });
  return { words, match };
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
  /** Statements expansions have made or replayed so far, against MAX_REPT_STATEMENTS. */
  private produced = 0;
  private readonly out: StatementText[] = [];
  private readonly stack: Frame[] = [];
  private readonly blockCache = new WeakMap<readonly StatementText[], Blocks>();
  /** Body sizes of repeat blocks with nested blocks multiplied out, by opener. */
  private readonly sizes = new Map<StatementText, number>();
  /** Repeat blocks already reported as too large: skipped when reached. */
  private readonly oversized = new Set<StatementText>();
  private aborted = false;

  constructor(private readonly errors: AsmError[]) {}

  run(parts: StatementText[]): StatementText[] {
    this.pushFrame(parts, 0, parts.length, 0, false, 0, true);
    while (this.stack.length > 0 && !this.aborted) {
      const f = this.stack[this.stack.length - 1] as Frame;
      if (f.i >= f.end) {
        if (f.repeats > 0) {
          f.repeats--;
          f.i = f.start;
        } else this.stack.pop();
        continue;
      }
      const k = f.i++;
      if (f.prepaid || this.charge(f.items[k] as StatementText, 1)) this.statement(f, k);
    }
    return this.out;
  }

  private pushFrame(items: readonly StatementText[], start: number, end: number, repeats: number, macro: boolean, depth: number, prepaid: boolean): void {
    let blocks = this.blockCache.get(items);
    if (blocks === undefined) {
      blocks = findBlocks(items);
      this.blockCache.set(items, blocks);
    }
    this.stack.push({ items, start, end, i: start, repeats, macro, depth, prepaid, blocks });
  }

  /** Counts `n` more statements made by an expansion; past the cap, reports and stops everything. */
  private charge(p: StatementText, n: number): boolean {
    this.produced += n;
    if (this.produced <= MAX_REPT_STATEMENTS) return true;
    this.fail(p, `expansion produces more than ${MAX_REPT_STATEMENTS} statements`);
    this.aborted = true;
    return false;
  }

  private fail(p: StatementText, message: string, column = p.column): void {
    this.errors.push({ line: p.line, column, message: p.origin === undefined ? message : `${p.origin}: ${message}` });
  }

  private statement(f: Frame, k: number): void {
    const p = f.items[k] as StatementText;
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
    if (isBlock) this.block(f, k, rest, lower);
    else if (def !== undefined) this.invoke(f, rest, def, word.length);
  }

  private block(f: Frame, k: number, p: StatementText, word: string): void {
    switch (word) {
      case '.endm':
        return this.fail(p, '.endm without .macro');
      case '.endr':
        return this.fail(p, '.endr without .rept, .irp or .irpc');
      case '.exitm': {
        let j = this.stack.length - 1;
        while (j >= 0 && !(this.stack[j] as Frame).macro) j--;
        if (j < 0) return this.fail(p, '.exitm outside a macro');
        this.stack.length = j;
        return;
      }
      case '.purgem': {
        const text = p.text.slice(word.length).trim();
        const name = text.slice(0, nameEnd(text, 0)).toLowerCase();
        if (!this.macros.delete(name)) this.fail(p, name === '' ? '.purgem needs a macro name' : `.purgem: there is no macro named '${name}'`);
        return;
      }
      case '.macro': {
        const body = this.collect(f, k, p, '.macro', '.endm');
        if (body === null) return;
        const header = parseMacroHeader(p.text.slice(word.length));
        if ('error' in header) return this.fail(p, header.error);
        if (this.macros.has(header.name)) return this.fail(p, `macro '${header.name}' was already defined`);
        this.macros.set(header.name, { ...header, body: f.items.slice(body.start, body.end) });
        return;
      }
    }
    const body = this.collect(f, k, p, word, '.endr');
    const opener = f.items[k] as StatementText;
    if (body === null || this.oversized.has(opener)) return;
    const length = body.end - body.start;
    if (word === '.rept') {
      const count = repeatCount(p);
      if (typeof count !== 'number') return this.fail(p, count.message, count.column);
      if (count > 0 && length > 0 && this.fits(f, k, p, word, count)) this.pushFrame(f.items, body.start, body.end, count - 1, false, f.depth, false);
      return;
    }
    const irp = parseIrp(p.text.slice(word.length), word === '.irpc');
    if ('error' in irp) return this.fail(p, irp.error);
    if (length === 0 || !this.fits(f, k, p, word, irp.values.length) || !this.charge(p, length * irp.values.length)) return;
    const items: StatementText[] = [];
    for (const value of irp.values) {
      const values = new Map([[irp.symbol, value]]);
      for (let j = body.start; j < body.end; j++) {
        const b = f.items[j] as StatementText;
        const r = substitute(b.text, values, this.counter);
        if ('error' in r) this.fail(b, r.error);
        else items.push({ ...b, text: r.text });
      }
    }
    this.pushFrame(items, 0, items.length, 0, false, f.depth, true);
  }

  /** The body window of the block opened at `k`; the frame then continues after its end. */
  private collect(f: Frame, k: number, p: StatementText, open: string, close: string): { start: number; end: number } | null {
    const m = f.blocks.match[k] ?? -1;
    if (m < 0 || m >= f.end) {
      this.fail(p, `${open} without ${close}`);
      f.i = f.end;
      return null;
    }
    f.i = m + 1;
    return { start: k + 1, end: m };
  }

  /** Do `count` passes over the block at `k` stay within the statement cap? Reports and stops if not. */
  private fits(f: Frame, k: number, p: StatementText, word: string, count: number): boolean {
    const size = this.expandedSize(f, k);
    if (size === 0 || count <= (MAX_REPT_STATEMENTS - this.produced) / size) return true;
    this.fail(p, `${word} expands to more than ${MAX_REPT_STATEMENTS} statements`);
    this.aborted = true;
    return false;
  }

  /**
   * Statements one pass over the repeat block at `k` reads, nested repeat
   * blocks multiplied out (a macro call counts as one). A nested block that
   * alone passes the cap is reported at its own line and counts as nothing.
   * Sizes of nested blocks are remembered, so nesting costs one pass in all.
   */
  private expandedSize(f: Frame, k: number): number {
    const opener = f.items[k] as StatementText;
    const known = this.sizes.get(opener);
    if (known !== undefined) return known;
    const { words, match } = f.blocks;
    const open: { count: number; size: number; at: StatementText; word: string }[] = [];
    const end = match[k] ?? k;
    for (let j = k; j < end; j++) {
      const w = words[j] as string;
      const b = f.items[j] as StatementText;
      const top = open[open.length - 1];
      if (w === '.macro' && (match[j] ?? -1) >= 0 && (match[j] ?? 0) < end) j = match[j] as number;
      else if (REPEATERS.has(w) && (match[j] ?? -1) >= 0) {
        // The opener itself is read once per pass of the enclosing block.
        if (top !== undefined) top.size += 1;
        const inner = this.sizes.get(b);
        if (inner !== undefined && j !== k) {
          if (top !== undefined && !this.oversized.has(b)) top.size += this.quietCount(b, w) * inner;
          j = match[j] as number;
        } else open.push({ count: this.quietCount(b, w), size: 0, at: b, word: w });
      } else if (w === '.endr' && open.length > 1) this.close(open);
      else if (top !== undefined) top.size += 1;
    }
    while (open.length > 1) this.close(open);
    const size = open[0]?.size ?? 0;
    this.sizes.set(opener, size);
    return size;
  }

  private close(open: { count: number; size: number; at: StatementText; word: string }[]): void {
    const e = open.pop() as (typeof open)[number];
    this.sizes.set(e.at, e.size);
    let total = e.count * e.size;
    if (total > MAX_REPT_STATEMENTS) {
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
    if (!this.charge(p, def.body.length)) return;
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
    this.pushFrame(items, 0, items.length, 0, true, f.depth + 1, true);
  }
}
