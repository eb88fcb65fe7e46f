// The x86-64 back end for the core/asm front end: GNU as Intel syntax,
// byte-identical to `as --64` for the instruction set the emulated CPU runs.

import { assemble, type AssembleOptions } from '../../../asm/assemble.js';
import type { ArchBackend, EncodeContext, EncodeResult, ParsedInstruction } from '../../../asm/backend.js';
import { splitOperands } from '../../../asm/parse.js';
import type { Token } from '../../../asm/lexer.js';
import type { AssembleResult } from '../../../asm/types.js';
import { emitSpec, type Spec } from './emit.js';
import { ARITH_FORMS } from './forms-arith.js';
import { CONTROL_FORMS } from './forms-control.js';
import { MOVE_FORMS } from './forms-move.js';
import { nopFill, PREFIXES, SYSTEM_FORMS } from './forms-system.js';
import type { FormEntry } from './insn.js';
import { InsnError } from './operand-size.js';
import { parseOperand, resolveOperand, type Operand, type RawOperand } from './operands.js';

export const X86_FORMS: Record<string, FormEntry> = { ...SYSTEM_FORMS, ...ARITH_FORMS, ...MOVE_FORMS, ...CONTROL_FORMS };

interface Prepared {
  prefixes: number[];
  mnemonic: string;
  mnemonicText: string;
  column: number;
  entry: FormEntry | null;
  /** Operand size implied by a GNU suffix (`pushq`, `incb`), applied to unsized memory. */
  suffixSize: 0 | 8 | 16 | 64;
  raw: RawOperand[];
  error?: { error: string; column: number };
}

// Operand parsing does not depend on the layout pass, so do it once per statement.
const prepared = new WeakMap<ParsedInstruction, Prepared>();

function prepare(insn: ParsedInstruction, ctx: EncodeContext): Prepared {
  const cached = prepared.get(insn);
  if (cached !== undefined) return cached;
  const p: Prepared = { prefixes: [], mnemonic: insn.mnemonic, mnemonicText: insn.mnemonicText, column: insn.column, entry: null, suffixSize: 0, raw: [] };
  let tokens: Token[] = insn.tokens;
  let operands = insn.operands;
  while (PREFIXES[p.mnemonic] !== undefined && tokens[0]?.kind === 'ident') {
    p.prefixes.push(PREFIXES[p.mnemonic] as number);
    const next = tokens[0];
    p.mnemonic = next.text.toLowerCase();
    p.mnemonicText = next.text;
    p.column = next.column;
    tokens = tokens.slice(1);
    operands = splitOperands(tokens);
  }
  if (PREFIXES[p.mnemonic] !== undefined && tokens.length === 0) {
    // A lone prefix (`rep` on its own line) is emitted as one byte, like GNU as.
    p.prefixes.push(PREFIXES[p.mnemonic] as number);
    p.mnemonic = '';
  } else {
    p.entry = X86_FORMS[p.mnemonic] ?? null;
    // GNU as also takes AT&T size suffixes b/w/q in Intel mode (`pushq rax`, `incq [rax]`), not l.
    const suffixed = /^(.+)([bwql])$/.exec(p.mnemonic);
    const stem = suffixed?.[1] ?? '';
    if (p.entry === null && suffixed !== null && X86_FORMS[stem] !== undefined) {
      if (suffixed[2] === 'l') p.error = { error: `unknown mnemonic '${p.mnemonicText}' (AT&T size suffix: in Intel syntax write '${stem}')`, column: p.column };
      else {
        p.entry = X86_FORMS[stem] ?? null;
        p.suffixSize = suffixed[2] === 'b' ? 8 : suffixed[2] === 'w' ? 16 : 64;
        p.mnemonic = stem;
      }
    }
    if (p.entry === null) p.error ??= { error: `unknown mnemonic '${p.mnemonicText}'`, column: p.column };
    for (const o of operands) {
      if (o.length === 0) {
        p.error ??= { error: `missing operand for '${p.mnemonicText}'`, column: p.column };
        continue;
      }
      const r = parseOperand(o, ctx);
      if ('error' in r) p.error ??= r;
      else p.raw.push(r);
    }
  }
  prepared.set(insn, p);
  return p;
}

function encodeX86(insn: ParsedInstruction, ctx: EncodeContext): EncodeResult {
  const p = prepare(insn, ctx);
  if (p.error !== undefined) return p.error;
  if (p.entry === null) return { bytes: Uint8Array.from(p.prefixes) };
  const ops: Operand[] = [];
  for (const raw of p.raw) {
    const op = resolveOperand(raw, ctx, p.entry.branch === true);
    if ('error' in op) return op;
    ops.push(op.kind === 'mem' && op.size === 0 && p.suffixSize !== 0 ? { ...op, size: p.suffixSize } : op);
  }
  const r = p.entry.handler({ mnemonic: p.mnemonic, ops, ctx, column: p.column });
  if (r instanceof InsnError) return { error: r.message, column: r.column ?? p.column };
  if ('error' in r) return { error: r.error, column: r.column ?? p.column };
  if ('opcode' in r) {
    const spec: Spec = p.prefixes.length > 0 ? { ...r, prefixes: [...p.prefixes, ...(r.prefixes ?? [])] } : r;
    const out = emitSpec(spec, ctx);
    return 'error' in out ? { error: out.error, column: out.column ?? p.column } : out;
  }
  if (p.prefixes.length === 0) return r;
  // Fixed encodings: prefixes go after 0x66 and before REX (GNU prefix order).
  const b = [...r.bytes];
  const lead = b[0] === 0x66 ? [0x66] : [];
  const rest = b.slice(lead.length);
  const bytes = Uint8Array.from([...lead, ...p.prefixes, ...rest]);
  return r.fixups === undefined ? { bytes } : { bytes, fixups: r.fixups.map((f) => ({ ...f, offset: f.offset + p.prefixes.length })) };
}

export const x86Backend: ArchBackend = {
  arch: 'x86_64',
  lineComments: ['#', '//'],
  lineStartComments: [],
  semicolon: 'separator-or-comment',
  alignIsPowerOfTwo: false,
  wordSize: 2,
  dataRelocation: (size) => ({ 1: 14, 2: 12, 4: 10, 8: 1 } as const)[size],
  isMnemonic: (w) => X86_FORMS[w] !== undefined || PREFIXES[w] !== undefined,
  encode: encodeX86,
  codeFill: nopFill,
  // GNU as reads eiz/riz as registers only after `.allow_index_reg`; this assembler
  // always does (no program names a symbol eiz), so the pair is accepted and changes nothing.
  directive: (name) => (name === '.allow_index_reg' || name === '.disallow_index_reg' ? { ok: true } : undefined),
};

/** Assembles GNU-as Intel-syntax x86-64 source (with or without `.intel_syntax noprefix`). */
export function assembleX86(source: string, opts: AssembleOptions = {}): AssembleResult {
  return assemble(source, x86Backend, opts);
}
