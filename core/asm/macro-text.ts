// Text-level pieces of GNU as macros (manual "7.65 .macro", "7.49 .irp",
// "7.50 .irpc"): reading a `.macro` header, splitting an invocation's
// arguments, and substituting `\param`, `&param`, `\@` and `\()` into a body
// line. The rules follow binutils gas/macro.c so a source means the same here
// and under GNU as; what differs is noted where it happens.

export type FormalKind = 'optional' | 'req' | 'vararg';

export interface Formal {
  name: string;
  kind: FormalKind;
  /** Default text (`param=default`), '' when none. */
  def: string;
}

export interface MacroHeader {
  /** Lower-cased: GNU looks macro names up case-insensitively. */
  name: string;
  formals: Formal[];
}

const isBlank = (c: string | undefined): boolean => c === ' ' || c === '\t';
const isNameStart = (c: string | undefined): boolean => c !== undefined && /[A-Za-z_.$]/.test(c);
const isNameChar = (c: string | undefined): boolean => c !== undefined && /[A-Za-z0-9_.$]/.test(c);
// Characters that end a bare word when deciding positional vs keyword (macro.c ISSEP).
const isSeparator = (c: string | undefined): boolean => c === undefined || ' \t,";()'.includes(c);

export function skipBlanks(s: string, i: number): number {
  while (isBlank(s[i])) i++;
  return i;
}

/** End index of the symbol-like name starting at `i` (`i` itself when there is none). */
export function nameEnd(s: string, i: number): number {
  if (!isNameStart(s[i])) return i;
  let j = i + 1;
  while (isNameChar(s[j])) j++;
  return j;
}

/** Blanks, at most one comma, blanks. */
export function skipComma(s: string, i: number): number {
  i = skipBlanks(s, i);
  return s[i] === ',' ? skipBlanks(s, i + 1) : i;
}

/**
 * One argument, GNU style: a double-quoted string loses its quotes (a doubled
 * `""` or `\"` inside stands for a quote); otherwise the text up to a comma or
 * to a blank outside () and [] — so `[rbx + 8]` is one argument, and
 * `QWORD PTR [rbx]` is three.
 */
export function readArgument(s: string, start: number): { value: string; end: number } {
  let i = skipBlanks(s, start);
  let value = '';
  if (i >= s.length) return { value, end: i };
  if (/[bBqQhHdD]/.test(s[i] ?? '') && s[i + 1] === "'" && s.length > i + 2) {
    // Old radix-prefixed constants (B'101): taken whole, up to a separator.
    while (i < s.length && !isSeparator(s[i])) value += s[i++];
    return { value, end: i };
  }
  if (s[i] === '"') {
    while (s[i] === '"') {
      i++;
      let escaped = false;
      while (i < s.length) {
        escaped = s[i - 1] === '\\' ? !escaped : false;
        if (escaped && s[i] === '"') {
          value += '"';
          i++;
          continue;
        }
        if (s[i] === '"') {
          i++;
          if (s[i] !== '"') break;
        }
        value += s[i++];
      }
    }
    return { value, end: i };
  }
  const brackets: string[] = [];
  while (i < s.length && (brackets.length > 0 || !isBlank(s[i])) && s[i] !== ',') {
    const c = s[i] as string;
    if (c === '"' || c === "'") {
      // A quoted part inside a word is copied as written, quotes included.
      value += s[i++];
      while (i < s.length && s[i] !== c) value += s[i++];
      if (i >= s.length) return { value, end: i };
    } else if (c === '(' || c === '[') brackets.push(c);
    else if ((c === ')' && brackets.at(-1) === '(') || (c === ']' && brackets.at(-1) === '[')) brackets.pop();
    value += s[i++];
  }
  return { value, end: i };
}

/** Parses what follows `.macro`: `name [formal[:req|:vararg][=default]]...`. */
export function parseMacroHeader(s: string): MacroHeader | { error: string; name: string } {
  let i = skipBlanks(s, 0);
  const end = nameEnd(s, i);
  const name = s.slice(i, end).toLowerCase();
  if (name === '') return { error: 'missing macro name', name };
  const formals: Formal[] = [];
  const bad = (error: string): { error: string; name: string } => ({ error, name });
  const afterName = skipBlanks(s, end);
  i = skipComma(s, afterName);
  if (i === afterName || i < s.length) {
    while (i < s.length) {
      const fEnd = nameEnd(s, i);
      const fName = s.slice(i, fEnd);
      if (fName === '') break;
      const formal: Formal = { name: fName, kind: 'optional', def: '' };
      i = skipBlanks(s, fEnd);
      if (s[i] === ':') {
        const qStart = skipBlanks(s, i + 1);
        const qEnd = nameEnd(s, qStart);
        const qual = s.slice(qStart, qEnd);
        if (qual === '') return bad(`missing parameter qualifier for '${fName}' in macro '${name}'`);
        if (qual !== 'req' && qual !== 'vararg') return bad(`'${qual}' is not a valid parameter qualifier for '${fName}' in macro '${name}'`);
        formal.kind = qual;
        i = skipBlanks(s, qEnd);
      }
      if (s[i] === '=') {
        const d = readArgument(s, i + 1);
        // GNU warns that a default for a :req parameter is pointless, and drops it.
        if (formal.kind !== 'req') formal.def = d.value;
        i = skipBlanks(s, d.end);
      }
      if (formals.some((f) => f.name === fName)) return bad(`a parameter named '${fName}' already exists for macro '${name}'`);
      formals.push(formal);
      if (formal.kind === 'vararg') break;
      const before = i;
      i = skipComma(s, i);
      if (i !== before && i >= s.length) {
        i = before;
        break;
      }
    }
  } else i = afterName;
  if (i < s.length) return bad(`bad parameter list for macro '${name}'`);
  return { name, formals };
}

/**
 * Binds an invocation's argument text to the formals: positional first, then
 * `name=value` keywords; a :vararg formal takes the rest of the line as written.
 * Returns the text each formal stands for (its default when left blank).
 */
export function bindArguments(macro: MacroHeader, s: string): { values: Map<string, string> } | { error: string } {
  const actual = new Map<string, string>();
  let next = 0;
  let keyword = false;
  let i = skipBlanks(s, 0);
  while (i < s.length) {
    let scan = i;
    while (scan < s.length && !isSeparator(s[scan]) && s[scan] !== '=') scan++;
    // GNU's input scrubber has already squeezed `a = 1` to `a=1`; accept the blanks here.
    const eq = skipBlanks(s, scan);
    if (s[eq] === '=' && s[eq + 1] !== '=') {
      keyword = true;
      const end = nameEnd(s, i);
      const name = s.slice(i, end);
      if (name === '' || skipBlanks(s, end) !== eq) return { error: `confusion in formal parameters of macro '${macro.name}'` };
      if (!macro.formals.some((f) => f.name === name)) return { error: `parameter named '${name}' does not exist for macro '${macro.name}'` };
      const arg = readArgument(s, eq + 1);
      actual.set(name, arg.value);
      i = arg.end;
    } else {
      if (keyword) return { error: `can't mix positional and keyword arguments (macro '${macro.name}')` };
      const f = macro.formals[next++];
      if (f === undefined) return { error: `too many positional arguments for macro '${macro.name}' (it takes ${macro.formals.length})` };
      if (f.kind === 'vararg') {
        actual.set(f.name, s.slice(i).trimEnd());
        i = s.length;
      } else {
        const arg = readArgument(s, i);
        actual.set(f.name, arg.value);
        i = arg.end;
      }
    }
    i = skipComma(s, i);
  }
  const values = new Map<string, string>();
  for (const f of macro.formals) {
    const a = actual.get(f.name) ?? '';
    if (f.kind === 'req' && a === '') return { error: `missing value for required parameter '${f.name}' of macro '${macro.name}'` };
    values.set(f.name, a === '' ? f.def : a);
  }
  return { values };
}

/**
 * Substitutes into one body line: `\name` and `&name[&]` by the value of that
 * formal (other names are left as written), `\@` by `counter`, `\(text)` by
 * `text` (so `\name\()_end` glues), `\&` kept. A `'` right after `\name` is
 * swallowed, as in gas (the old way to glue text on).
 */
export function substitute(s: string, values: ReadonlyMap<string, string>, counter: number): { text: string } | { error: string } {
  let out = '';
  let i = 0;
  while (i < s.length) {
    const c = s[i];
    if (c === '&') {
      const end = nameEnd(s, i + 1);
      const name = s.slice(i + 1, end);
      const trailing = s[end] === '&';
      const v = name === '' ? undefined : values.get(name);
      out += v ?? `&${name}${trailing ? '&' : ''}`;
      i = end + (trailing ? 1 : 0);
      continue;
    }
    if (c !== '\\') {
      out += c;
      i++;
      continue;
    }
    i++;
    if (s[i] === '(') {
      const close = s.indexOf(')', i);
      if (close < 0) return { error: "missing ')' after '\\('" };
      out += s.slice(i + 1, close);
      i = close + 1;
    } else if (s[i] === '@') {
      out += String(counter);
      i++;
    } else if (s[i] === '&') {
      out += '\\&';
      i++;
    } else {
      const end = nameEnd(s, i);
      const name = s.slice(i, end);
      out += (name === '' ? undefined : values.get(name)) ?? `\\${name}`;
      i = end + (s[end] === "'" ? 1 : 0);
    }
  }
  return { text: out };
}

/**
 * What follows `.irp` / `.irpc`: the symbol and the list of values the body is
 * repeated for. No values → one pass with the symbol empty (as gas does).
 * `.irpc` takes one character at a time, skipping blanks outside quotes.
 */
export function parseIrp(s: string, chars: boolean): { symbol: string; values: string[] } | { error: string } {
  const start = skipBlanks(s, 0);
  const end = nameEnd(s, start);
  const symbol = s.slice(start, end);
  if (symbol === '') return { error: 'missing model parameter' };
  let i = skipComma(s, end);
  if (i >= s.length) return { symbol, values: [''] };
  const values: string[] = [];
  if (!chars) {
    while (i < s.length) {
      const arg = readArgument(s, i);
      values.push(arg.value);
      i = skipComma(s, arg.end);
    }
    return { symbol, values };
  }
  let inQuotes = false;
  if (s[i] === '"') {
    inQuotes = true;
    i++;
  }
  while (i < s.length) {
    if (s[i] === '"') {
      inQuotes = !inQuotes;
      if (skipBlanks(s, i + 1) >= s.length) break;
    }
    values.push(s[i] as string);
    i++;
    if (!inQuotes) i = skipBlanks(s, i);
  }
  return { symbol, values };
}
