// Parse phase: statements → labels, directives and instructions, each bound
// to its section. Directives that only change state (.section, .globl, .type)
// are consumed here; ones that emit bytes become statements for layout.

import type { ArchBackend, ParsedInstruction } from './backend.js';
import { parseExpr, type Expr } from './expr.js';
import { tokenize, type Token } from './lexer.js';
import { expandSource } from './expand.js';
import { splitStatements } from './source-splitter.js';
import { sectionDefaults, sectionFromFlags, type ParsedProgram, type SectionInfo, type Statement } from './statements.js';
import type { AsmError, SymbolKind } from './types.js';

type Body = Statement extends infer S ? (S extends Statement ? Omit<S, 'line' | 'column' | 'section'> : never) : never;

const IGNORED = new Set([
  '.file', '.ident', '.arch', '.cpu', '.code64', '.hidden', '.protected', '.internal', '.local', '.loc', '.addrsig',
  '.addrsig_sym', '.fpu', '.arch_extension', '.note', '.end', '.subsections_via_symbols',
]);

const DATA_SIZES: Record<string, 1 | 2 | 4 | 8> = {
  '.byte': 1, '.short': 2, '.hword': 2, '.2byte': 2, '.value': 2, '.long': 4, '.int': 4, '.4byte': 4, '.quad': 8, '.8byte': 8,
};

/** Splits tokens at commas that are not inside (), [] or {}. */
export function splitOperands(tokens: readonly Token[]): Token[][] {
  const out: Token[][] = [];
  let cur: Token[] = [];
  let depth = 0;
  for (const t of tokens) {
    if (t.kind === 'punct') {
      if (t.text === '(' || t.text === '[' || t.text === '{') depth++;
      else if (t.text === ')' || t.text === ']' || t.text === '}') depth--;
      else if (t.text === ',' && depth === 0) {
        out.push(cur);
        cur = [];
        continue;
      }
    }
    cur.push(t);
  }
  if (cur.length > 0 || out.length > 0) out.push(cur);
  return out;
}

export function parseProgram(source: string, backend: ArchBackend, errors: AsmError[]): ParsedProgram {
  const prog: ParsedProgram = {
    statements: [],
    sections: new Map(),
    labels: new Map(),
    globals: new Set(),
    types: new Map(),
    sizes: new Map(),
  };
  let section = '.text';
  let previous = '.text';
  const sectionStack: string[] = [];
  const enter = (info: SectionInfo): void => {
    if (!prog.sections.has(info.name)) prog.sections.set(info.name, info);
    if (info.name !== section) previous = section;
    section = info.name;
  };
  enter(sectionDefaults('.text'));
  const localCount = new Map<string, number>();
  const equNames = new Set<string>();
  const localName = (n: string, k: number): string => `.L${n}\u0002${k}`;

  const macroNames = new Set(Array.from(source.matchAll(/^[ \t]*\.macro[ \t]+([A-Za-z_.$][\w.$]*)/gim), (m) => (m[1] ?? '').toLowerCase()));
  const parts = expandSource(splitStatements(source, {
    lineComments: backend.lineComments,
    lineStartComments: backend.lineStartComments,
    semicolon: backend.semicolon,
    // A call of a macro the source defines is code after ';' too (`nop; exit 0`).
    isStatementWord: (w) => backend.isMnemonic(w) || macroNames.has(w),
  }), errors);
  for (const part of parts) {
    const lexed = tokenize(part.text, part.column);
    const err = (column: number, message: string): void => {
      errors.push({ line: part.line, column, message: part.origin === undefined ? message : `${part.origin}: ${message}` });
    };
    if (lexed.error !== undefined) {
      err(lexed.error.column, lexed.error.message);
      continue;
    }
    let toks = lexed.tokens;
    const push = (column: number, body: Body): void => {
      const at = part.origin === undefined ? { line: part.line, column } : { line: part.line, column, origin: part.origin };
      prog.statements.push({ ...body, ...at, section } as Statement);
    };
    const defineLabel = (name: string, column: number): void => {
      if (prog.labels.has(name) || equNames.has(name)) {
        err(column, `symbol '${name}' is already defined`);
        return;
      }
      prog.labels.set(name, { index: prog.statements.length, section });
      push(column, { kind: 'label', name });
    };
    // `.set`/`=` may redefine a symbol they made, but not a label (GNU as agrees).
    const defineEqu = (name: string, column: number, e: Expr): void => {
      if (prog.labels.has(name)) {
        err(column, `symbol '${name}' is already defined`);
        return;
      }
      equNames.add(name);
      push(column, { kind: 'equ', name, expr: e });
    };
    // Leading labels: `name:` and numeric local labels `1:`.
    for (;;) {
      const [a, b] = toks;
      if (a === undefined || b === undefined || b.kind !== 'punct' || b.text !== ':') break;
      if (a.kind === 'ident' && a.text !== '.') defineLabel(a.text, a.column);
      else if (a.kind === 'number' && /^\d+$/.test(a.text)) {
        const k = (localCount.get(a.text) ?? 0) + 1;
        localCount.set(a.text, k);
        defineLabel(localName(a.text, k), a.column);
      } else break;
      toks = toks.slice(2);
    }
    if (toks.length === 0) continue;
    // Rename `1f` / `1b` references to the numbered local label they mean.
    toks = toks.map((t) => {
      if (t.kind !== 'localref') return t;
      const seen = localCount.get(t.text) ?? 0;
      const k = t.direction === 'f' ? seen + 1 : seen;
      return { kind: 'ident', text: k === 0 ? `${t.text}b` : localName(t.text, k), column: t.column };
    });
    const head = toks[0] as Token;
    const rest = toks.slice(1);
    const expr = (ts: readonly Token[], what: string): Expr | null => {
      if (ts.length === 0) {
        err(head.column, `missing ${what} for '${head.text}'`);
        return null;
      }
      const e = parseExpr(ts);
      if ('message' in e) {
        err(e.column, e.message);
        return null;
      }
      return e;
    };
    // `name = expr`
    if (head.kind === 'ident' && rest[0]?.kind === 'punct' && rest[0].text === '=') {
      const e = expr(rest.slice(1), 'expression');
      if (e !== null) defineEqu(head.text, head.column, e);
      continue;
    }
    if (head.kind !== 'ident') {
      err(head.column, `junk at start of statement: '${head.text}'`);
      continue;
    }
    const name = head.text.toLowerCase();
    const ops = splitOperands(rest);
    if (!name.startsWith('.') || name === '.') {
      const insn: ParsedInstruction = {
        mnemonic: name,
        mnemonicText: head.text,
        tokens: rest,
        operands: ops,
        line: part.line,
        column: head.column,
        text: part.text,
      };
      push(head.column, { kind: 'insn', insn });
      continue;
    }
    const symbolName = (i: number): string | null => {
      const t = ops[i];
      if (t === undefined || t.length !== 1 || t[0]?.kind !== 'ident') {
        err(t?.[0]?.column ?? head.column, `expected a symbol name after '${head.text}'`);
        return null;
      }
      return t[0].text;
    };
    const exprList = (): Expr[] => {
      const out: Expr[] = [];
      for (const o of ops) {
        const e = expr(o, 'expression');
        if (e !== null) out.push(e);
      }
      return out;
    };
    const optExpr = (i: number): Expr | null => {
      const o = ops[i];
      return o === undefined || o.length === 0 ? null : expr(o, 'expression');
    };
    const dataSize = name === '.word' ? backend.wordSize : DATA_SIZES[name];
    if (dataSize !== undefined) {
      push(head.column, { kind: 'data', size: dataSize, exprs: exprList() });
      continue;
    }
    switch (name) {
      case '.text':
      case '.data':
      case '.bss':
        enter(prog.sections.get(name) ?? sectionDefaults(name));
        continue;
      case '.section':
      case '.pushsection': {
        const nameToks = ops[0] ?? [];
        const secName = nameToks.map((t) => t.text).join('');
        if (secName === '') {
          err(head.column, `missing section name`);
          continue;
        }
        const flagTok = ops[1]?.[0];
        const flags = flagTok?.kind === 'string' ? String.fromCharCode(...(flagTok.bytes ?? [])) : null;
        const typeToks = ops[2] ?? [];
        const typeTok = typeToks.find((t) => t.kind === 'ident');
        const type = typeTok === undefined ? null : typeTok.text.toLowerCase();
        if (name === '.pushsection') sectionStack.push(section);
        const existing = prog.sections.get(secName);
        enter(existing ?? sectionFromFlags(secName, flags, type));
        continue;
      }
      case '.popsection': {
        const s = sectionStack.pop();
        if (s === undefined) err(head.column, '.popsection without corresponding .pushsection');
        else enter(prog.sections.get(s) ?? sectionDefaults(s));
        continue;
      }
      case '.previous':
        enter(prog.sections.get(previous) ?? sectionDefaults(previous));
        continue;
      case '.global':
      case '.globl':
      case '.weak':
      case '.extern':
        for (let i = 0; i < ops.length; i++) {
          const s = symbolName(i);
          if (s !== null && name !== '.extern') prog.globals.add(s);
        }
        continue;
      case '.ascii':
      case '.asciz':
      case '.string':
        for (const o of ops) {
          const t = o[0];
          if (o.length !== 1 || t?.kind !== 'string' || t.bytes === undefined) {
            err(t?.column ?? head.column, `expected a string for '${head.text}'`);
            continue;
          }
          const b = name === '.ascii' ? t.bytes : Uint8Array.from([...t.bytes, 0]);
          push(t.column, { kind: 'bytes', bytes: b });
        }
        continue;
      case '.skip':
      case '.space':
      case '.zero': {
        const count = expr(ops[0] ?? [], 'size');
        if (count !== null) push(head.column, { kind: 'skip', count, fill: optExpr(1) });
        continue;
      }
      case '.fill': {
        const repeat = expr(ops[0] ?? [], 'repeat count');
        if (repeat !== null) push(head.column, { kind: 'fill', repeat, size: optExpr(1), value: optExpr(2) });
        continue;
      }
      case '.align':
      case '.balign':
      case '.p2align': {
        const amount = expr(ops[0] ?? [], 'alignment');
        const pow2 = name === '.p2align' || (name === '.align' && backend.alignIsPowerOfTwo);
        if (amount !== null) push(head.column, { kind: 'align', pow2, amount, fill: optExpr(1), max: optExpr(2) });
        continue;
      }
      case '.equ':
      case '.set':
      case '.equiv': {
        const s = symbolName(0);
        const e = expr(ops[1] ?? [], 'expression');
        if (s !== null && e !== null) defineEqu(s, head.column, e);
        continue;
      }
      case '.uleb128':
      case '.sleb128':
        push(head.column, { kind: 'leb128', signed: name === '.sleb128', exprs: exprList() });
        continue;
      case '.comm':
      case '.lcomm': {
        // `.comm sym, size[, align]`: storage in .bss (GNU ELF; a common symbol becomes a
        // plain bss definition since there is only one object to link).
        const s = symbolName(0);
        const size = expr(ops[1] ?? [], 'size');
        if (s === null || size === null) continue;
        const align = optExpr(2);
        const saved = section;
        enter(prog.sections.get('.bss') ?? sectionDefaults('.bss'));
        if (align !== null) push(head.column, { kind: 'align', pow2: false, amount: align, fill: null, max: null });
        defineLabel(s, head.column);
        if (name === '.comm') prog.globals.add(s);
        push(head.column, { kind: 'skip', count: size, fill: null });
        enter(prog.sections.get(saved) ?? sectionDefaults(saved));
        continue;
      }
      case '.type': {
        const s = symbolName(0);
        const kindTok = (ops[1] ?? []).find((t) => t.kind === 'ident');
        const k = kindTok?.text.toLowerCase() ?? '';
        const kind: SymbolKind = k.includes('function') || k === 'stt_func' ? 'func' : k.includes('object') ? 'object' : 'notype';
        if (s !== null) prog.types.set(s, kind);
        continue;
      }
      case '.size': {
        const s = symbolName(0);
        const e = expr(ops[1] ?? [], 'size');
        if (s !== null && e !== null) prog.sizes.set(s, e);
        continue;
      }
      case '.intel_syntax':
        if (backend.arch !== 'x86_64') err(head.column, `unknown directive '${head.text}'`);
        continue;
      case '.att_syntax':
        err(head.column, "AT&T syntax is not supported: write Intel syntax ('.intel_syntax noprefix')");
        continue;
    }
    if (IGNORED.has(name) || name.startsWith('.cfi_')) continue;
    push(head.column, { kind: 'archdir', name, operands: ops });
  }
  return prog;
}
