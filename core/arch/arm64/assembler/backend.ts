// The AArch64 back end for the architecture-neutral front end (core/asm):
// GNU as AArch64 syntax rules (`//` comments, `#` comments only at line
// start, `;` separates statements, `.align N` = 2^N, `.word` = 4 bytes),
// instruction encoding through encodeArm64, same-section PC-relative targets
// resolved here (as GNU as does for local labels), everything else left to
// the linker as R_AARCH64_* relocations, and `.ltorg`/`.pool`, `.inst`,
// `.xword`/`.dword`.

import type { ArchBackend, DirectiveResult, EncodeContext, EncodeResult, ExprValue, InstructionFixup, ParsedInstruction, Token } from '../../../asm/index.js';
import { littleEndian } from '../../../asm/index.js';
import { encodeArm64, isArm64Mnemonic } from './encoder.js';
import { ARM64_RELOC, type EncodeCtx } from './encoding-types.js';
import { Arm64AsmError } from './errors.js';
import { LiteralPools } from './literal-pools.js';
import { OperandSource } from './operand-source.js';
import type { ExprText } from './operands.js';
import { isPcRelative, patchAbsolute, patchPcRelative } from './resolve-fixup.js';

const NOP = 0xd503201f;

function wordBytes(w: number): Uint8Array {
  return Uint8Array.of(w & 0xff, (w >>> 8) & 0xff, (w >>> 16) & 0xff, (w >>> 24) & 0xff);
}

/** Evaluate an expression the encoder saw as text, via the front end's tokens. */
function evaluateText(src: OperandSource, e: ExprText, ctx: EncodeContext): ExprValue {
  const [a, b] = src.tokenRange(e.column, e.text.length);
  if (a === b) throw new Arm64AsmError('missing expression', src.sourceColumn(e.column), true);
  const parsed = ctx.parseExpr(src.tokens, a, b);
  if ('message' in parsed) throw new Arm64AsmError(parsed.message, parsed.column, true);
  const v = ctx.evaluate(parsed);
  if ('message' in v) throw new Arm64AsmError(v.message, v.column, true);
  return v;
}

function encodeInstruction(insn: ParsedInstruction, ctx: EncodeContext, pools: LiteralPools): EncodeResult {
  const src = new OperandSource(insn.tokens, insn.column + insn.mnemonicText.length + 1);
  const encCtx: EncodeCtx = {
    constant: (e) => {
      const v = evaluateText(src, e, ctx);
      return v.kind === 'abs' ? v.value : undefined;
    },
  };
  try {
    const enc = encodeArm64(insn.mnemonic, src.text, encCtx, insn.column, src.column);
    let word = enc.word;
    // GNU as keeps instructions 4-byte aligned: after odd-sized data it pads with zeros first.
    const pad = (4 - (ctx.offset % 4)) % 4;
    const here = BigInt(ctx.offset + pad);
    const fixups: InstructionFixup[] = [];
    const fail = (message: string, column: number): EncodeResult => ({ error: message, column: src.sourceColumn(column) });
    if (enc.fixup) {
      const { reloc, expr } = enc.fixup;
      const v = evaluateText(src, expr, ctx);
      // GNU as resolves PC-relative references to local labels of the same
      // section itself, but leaves a relocation for global symbols.
      if (isPcRelative(reloc) && v.kind === 'rel' && v.section === ctx.section && !ctx.isGlobal(v.symbol)) {
        const r = patchPcRelative(word, reloc, v.offset - here, insn.mnemonic);
        if ('error' in r) {
          if (ctx.final) return fail(r.error, expr.column);
        } else word = r.word;
      } else if (v.kind === 'abs') {
        if (isPcRelative(reloc) || reloc === 'R_AARCH64_ADR_PREL_PG_HI21') return fail(`expected a label for '${insn.mnemonic}', got the constant ${v.value}`, expr.column);
        const r = patchAbsolute(word, reloc, v.value);
        if ('error' in r) return fail(r.error, expr.column);
        word = r.word;
      } else {
        fixups.push({ offset: 0, type: ARM64_RELOC[reloc], symbol: v.symbol, addend: v.addend });
      }
    }
    if (enc.literal) {
      const { size, expr } = enc.literal;
      const [a, b] = src.tokenRange(expr.column, expr.text.length);
      const parsed = ctx.parseExpr(src.tokens, a, b);
      if ('message' in parsed) return { error: parsed.message, column: parsed.column };
      const v = ctx.evaluate(parsed);
      if ('message' in v) return { error: v.message, column: v.column };
      const slot = pools.request(ctx, parsed, v, size);
      if ('error' in slot) return { error: slot.error, column: slot.column };
      if (slot.offset !== undefined) {
        const r = patchPcRelative(word, 'R_AARCH64_LD_PREL_LO19', slot.offset - here, insn.mnemonic);
        if ('error' in r) {
          if (ctx.final) return fail(`literal pool out of range for '${insn.mnemonic}' (must be within 1 MiB; add .ltorg)`, expr.column);
        } else word = r.word;
      }
    }
    const bytes = new Uint8Array(pad + 4);
    bytes.set(wordBytes(word), pad);
    for (const f of fixups) f.offset += pad;
    return fixups.length > 0 ? { bytes, fixups } : { bytes };
  } catch (e) {
    if (e instanceof Arm64AsmError) return { error: e.message, column: e.sourceColumn ? e.column : src.sourceColumn(e.column) };
    throw e;
  }
}

function dataDirective(operands: Token[][], size: 4 | 8, ctx: EncodeContext): DirectiveResult {
  const out: number[] = [];
  const fixups: InstructionFixup[] = [];
  for (const op of operands) {
    const parsed = ctx.parseExpr(op);
    if ('message' in parsed) return { error: parsed.message, column: parsed.column };
    const v = ctx.evaluate(parsed);
    if ('message' in v) return { error: v.message, column: v.column };
    if (v.kind === 'abs') out.push(...littleEndian(v.value, size));
    else {
      fixups.push({ offset: out.length, type: size === 8 ? ARM64_RELOC.R_AARCH64_ABS64 : ARM64_RELOC.R_AARCH64_ABS32, symbol: v.symbol, addend: v.addend });
      for (let i = 0; i < size; i++) out.push(0);
    }
  }
  return { ok: true, bytes: Uint8Array.from(out), fixups };
}

/** A fresh back end per assembly run (it holds literal-pool state across layout passes). */
export function createArm64Backend(): ArchBackend {
  const pools = new LiteralPools();
  return {
    arch: 'arm64',
    lineComments: ['//'],
    lineStartComments: ['#'],
    semicolon: 'separator',
    alignIsPowerOfTwo: true,
    wordSize: 4,
    dataRelocation: (size) =>
      size === 8 ? ARM64_RELOC.R_AARCH64_ABS64 : size === 4 ? ARM64_RELOC.R_AARCH64_ABS32 : size === 2 ? ARM64_RELOC.R_AARCH64_ABS16 : undefined,
    isMnemonic: (w) => isArm64Mnemonic(w.toLowerCase()),
    encode: (insn, ctx) => encodeInstruction(insn, ctx, pools),
    // tc-aarch64.c aarch64_handle_align: zero bytes up to a 4-byte boundary, then NOPs.
    codeFill: (count) => {
      const out = new Uint8Array(count);
      const lead = count % 4;
      for (let i = lead; i + 4 <= count; i += 4) out.set(wordBytes(NOP), i);
      return out;
    },
    directive: (name, operands, ctx) => {
      switch (name.toLowerCase()) {
        case '.ltorg':
        case '.pool':
          return { ok: true, ...pools.flush(ctx) };
        case '.inst':
          return dataDirective(operands, 4, ctx);
        case '.xword':
        case '.dword':
          return dataDirective(operands, 8, ctx);
        default:
          return undefined;
      }
    },
  };
}
