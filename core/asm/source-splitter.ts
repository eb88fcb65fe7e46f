// Splits source text into statements and strips comments, keeping 1-based
// line/column positions. GNU as: statements end at a newline or at the
// arch's line separator (';' on x86-64 and AArch64); comments are `/* */`
// anywhere, plus arch-specific line comments (`#` on x86, `//` on AArch64).

export interface StatementText {
  line: number;
  /** 1-based column of text[0] in the source line. */
  column: number;
  text: string;
  /**
   * Set on statements a macro expansion produced: which invocation, e.g.
   * "in macro 'print' called at line 30". Errors on the statement start with it.
   */
  origin?: string;
}

export interface SplitterConfig {
  /** Start a comment that runs to end of line, anywhere on the line. */
  lineComments: readonly string[];
  /** Start a comment only as the first non-blank character of a line. */
  lineStartComments: readonly string[];
  /**
   * 'separator': ';' always separates statements (GNU as).
   * 'separator-or-comment': ';' separates when what follows starts a statement
   * (a directive, a label, or a word `isStatementWord` accepts); otherwise the
   * rest of the line is a comment, as in NASM-style sources students paste.
   */
  semicolon: 'separator' | 'separator-or-comment';
  isStatementWord?: (word: string) => boolean;
}

export function splitStatements(source: string, cfg: SplitterConfig): StatementText[] {
  const out: StatementText[] = [];
  // A UTF-8 byte-order mark (editors on Windows) is not part of the first statement.
  const lines = source.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/);
  let inBlockComment = false;
  for (let li = 0; li < lines.length; li++) {
    const line = lines[li] ?? '';
    let cur = '';
    let curStart = -1; // index in line of first char of cur
    const flush = (): void => {
      if (curStart >= 0 && cur.trim() !== '') {
        const lead = cur.length - cur.trimStart().length;
        out.push({ line: li + 1, column: curStart + lead + 1, text: cur.trim() });
      }
      cur = '';
      curStart = -1;
    };
    const append = (ch: string, at: number): void => {
      if (curStart < 0) curStart = at;
      // Keep columns aligned: the text runs from curStart, pad any gap.
      while (curStart + cur.length < at) cur += ' ';
      cur += ch;
    };
    let i = 0;
    let statementStart = true;
    while (i < line.length) {
      if (inBlockComment) {
        const end = line.indexOf('*/', i);
        if (end < 0) {
          i = line.length;
          break;
        }
        i = end + 2;
        inBlockComment = false;
        continue;
      }
      const ch = line[i] ?? '';
      if (line.startsWith('/*', i)) {
        inBlockComment = true;
        i += 2;
        continue;
      }
      if (statementStart && cur.trim() === '' && startsWithAny(line, i, cfg.lineStartComments)) break;
      if (startsWithAny(line, i, cfg.lineComments)) break;
      if (ch === '"') {
        const end = scanString(line, i);
        for (let k = i; k < end; k++) append(line[k] ?? '', k);
        i = end;
        statementStart = false;
        continue;
      }
      if (ch === "'") {
        // Character constant: 'c, 'c' or '\n' (GNU accepts the closing quote as optional).
        let end = i + 1;
        if (line[end] === '\\') end += 2;
        else end += 1;
        if (line[end] === "'") end += 1;
        end = Math.min(end, line.length);
        for (let k = i; k < end; k++) append(line[k] ?? '', k);
        i = end;
        statementStart = false;
        continue;
      }
      if (ch === ';') {
        flush();
        if (cfg.semicolon === 'separator-or-comment' && !followsStatement(line.slice(i + 1), cfg)) break;
        i += 1;
        statementStart = true;
        continue;
      }
      if (ch !== ' ' && ch !== '\t') statementStart = false;
      append(ch, i);
      i += 1;
    }
    flush();
  }
  return out;
}

function startsWithAny(line: string, i: number, prefixes: readonly string[]): boolean {
  for (const p of prefixes) if (p !== '' && line.startsWith(p, i)) return true;
  return false;
}

/** Index just past the closing quote of the string starting at `start`. */
export function scanString(line: string, start: number): number {
  let i = start + 1;
  while (i < line.length) {
    const c = line[i];
    if (c === '\\') i += 2;
    else if (c === '"') return i + 1;
    else i += 1;
  }
  return line.length;
}

// Words that may stand next to another word inside one operand list.
const JOINING_WORDS = new Set(['byte', 'word', 'dword', 'qword', 'tbyte', 'ptr', 'offset', 'flat', 'short', 'near']);

/** Does `rest` (after a ';') read like code rather than an English comment? */
function followsStatement(rest: string, cfg: SplitterConfig): boolean {
  const t = rest.trimStart();
  if (t === '') return true;
  const m = /^\.?[A-Za-z_$][\w$.]*/.exec(t);
  if (m === null) return /^\d+:/.test(t);
  // Only this statement matters: stop at the next separator or comment.
  const after = t.slice(m[0].length).trimStart().split(/;|#|\/\/|\/\*/)[0] ?? '';
  const rawAfter = t.slice(m[0].length).trimStart();
  if (!m[0].startsWith('.') && (rawAfter.startsWith(':') || rawAfter.startsWith('='))) return true;
  if (!m[0].startsWith('.') && !(cfg.isStatementWord?.(m[0].toLowerCase()) ?? true)) return false;
  // `; call the kernel`: two bare words in a row do not occur in operands
  // (except `QWORD PTR`, `OFFSET sym`, and a prefix before its instruction).
  let words = after;
  if (cfg.isStatementWord !== undefined && /^(rep|repe|repz|repne|repnz|lock)$/i.test(m[0])) words = after.replace(/^[A-Za-z]+/, '');
  for (const pair of words.matchAll(/([A-Za-z_][\w.]*)\s+(?=([A-Za-z_][\w.]*))/g)) {
    if (!JOINING_WORDS.has((pair[1] ?? '').toLowerCase())) return false;
  }
  return !/[?!'`]/.test(after);
}
