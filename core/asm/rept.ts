// `.rept N` … `.endr` (GNU as manual "7.93 .rept"): the body's statements are
// repeated N times before parsing, keeping their source lines so the source
// map points every copy at the text the student wrote.

import { evaluate, parseExpr } from './expr.js';
import { tokenize } from './lexer.js';
import type { StatementText } from './source-splitter.js';
import type { AsmError } from './types.js';

// A teaching program never needs more; a typo such as `.rept 100000000` must end in an
// error rather than a frozen assembler (or a JS stack overflow from nested bodies).
export const MAX_REPT_STATEMENTS = 1 << 16;

function directive(p: StatementText): string {
  return /^(\.[A-Za-z]+)\b/.exec(p.text)?.[1]?.toLowerCase() ?? '';
}

export function expandRept(parts: StatementText[], errors: AsmError[]): StatementText[] {
  if (!parts.some((p) => directive(p) === '.rept')) return parts;
  const out: StatementText[] = [];
  let i = 0;
  const expand = (end: number, sink: StatementText[]): void => {
    while (i < end) {
      const p = parts[i] as StatementText;
      const d = directive(p);
      if (d === '.endr') {
        errors.push({ line: p.line, column: p.column, message: '.endr without .rept' });
        i++;
        continue;
      }
      if (d !== '.rept') {
        sink.push(p);
        i++;
        continue;
      }
      // Find the matching .endr (nested .rept allowed).
      let depth = 0;
      let j = i;
      for (; j < end; j++) {
        const dj = directive(parts[j] as StatementText);
        if (dj === '.rept') depth++;
        else if (dj === '.endr' && --depth === 0) break;
      }
      if (j >= end) {
        errors.push({ line: p.line, column: p.column, message: '.rept without .endr' });
        i = end;
        return;
      }
      const count = repeatCount(p, errors);
      const body: StatementText[] = [];
      i++;
      expand(j, body);
      i = j + 1;
      if (body.length > 0 && count > (MAX_REPT_STATEMENTS - sink.length) / body.length) {
        errors.push({ line: p.line, column: p.column, message: `.rept expands to more than ${MAX_REPT_STATEMENTS} statements` });
        continue;
      }
      for (let k = 0; k < count; k++) for (const b of body) sink.push(b);
    }
  };
  expand(parts.length, out);
  return out;
}

function repeatCount(p: StatementText, errors: AsmError[]): number {
  const arg = p.text.slice(5);
  const lexed = tokenize(arg, p.column + 5);
  const e = lexed.error === undefined ? parseExpr(lexed.tokens) : { column: lexed.error.column, message: lexed.error.message };
  if ('message' in e) {
    errors.push({ line: p.line, column: e.column, message: e.message });
    return 0;
  }
  const v = evaluate(e, { dot: () => ({ section: '', offset: 0n }), symbol: () => undefined });
  if ('message' in v || v.kind !== 'abs') {
    errors.push({ line: p.line, column: p.column, message: '.rept count must be a constant' });
    return 0;
  }
  return v.value < 0n ? 0 : Number(v.value > BigInt(MAX_REPT_STATEMENTS) ? BigInt(MAX_REPT_STATEMENTS) + 1n : v.value);
}
