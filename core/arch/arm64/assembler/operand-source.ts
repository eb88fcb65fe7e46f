// Bridges the front end's tokens and the encoder's text-based operand parser:
// the operand text is rebuilt with every token at its source column, so
// encoder error columns are source columns, and an expression's text range
// maps back to the tokens the front end's expression parser needs (local
// labels `1f` arrive already renamed, which is why we do not re-lex text).

import type { Token } from '../../../asm/index.js';

export class OperandSource {
  readonly text: string;
  /** 1-based source column of text[0]. */
  readonly column: number;
  private readonly starts: number[] = [];

  constructor(
    readonly tokens: readonly Token[],
    fallbackColumn: number,
  ) {
    const first = tokens[0];
    this.column = first ? first.column : fallbackColumn;
    let s = '';
    for (const t of tokens) {
      const at = Math.max(t.column, this.column + s.length);
      s += ' '.repeat(at - this.column - s.length);
      this.starts.push(at);
      s += t.text;
    }
    this.text = s;
  }

  /** Indices [a, b) of the tokens that lie inside text columns [column, column + length). */
  tokenRange(column: number, length: number): [number, number] {
    let a = -1;
    let b = -1;
    this.starts.forEach((at, i) => {
      if (at >= column && at < column + length) {
        if (a < 0) a = i;
        b = i + 1;
      }
    });
    return a < 0 ? [0, 0] : [a, b];
  }

  /** Map a column of the rebuilt text back to the source line. */
  sourceColumn(column: number): number {
    let best = -1;
    this.starts.forEach((at, i) => {
      if (at <= column) best = i;
    });
    if (best < 0) return column;
    const at = this.starts[best] ?? column;
    const tok = this.tokens[best];
    return (tok?.column ?? at) + Math.min(column - at, tok?.text.length ?? 0);
  }
}
