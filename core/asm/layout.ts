// Layout: walk the statements once per pass, asking the back end for each
// instruction's bytes, until every size and label offset is stable (branch
// relaxation: back ends only grow an instruction, so this terminates). Then
// one final pass keeps bytes, fixups and the source map.

import type { ArchBackend, EncodeContext, InstructionFixup } from './backend.js';
import { buildImage } from './build-image.js';
import { littleEndian } from './bytes.js';
import { evaluate, exprStartColumn, parseExpr, type Expr, type ExprError, type ExprValue } from './expr.js';
import type { PassResult, Pool } from './layout-state.js';
import { layoutPools } from './literal-pool.js';
import type { ParsedProgram, Statement } from './statements.js';
import type { AsmError, ObjectImage } from './types.js';


const MAX_PASSES = 100;
/** Bytes one section may hold (bss: its size). Past this the assembler reports an error instead of exhausting the JS heap. */
export const MAX_SECTION_BYTES = 1 << 24;
export const MAX_BSS_BYTES = 1 << 28;

export function layoutProgram(prog: ParsedProgram, backend: ArchBackend): { image: ObjectImage; errors: AsmError[] } {
  const equNames = new Set<string>();
  for (const s of prog.statements) if (s.kind === 'equ') equNames.add(s.name);
  // Stop when two passes agree: the next pass then sees identical inputs, so
  // it is run as the final one that keeps bytes and reports errors.
  let older: PassResult | null = null;
  let prev: PassResult | null = null;
  let r: PassResult | null = null;
  for (let pass = 0; pass < MAX_PASSES && r === null; pass++) {
    const final = (older !== null && prev !== null && samePass(older, prev)) || pass === MAX_PASSES - 1;
    const cur = runPass(prog, backend, equNames, pass, final, prev);
    if (final) {
      r = cur;
      if (pass === MAX_PASSES - 1) r.errors.push({ line: 1, column: 1, message: 'layout did not converge' });
    }
    older = prev;
    prev = cur;
  }
  if (r === null) throw new Error('unreachable');
  return { image: buildImage(prog, backend, r), errors: r.errors };
}

function samePass(a: PassResult, b: PassResult): boolean {
  if (a.sizes.length !== b.sizes.length) return false;
  for (let i = 0; i < a.sizes.length; i++) if (a.sizes[i] !== b.sizes[i]) return false;
  for (const [k, v] of a.labels) if (b.labels.get(k) !== v) return false;
  for (const [k, v] of a.poolBases) if (b.poolBases.get(k) !== v) return false;
  for (const [k, v] of a.equs) {
    const w = b.equs.get(k);
    if (w === undefined || w.kind !== v.kind) return false;
    if (v.kind === 'abs' && w.kind === 'abs' && v.value !== w.value) return false;
    if (v.kind === 'rel' && w.kind === 'rel' && v.offset !== w.offset) return false;
  }
  return true;
}

function undefinedSymbols(e: Expr, known: (n: string) => boolean, out: { name: string; column: number }[]): void {
  if (e.kind === 'sym') {
    if (!known(e.name)) out.push({ name: e.name, column: e.column });
  } else if (e.kind === 'unary') undefinedSymbols(e.arg, known, out);
  else if (e.kind === 'binary') {
    undefinedSymbols(e.left, known, out);
    undefinedSymbols(e.right, known, out);
  }
}

export function undefinedMessage(name: string): string {
  const m = /^\.L(\d+)\u0002\d+$/.exec(name) ?? /^(\d+)b$/.exec(name);
  return m !== null ? `undefined local label '${m[1] ?? ''}'` : `undefined symbol '${name}'`;
}

function runPass(
  prog: ParsedProgram,
  backend: ArchBackend,
  equNames: Set<string>,
  pass: number,
  final: boolean,
  prev: PassResult | null,
): PassResult {
  const r: PassResult = {
    labelFrags: new Map(),
    sizes: [],
    starts: [],
    labels: new Map(),
    equs: new Map(),
    poolBases: new Map(),
    sectionSizes: new Map(),
    sectionAlign: new Map(),
    bytes: new Map(),
    fixups: [],
    sourceMap: [],
    errors: [],
  };
  for (const name of prog.sections.keys()) {
    r.sectionSizes.set(name, 0);
    r.sectionAlign.set(name, 1);
    r.bytes.set(name, []);
  }
  const pools = new Map<string, Pool>();
  /** Variable-size items seen so far per section (GNU frag numbers). */
  const frags = new Map<string, number>();
  const alignsBefore: number[] = [];
  let aligns = 0;
  for (const st of prog.statements) {
    alignsBefore.push(aligns);
    if (st.kind === 'align') aligns++;
  }
  let index = 0;
  let section = '.text';
  const known = (n: string): boolean => prog.labels.has(n) || equNames.has(n) || prog.sections.has(n);
  const symbolValue = (name: string): ExprValue | undefined => {
    const lab = prog.labels.get(name);
    if (lab !== undefined) {
      const here = lab.index < index;
      // A forward label is estimated from the previous pass, shifted by how much
      // this section has grown so far in this pass (so one pass propagates a
      // whole chain of growing branches); on pass 0 the best lower bound is
      // where its section ends now.
      let off: number | undefined;
      if (here) off = r.labels.get(name);
      else {
        const p = prev?.labels.get(name);
        const curStart = r.sectionSizes.get(lab.section) ?? 0;
        // GNU as relax_frag (write.c): shift by the growth ("stretch") only when
        // no alignment lies between (same "region"); otherwise keep last pass's
        // address, but never let a forward label appear behind us.
        const sameSection = lab.section === section;
        const sameRegion = sameSection && alignsBefore[lab.index] === alignsBefore[index];
        const prevStart = prev?.starts[index];
        if (p === undefined) off = curStart;
        else if (sameRegion && prevStart !== undefined) off = p + Math.max(0, curStart - prevStart);
        else off = sameSection ? Math.max(p, curStart) : p;
      }
      const frag = here ? r.labelFrags.get(name) : prev?.labelFrags.get(name);
      const v: ExprValue = { kind: 'rel', symbol: name, section: lab.section, offset: BigInt(off ?? 0), addend: 0n, forward: !here };
      if (frag !== undefined) v.frag = frag;
      return v;
    }
    const eq = r.equs.get(name);
    if (eq !== undefined) return eq;
    if (equNames.has(name)) {
      const p = prev?.equs.get(name);
      if (p === undefined) return { kind: 'abs', value: 0n, forward: true };
      return { ...p, forward: true } as ExprValue;
    }
    if (prog.sections.has(name)) return { kind: 'rel', symbol: name, section: name, offset: 0n, addend: 0n, forward: false };
    return undefined;
  };
  const env = {
    dot: () => ({ section, offset: BigInt(r.sectionSizes.get(section) ?? 0), frag: frags.get(section) ?? 0 }),
    symbol: symbolValue,
  };
  const evalAt = (e: Expr, line: number): ExprValue | ExprError => {
    if (final) {
      const missing: { name: string; column: number }[] = [];
      undefinedSymbols(e, known, missing);
      const first = missing[0];
      if (first !== undefined) {
        r.errors.push({ line, column: first.column, message: undefinedMessage(first.name) });
        return { kind: 'undefined', symbol: first.name, addend: 0n };
      }
    }
    return evaluate(e, env);
  };
  let here = { line: 1, column: 1 };
  const oversized = new Set<string>();
  const room = (): number => (prog.sections.get(section)?.nobits === true ? MAX_BSS_BYTES : MAX_SECTION_BYTES) - (r.sectionSizes.get(section) ?? 0);
  const emit = (bytes: ArrayLike<number>): void => {
    const sink = r.bytes.get(section) as number[];
    const nobits = prog.sections.get(section)?.nobits === true;
    if (final && nobits && Array.prototype.some.call(bytes, (b: number) => b !== 0))
      r.errors.push({ ...here, message: `attempt to store non-zero value in section '${section}'` });
    if (bytes.length > room()) {
      if (!oversized.has(section)) r.errors.push({ ...here, message: `section '${section}' would grow past ${(nobits ? MAX_BSS_BYTES : MAX_SECTION_BYTES) >> 20} MiB` });
      oversized.add(section);
    } else if (final && !nobits) for (let i = 0; i < bytes.length; i++) sink.push(bytes[i] ?? 0);
    r.sectionSizes.set(section, (r.sectionSizes.get(section) ?? 0) + bytes.length);
  };
  const addFixups = (base: number, fx: InstructionFixup[] | undefined, line: number, column: number): void => {
    if (!final || fx === undefined) return;
    for (const f of fx) r.fixups.push({ section, offset: base + f.offset, type: f.type, symbol: f.symbol, addend: f.addend, line, column });
  };

  for (index = 0; index < prog.statements.length; index++) {
    const s = prog.statements[index] as Statement;
    section = s.section;
    here = { line: s.line, column: s.column };
    const errorsBefore = r.errors.length;
    const start = r.sectionSizes.get(section) ?? 0;
    r.starts.push(start);
    const fail = (message: string, column = s.column): void => {
      if (final) r.errors.push({ line: s.line, column, message });
    };
    const ctx: EncodeContext = {
      section,
      offset: start,
      pass,
      final,
      previousSize: prev?.sizes[index],
      parseExpr: (tokens, a, b) => parseExpr(tokens, a, b),
      evaluate: (e) => evalAt(e, s.line),
      isGlobal: (n) => prog.globals.has(n),
      literal: (e, size, key) => {
        const pk = `${section}\u0000${size}`;
        let pool = pools.get(pk);
        if (pool === undefined) {
          pool = { section, size, entries: [] };
          pools.set(pk, pool);
        }
        let i = pool.entries.findIndex((x) => x.key === key);
        if (i < 0) {
          i = pool.entries.length;
          pool.entries.push({ key, expr: e, line: s.line, column: s.column });
        }
        const off = BigInt((prev?.poolBases.get(pk) ?? 0) + i * size);
        return { kind: 'rel', symbol: section, section, offset: off, addend: off, forward: true };
      },
    };
    switch (s.kind) {
      case 'label':
        r.labels.set(s.name, start);
        r.labelFrags.set(s.name, frags.get(section) ?? 0);
        break;
      case 'equ': {
        const v = evalAt(s.expr, s.line);
        if ('message' in v) fail(v.message, v.column);
        // Defined from here on; but a value that needed later symbols is still unknown to GNU while parsing.
        else {
          const pending = v.kind !== 'undefined' && (v.forward || v.unresolved === true);
          r.equs.set(s.name, { ...v, forward: false, unresolved: pending } as ExprValue);
        }
        break;
      }
      case 'insn': {
        const res = backend.encode(s.insn, ctx);
        if ('error' in res) {
          fail(res.error, res.column ?? s.column);
          emit(new Uint8Array(prev?.sizes[index] ?? 0));
        } else {
          emit(res.bytes);
          if (res.relaxable === true) frags.set(section, (frags.get(section) ?? 0) + 1);
          addFixups(start, res.fixups, s.line, s.column);
          if (final) r.sourceMap.push({ section, offset: start, length: res.bytes.length, line: s.line, column: s.column });
        }
        break;
      }
      case 'data':
        for (const e of s.exprs) {
          const v = evalAt(e, s.line);
          const at = r.sectionSizes.get(section) ?? 0;
          if ('message' in v) {
            fail(v.message, v.column);
            emit(new Uint8Array(s.size));
          } else if (v.kind === 'abs') {
            emit(littleEndian(v.value, s.size));
          } else {
            const type = backend.dataRelocation(s.size);
            if (type === undefined) fail(`cannot represent a ${s.size}-byte relocation`, e.column);
            else addFixups(at, [{ offset: 0, type, symbol: v.symbol, addend: v.addend }], s.line, exprStartColumn(e));
            emit(new Uint8Array(s.size));
          }
        }
        break;
      case 'bytes':
        emit(s.bytes);
        break;
      case 'leb128':
        for (const e of s.exprs) emit(leb128(constant(evalAt(e, s.line), fail, 'value'), s.signed));
        break;
      case 'skip':
      case 'fill': {
        const countExpr = s.kind === 'skip' ? s.count : s.repeat;
        const n = constant(evalAt(countExpr, s.line), fail, 'size');
        const unit = s.kind === 'fill' && s.size !== null ? Number(constant(evalAt(s.size, s.line), fail, 'size')) : 1;
        const fillExpr = s.kind === 'skip' ? s.fill : s.value;
        const fill = fillExpr === null ? 0n : constant(evalAt(fillExpr, s.line), fail, 'fill value');
        const one = littleEndian(fill, Math.min(Math.max(unit, 0), 8));
        if (n < 0n || n * BigInt(one.length) > BigInt(Math.max(room(), 0))) {
          fail(n < 0n ? `invalid size ${n}` : `section '${section}' would grow past ${(prog.sections.get(section)?.nobits === true ? MAX_BSS_BYTES : MAX_SECTION_BYTES) >> 20} MiB`);
          break;
        }
        if (!final || (fill === 0n && prog.sections.get(section)?.nobits === true)) {
          // Only the final pass keeps bytes, and bss keeps none: count the size without allocating it.
          const zeros: ArrayLike<number> = { length: Number(n) * one.length };
          emit(zeros);
          break;
        }
        const out = new Uint8Array(Number(n) * one.length);
        for (let i = 0; i < out.length; i++) out[i] = one[i % one.length] ?? 0;
        emit(out);
        break;
      }
      case 'align': {
        const amount = Number(constant(evalAt(s.amount, s.line), fail, 'alignment'));
        const align = s.pow2 ? 2 ** Math.min(amount, 30) : amount === 0 ? 1 : amount;
        if (!Number.isInteger(Math.log2(align))) {
          fail(`alignment not a power of 2`);
          break;
        }
        const pad = (align - (start % align)) % align;
        const max = s.max === null ? Infinity : Number(constant(evalAt(s.max, s.line), fail, 'maximum'));
        if (pad > max) break;
        r.sectionAlign.set(section, Math.max(r.sectionAlign.get(section) ?? 1, align));
        frags.set(section, (frags.get(section) ?? 0) + 1);
        const info = prog.sections.get(section);
        if (s.fill !== null) emit(new Uint8Array(pad).fill(Number(constant(evalAt(s.fill, s.line), fail, 'fill') & 0xffn)));
        else if (info?.flags.exec === true) emit(backend.codeFill(pad));
        else emit(new Uint8Array(pad));
        break;
      }
      case 'archdir': {
        const res = backend.directive?.(s.name, s.operands, ctx);
        if (res === undefined) fail(`unknown directive '${s.name}'`);
        else if ('error' in res) fail(res.error, res.column ?? s.column);
        else {
          emit(res.bytes ?? new Uint8Array(0));
          addFixups(start, res.fixups, s.line, s.column);
        }
        break;
      }
    }
    r.sizes.push((r.sectionSizes.get(section) ?? 0) - start);
    if (s.origin !== undefined) for (let k = errorsBefore; k < r.errors.length; k++) {
      const e = r.errors[k] as AsmError;
      r.errors[k] = { ...e, message: `${s.origin}: ${e.message}` };
    }
  }
  layoutPools(pools, r, evalAt, backend, final, (s) => (section = s), emit, addFixups);
  // bss holds no bytes; anything non-zero stored there is an error (GNU as agrees).
  for (const [name, info] of prog.sections) {
    if (!info.nobits) continue;
    r.bytes.set(name, []);
  }
  return r;
}

function constant(v: ExprValue | ExprError, fail: (m: string, c?: number) => void, what: string): bigint {
  if ('message' in v) {
    fail(v.message, v.column);
    return 0n;
  }
  if (v.kind !== 'abs') {
    fail(`${what} must be an absolute expression`);
    return 0n;
  }
  return v.value;
}


/** LEB128 (DWARF 5 §7.6), as `.uleb128` / `.sleb128` emit it. */
function leb128(value: bigint, signed: boolean): number[] {
  const out: number[] = [];
  let v = signed ? BigInt.asIntN(64, value) : BigInt.asUintN(64, value);
  for (;;) {
    const byte = Number(v & 0x7fn);
    v >>= 7n;
    const done = signed ? (v === 0n && (byte & 0x40) === 0) || (v === -1n && (byte & 0x40) !== 0) : v === 0n;
    out.push(done ? byte : byte | 0x80);
    if (done) return out;
  }
}
