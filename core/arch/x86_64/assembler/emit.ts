// Turns one instruction spec (opcode, operand size, ModRM operands,
// immediate) into bytes: legacy prefixes, REX, opcode, ModRM, SIB,
// displacement, immediate — SDM Vol 2A §2.1 (format), §2.2.1 (REX),
// Table 2-2 (32/64-bit ModRM), Table 2-3 (SIB).

import type { EncodeContext, EncodeResult, InstructionFixup } from '../../../asm/backend.js';
import type { ExprValue } from '../../../asm/expr.js';
import type { MemOperand } from './operands.js';
import { segmentOverride, type Register } from './registers.js';

// ELF x86-64 psABI relocation types.
export const R_X86_64_64 = 1;
export const R_X86_64_PC32 = 2;
export const R_X86_64_32 = 10;
export const R_X86_64_32S = 11;
export const R_X86_64_16 = 12;
export const R_X86_64_8 = 14;

export interface ImmSpec {
  value: ExprValue;
  size: 1 | 2 | 4 | 8;
  /** Relocation used when the value is not absolute. */
  reloc: number;
}

export interface Spec {
  opcode: number[];
  /** Operand size: 16 → 0x66 prefix, 64 → REX.W (unless default64). 0/8/32: neither. */
  size: 0 | 8 | 16 | 32 | 64;
  /** Instructions whose operand size defaults to 64 (push/pop/jmp/call indirect): no REX.W. */
  default64?: boolean;
  /** ModRM.reg: a /digit or a register. */
  reg?: number | Register;
  /** ModRM.rm operand. */
  rm?: Register | MemOperand;
  /** Register folded into the low 3 bits of the last opcode byte (+rd forms). */
  opReg?: Register;
  imm?: ImmSpec;
  /** Second immediate (enter-style); unused by most. */
  imm2?: ImmSpec;
  /** Prefixes that follow segment/66/67 (rep, lock, mandatory F3...). */
  prefixes?: number[];
  /** Registers that appear in the instruction, for REX/high-byte checks. */
  regs8?: Register[];
}

export type EmitResult = EncodeResult;

function fitsSigned(v: bigint, bits: number): boolean {
  const lim = 1n << BigInt(bits - 1);
  return v >= -lim && v < lim;
}

export function emitSpec(spec: Spec, ctx: EncodeContext): EmitResult {
  const prefixes: number[] = [];
  const fixups: InstructionFixup[] = [];
  const mem = spec.rm !== undefined && 'kind' in spec.rm ? spec.rm : null;
  const rmReg = spec.rm !== undefined && !('kind' in spec.rm) ? spec.rm : null;
  const regReg = typeof spec.reg === 'object' ? spec.reg : null;
  const seg = mem === null ? null : segmentOverride(mem.seg, mem.base);
  if (seg !== null) prefixes.push(seg);
  // 0x67 selects 32-bit addressing: eax…, eip or eiz in the address. Operand parsing
  // already rejected mixed widths and impossible index registers.
  const addr32 = mem !== null && [mem.base, mem.index].some((r) => r !== null && r.width === 32);
  if (addr32) prefixes.push(0x67);
  if (spec.size === 16) prefixes.push(0x66);
  if (spec.prefixes !== undefined) prefixes.push(...spec.prefixes);

  let rex = 0;
  if (spec.size === 64 && spec.default64 !== true) rex |= 8;
  const regNum = typeof spec.reg === 'number' ? spec.reg : (spec.reg?.num ?? 0);
  if (regNum & 8) rex |= 4;
  if (mem?.index != null && mem.index.num & 8) rex |= 2;
  const bReg = rmReg ?? mem?.base ?? spec.opReg ?? null;
  if (bReg !== null && bReg.cls !== 'rip' && bReg.num & 8) rex |= 1;
  const byteRegs = [rmReg, regReg, spec.opReg, ...(spec.regs8 ?? [])].filter((r): r is Register => r !== null && r !== undefined);
  const forceRex = byteRegs.some((r) => r.needsRex === true);
  const high = byteRegs.find((r) => r.high8 === true);
  if ((rex !== 0 || forceRex) && high !== undefined)
    return { error: `can't encode register '${high.name}' in an instruction requiring REX prefix` };
  const out: number[] = [...prefixes];
  if (rex !== 0 || forceRex) out.push(0x40 | rex);
  const opcode = [...spec.opcode];
  if (spec.opReg !== undefined) opcode[opcode.length - 1] = (opcode[opcode.length - 1] ?? 0) | (spec.opReg.num & 7);
  out.push(...opcode);

  // Displacement bytes are placed later since RIP-relative needs the final length.
  let dispField: { at: number; size: 1 | 4; value: ExprValue; ripRel: boolean } | null = null;
  if (rmReg !== null) {
    out.push(0xc0 | ((regNum & 7) << 3) | (rmReg.num & 7));
  } else if (mem !== null) {
    const reg3 = (regNum & 7) << 3;
    let disp: ExprValue = mem.disp ?? { kind: 'abs', value: 0n, forward: false };
    if (disp.kind === 'abs') {
      const d = disp32(disp.value, addr32);
      if (d === null) return { error: dispRangeError(disp.value, mem), column: mem.column };
      disp = { ...disp, value: d };
    }
    const known = disp.kind === 'abs' && !disp.forward && disp.unresolved !== true;
    if (mem.base?.cls === 'rip') {
      out.push(0x05 | reg3);
      dispField = { at: out.length, size: 4, value: disp, ripRel: true };
    } else if (mem.base === null) {
      // No base: SIB with base=101 and mod=00 means disp32 only (SDM Table 2-3 note 1).
      const idx = mem.index === null ? 4 : mem.index.num & 7;
      out.push(0x04 | reg3, (scaleBits(mem.scale) << 6) | (idx << 3) | 5);
      dispField = { at: out.length, size: 4, value: disp, ripRel: false };
    } else {
      const base = mem.base.num & 7;
      const v = disp.kind === 'abs' ? disp.value : 0n;
      let mod: number;
      if (known && v === 0n && base !== 5) mod = 0;
      else if (known && fitsSigned(v, 8)) mod = 1;
      else mod = 2;
      const needSib = mem.index !== null || base === 4;
      out.push((mod << 6) | reg3 | (needSib ? 4 : base));
      if (needSib) {
        const idx = mem.index === null ? 4 : mem.index.num & 7;
        out.push((scaleBits(mem.scale) << 6) | (idx << 3) | base);
      }
      if (mod === 1) dispField = { at: out.length, size: 1, value: disp, ripRel: false };
      if (mod === 2) dispField = { at: out.length, size: 4, value: disp, ripRel: false };
    }
    if (dispField !== null) for (let i = 0; i < dispField.size; i++) out.push(0);
  }
  const imms: { at: number; imm: ImmSpec }[] = [];
  for (const imm of [spec.imm, spec.imm2]) {
    if (imm === undefined) continue;
    imms.push({ at: out.length, imm });
    for (let i = 0; i < imm.size; i++) out.push(0);
  }
  const end = out.length;
  if (dispField !== null) {
    const d = dispField;
    if (d.value.kind === 'abs') {
      // A number is the displacement itself, already range-checked (also after rip:
      // `[rip + 0x10]` names no target).
      put(out, d.at, d.value.value, d.size);
    } else if (d.ripRel) {
      const r = pcRelative(d.value, ctx, end, d.at, 4);
      if ('error' in r) return { error: r.error, column: mem?.column ?? 0 };
      if (r.fixup !== undefined) fixups.push(r.fixup);
      else put(out, d.at, r.value ?? 0n, 4);
    } else {
      fixups.push({ offset: d.at, type: R_X86_64_32S, symbol: d.value.symbol, addend: d.value.addend });
    }
  }
  for (const { at, imm } of imms) {
    if (imm.value.kind === 'abs') put(out, at, imm.value.value, imm.size);
    else fixups.push({ offset: at, type: imm.reloc, symbol: imm.value.symbol, addend: imm.value.addend });
  }
  return fixups.length > 0 ? { bytes: Uint8Array.from(out), fixups } : { bytes: Uint8Array.from(out) };
}

/**
 * A number written as a displacement, as the signed 32-bit field that encodes it, or
 * null when none does. 64-bit addressing sign-extends disp32, so 0xffffffffe9ce6577
 * (how objdump prints an absolute address) is -0x16319a89; 32-bit addressing wraps
 * at 2^32, so there 0xffffffff is -1 as well (SDM Vol 2A §2.2.1.3; GNU as agrees).
 */
export function disp32(value: bigint, addr32: boolean): bigint | null {
  if (value < -(1n << 63n) || value >= 1n << 64n) return null;
  const signed = BigInt.asIntN(64, value);
  if (fitsSigned(signed, 32)) return signed;
  if (addr32 && value >= 0n && value < 1n << 32n) return BigInt.asIntN(32, value);
  return null;
}

function dispRangeError(value: bigint, mem: MemOperand): string {
  const v = `0x${BigInt.asUintN(64, value).toString(16)}`;
  if (mem.base === null && mem.index === null) return `address ${v} does not fit a sign-extended 32-bit displacement (only mov to/from al/ax/eax/rax takes a 64-bit address, as movabs)`;
  return `displacement ${v} out of range of a signed 32-bit displacement`;
}

function scaleBits(s: number): number {
  return s === 8 ? 3 : s === 4 ? 2 : s === 2 ? 1 : 0;
}

export function put(out: number[], at: number, value: bigint, size: number): void {
  let v = BigInt.asUintN(64, value);
  for (let i = 0; i < size; i++) {
    out[at + i] = Number(v & 0xffn);
    v >>= 8n;
  }
}

/**
 * A PC-relative field whose value is target - end-of-instruction. Same-section
 * targets are resolved here like GNU as does; others become R_X86_64_PC32
 * with A = addend - (end - field).
 */
export function pcRelative(
  target: ExprValue,
  ctx: EncodeContext,
  end: number,
  fieldAt: number,
  size: 1 | 4,
): { value: bigint; fixup?: undefined } | { fixup: InstructionFixup; value?: undefined } | { error: string } {
  if (target.kind === 'rel' && target.section === ctx.section) {
    const v = target.offset - BigInt(ctx.offset + end);
    if (!fitsSigned(v, size * 8)) return { error: `relocation out of range` };
    return { value: v };
  }
  if (size !== 4) return { error: 'short branch to another section' };
  const tail = BigInt(end - fieldAt);
  if (target.kind === 'abs') return { fixup: { offset: fieldAt, type: R_X86_64_PC32, symbol: '*ABS*', addend: target.value - tail } };
  return { fixup: { offset: fieldAt, type: R_X86_64_PC32, symbol: target.symbol, addend: target.addend - tail } };
}

export { fitsSigned };
