// Single-register loads and stores (ARM ARM C4.1.x "Loads and Stores"):
// unsigned scaled offset, unscaled (LDUR/STUR, which GNU as picks for
// negative or misaligned offsets), pre-/post-index, register offset with
// LSL/UXTW/SXTW/SXTX, PC-relative literal (`ldr x0, label`), and the
// `ldr x0, =expr` pseudo-instruction that requests a literal-pool slot.

import type { Arm64RelocName, Encoded, EncodeCtx } from './encoding-types.js';
import { constant, expectCount, fail, reg, word, type InsnSite } from './encode-util.js';
import type { Operand } from './operands.js';
import type { GpReg, RegWidth } from './registers.js';

export type LoadStoreOp =
  | 'ldr' | 'str' | 'ldrb' | 'strb' | 'ldrh' | 'strh' | 'ldrsb' | 'ldrsh' | 'ldrsw'
  | 'ldur' | 'stur' | 'ldurb' | 'sturb' | 'ldurh' | 'sturh' | 'ldursb' | 'ldursh' | 'ldursw'
  | 'ldtr' | 'sttr' | 'ldtrb' | 'sttrb' | 'ldtrh' | 'sttrh' | 'ldtrsb' | 'ldtrsh' | 'ldtrsw'
  | 'prfm' | 'prfum';

/** PRFM operation names: type (PLD/PLI/PST) << 3 | target (L1..L3) << 1 | policy (KEEP/STRM) (C6.2 "PRFM"). */
function prefetchOp(op: Operand | undefined, ctx: EncodeCtx, site: InsnSite): GpReg {
  if (!op || op.kind !== 'imm') return fail('expected a prefetch operation (pldl1keep, pstl2strm, ...) or #imm', op?.column ?? site.column);
  const m = /^p(ld|li|st)l([123])(keep|strm)$/.exec(op.expr.text.toLowerCase());
  let num: number;
  if (!op.expr.hash && m) num = (['ld', 'li', 'st'].indexOf(m[1] ?? '') << 3) | ((Number(m[2]) - 1) << 1) | (m[3] === 'strm' ? 1 : 0);
  else {
    const v = constant(ctx, op.expr);
    if (v < 0n || v > 31n) fail(`prefetch operation ${v} out of range 0..31`, op.expr.column);
    num = Number(v);
  }
  return { num, width: 64, isSp: false, isZr: false, name: op.expr.text };
}

interface Shape {
  /** log2 of the access size in bytes. */
  readonly size: number;
  readonly opc: number;
}

/** size and opc fields by mnemonic and Rt width (C4.1.x "Load/store register (unsigned immediate)"). */
function shapeOf(base: string, rt: GpReg, column: number): Shape {
  const w = rt.width;
  const need = (width: RegWidth): void => {
    if (w !== width) fail(`expected a ${width}-bit register`, column);
  };
  switch (base) {
    case 'ldr': return { size: w === 64 ? 3 : 2, opc: 1 };
    case 'str': return { size: w === 64 ? 3 : 2, opc: 0 };
    case 'ldrb': need(32); return { size: 0, opc: 1 };
    case 'strb': need(32); return { size: 0, opc: 0 };
    case 'ldrh': need(32); return { size: 1, opc: 1 };
    case 'strh': need(32); return { size: 1, opc: 0 };
    case 'ldrsb': return { size: 0, opc: w === 64 ? 2 : 3 };
    case 'ldrsh': return { size: 1, opc: w === 64 ? 2 : 3 };
    case 'ldrsw': need(64); return { size: 2, opc: 2 };
    case 'prfm': return { size: 3, opc: 2 };
    default: return fail(`unknown load/store '${base}'`, column);
  }
}

const LDST_BASE = 0x38000000;
const UNSIGNED = 0x01000000;
const POST = 0x400;
const PRE = 0xc00;
const REGOFF = 0x00200800;
const LO12: readonly Arm64RelocName[] = [
  'R_AARCH64_LDST8_ABS_LO12_NC', 'R_AARCH64_LDST16_ABS_LO12_NC', 'R_AARCH64_LDST32_ABS_LO12_NC', 'R_AARCH64_LDST64_ABS_LO12_NC',
];
const EXTEND_OPTION: Readonly<Record<string, number>> = { uxtw: 2, lsl: 3, sxtw: 6, sxtx: 7 };

function imm9(v: bigint, column: number, mnemonic: string): number {
  if (v < -256n || v > 255n) fail(`offset out of range for '${mnemonic}': ${v} (-256..255)`, column);
  return Number(v) & 0x1ff;
}

function literal(op: string, rt: GpReg, target: Operand): Encoded {
  const base = op === 'ldrsw' ? 0x98000000 : op === 'prfm' ? 0xd8000000 : op === 'ldr' ? (rt.width === 64 ? 0x58000000 : 0x18000000) : undefined;
  if (base === undefined) return fail(`'${op}' has no PC-relative literal form`, target.column);
  if (target.kind === 'literal') {
    if (op === 'prfm') return fail("'prfm' cannot take an =literal", target.column);
    return { word: word(base, rt.num), literal: { size: op === 'ldr' && rt.width === 64 ? 8 : 4, expr: target.expr } };
  }
  if (target.kind !== 'imm') return fail('expected an address: [Xn, ...], a label, or =value', target.column);
  return { word: word(base, rt.num), fixup: { reloc: 'R_AARCH64_LD_PREL_LO19', expr: target.expr } };
}

export function encodeLoadStore(op: LoadStoreOp, ops: readonly Operand[], ctx: EncodeCtx, site: InsnSite): Encoded {
  expectCount(ops, 2, 3, site);
  // LDTR/STTR (unprivileged, C6.2 "LDTR") share the unscaled layout with bits 11:10 = 10.
  const unprivileged = op.startsWith('ldtr') || op.startsWith('sttr');
  const unscaledOnly = unprivileged || op === 'prfum' || op.startsWith('ldur') || op.startsWith('stur');
  const baseOp = op === 'prfum' ? 'prfm' : unscaledOnly ? op.replace(/^ld[ut]r/, 'ldr').replace(/^st[ut]r/, 'str') : op;
  const rt = baseOp === 'prfm' ? prefetchOp(ops[0], ctx, site) : reg(ops[0], {}, site);
  const shape = shapeOf(baseOp, rt, ops[0]?.column ?? site.column);
  const fixed = word(shape.size << 30, LDST_BASE, shape.opc << 22, unprivileged ? 0x800 : 0, rt.num);
  const mem = ops[1];
  if (!mem) return fail(`too few operands for '${op}'`, site.column);
  if (mem.kind !== 'mem') {
    if (unscaledOnly || ops.length > 2) return fail('expected an address in brackets', mem.column);
    return literal(baseOp, rt, mem);
  }
  const rn = mem.base.num << 5;
  const post = ops[2];
  if (post) {
    // Post-index: [Xn|SP], #simm9
    if (unscaledOnly || mem.writeback || mem.index || mem.offset) return fail(`unexpected operand after address for '${op}'`, post.column);
    if (post.kind !== 'imm') return fail('expected a post-index immediate', post.column);
    return { word: word(fixed, POST, imm9(constant(ctx, post.expr), post.expr.column, op) << 12, rn) };
  }
  if (mem.index) {
    if (unscaledOnly || mem.writeback) return fail(`register offset is not allowed for '${op}'${mem.writeback ? ' with writeback' : ''}`, mem.index.column);
    const idx = mem.index.reg;
    if (idx.isSp) fail(`'${idx.name}' is not allowed as an index register`, mem.index.column);
    const mod = mem.index.mod;
    const modName = mod ? mod.op : 'lsl';
    const option = EXTEND_OPTION[modName];
    if (option === undefined) return fail(`'${modName}' is not allowed in an address (use lsl, uxtw, sxtw or sxtx)`, mod?.column ?? mem.index.column);
    const wantWidth: RegWidth = option === 2 || option === 6 ? 32 : 64;
    if (idx.width !== wantWidth) {
      fail(wantWidth === 32 ? `expected a 32-bit index register with '${modName}'` : `expected a 64-bit index register${mod ? ` with '${modName}'` : ' (or add uxtw/sxtw)'}`, mem.index.column);
    }
    let s = 0;
    const amountExpr = mod?.amount;
    if (amountExpr) {
      const a = constant(ctx, amountExpr);
      if (a !== 0n && a !== BigInt(shape.size)) fail(`shift amount must be 0 or ${shape.size} for '${op}'`, amountExpr.column);
      // For byte accesses an explicit amount (#0) sets S (C6.2 "LDRB (register)").
      s = shape.size === 0 || a !== 0n ? 1 : 0;
    } else if (mod?.kind === 'shift') {
      fail('missing shift amount', mod.column);
    }
    return { word: word(fixed, REGOFF, idx.num << 16, option << 13, s << 12, rn) };
  }
  const off = mem.offset;
  if (mem.writeback) {
    if (unscaledOnly || !off) return fail(`writeback needs an immediate offset for '${op}'`, mem.column);
    return { word: word(fixed, PRE, imm9(constant(ctx, off), off.column, op) << 12, rn) };
  }
  if (!off) return { word: word(fixed, unscaledOnly ? 0 : UNSIGNED, rn) };
  if (off.reloc !== undefined) {
    if (off.reloc !== 'lo12' || unscaledOnly) return fail(`relocation operator ':${off.reloc}:' is not allowed for '${op}'`, off.column);
    return { word: word(fixed, UNSIGNED, rn), fixup: { reloc: LO12[shape.size] ?? 'R_AARCH64_LDST64_ABS_LO12_NC', expr: { text: off.text, column: off.column, hash: off.hash } } };
  }
  const v = constant(ctx, off);
  if (unscaledOnly) return { word: word(fixed, imm9(v, off.column, op) << 12, rn) };
  const scale = BigInt(1 << shape.size);
  if (v >= 0n && v % scale === 0n && v / scale <= 4095n) return { word: word(fixed, UNSIGNED, Number(v / scale) << 10, rn) };
  if (v >= -256n && v <= 255n) return { word: word(fixed, (Number(v) & 0x1ff) << 12, rn) };
  return fail(`offset out of range for '${op}': ${v} (0..${4095n * scale} in multiples of ${scale}, or -256..255)`, off.column);
}

type PairOp = 'ldp' | 'stp' | 'ldpsw' | 'ldnp' | 'stnp';

/** LDP/STP/LDPSW/LDNP/STNP: signed offset, pre-index, post-index (C4.1.x "Load/store register pair"). */
export function encodeLoadStorePair(op: PairOp, ops: readonly Operand[], ctx: EncodeCtx, site: InsnSite): Encoded {
  expectCount(ops, 3, 4, site);
  const rt = reg(ops[0], op === 'ldpsw' ? { width: 64 } : {}, site);
  const rt2 = reg(ops[1], { width: rt.width }, site);
  const mem = ops[2];
  if (!mem || mem.kind !== 'mem') return fail('expected an address in brackets', mem?.column ?? site.column);
  if (mem.index) return fail(`register offset is not allowed for '${op}'`, mem.index.column);
  const opc = op === 'ldpsw' ? 1 : rt.width === 64 ? 2 : 0;
  const load = op === 'ldp' || op === 'ldpsw' || op === 'ldnp' ? 1 : 0;
  const scale = op === 'ldpsw' ? 4n : rt.width === 64 ? 8n : 4n;
  const nonTemporal = op === 'ldnp' || op === 'stnp';
  let mode = nonTemporal ? 0 : 2;
  let offExpr = mem.offset;
  const post = ops[3];
  if (post) {
    if (nonTemporal || mem.writeback || mem.offset) return fail(`unexpected operand after address for '${op}'`, post.column);
    if (post.kind !== 'imm') return fail('expected a post-index immediate', post.column);
    mode = 1;
    offExpr = post.expr;
  } else if (mem.writeback) {
    if (nonTemporal || !mem.offset) return fail(`writeback needs an immediate offset for '${op}'`, mem.column);
    mode = 3;
  }
  let imm7 = 0;
  if (offExpr) {
    const v = constant(ctx, offExpr);
    if (v % scale !== 0n) fail(`offset ${v} must be a multiple of ${scale} for '${op}'`, offExpr.column);
    const q = v / scale;
    if (q < -64n || q > 63n) fail(`offset out of range for '${op}': ${v} (${-64n * scale}..${63n * scale})`, offExpr.column);
    imm7 = Number(q) & 0x7f;
  }
  return { word: word(opc << 30, 0x28000000, mode << 23, load << 22, imm7 << 15, rt2.num << 10, mem.base.num << 5, rt.num) };
}
