// Data movement encoders: mov (incl. segment and control registers), movabs,
// movzx/movsx/movsxd, lea, cmovcc, setcc, push/pop (SDM Vol 2A/2B).
// GNU as choices: `mov r64, imm` is C7 /0 imm32 when the value fits a signed
// 32-bit immediate, else movabs (B8+r imm64); `mov r32, imm` is B8+r.

import { R_X86_64_32S, R_X86_64_64, type Spec } from './emit.js';
import { immSpec } from './forms-arith.js';
import { immediate, inferSize, InsnError } from './operand-size.js';
import { CONDITIONS, isAcc, isGpr, isMem, isReg, rmOf, type FormEntry, type Handler, type InsnInput } from './insn.js';
import type { Operand } from './operands.js';
import { disp32, fitsSigned } from './emit.js';
import { segmentOverride } from './registers.js';

function mismatch(i: InsnInput): InsnError {
  return new InsnError(`operand type mismatch for '${i.mnemonic}'`);
}

const mov: Handler = (i) => {
  if (i.ops.length !== 2) return new InsnError(`number of operands mismatch for '${i.mnemonic}'`);
  const [dst, src] = i.ops as [NonNullable<(typeof i.ops)[0]>, NonNullable<(typeof i.ops)[1]>];
  // Control registers: 0F 22 /r (to CR), 0F 20 /r (from CR); always 64-bit, no REX.W.
  if (isReg(dst) && dst.reg.cls === 'cr') {
    if (!isGpr(src) || src.reg.width !== 64) return mismatch(i);
    return { opcode: [0x0f, 0x22], size: 0, reg: dst.reg, rm: src.reg };
  }
  if (isReg(src) && src.reg.cls === 'cr') {
    if (!isGpr(dst) || dst.reg.width !== 64) return mismatch(i);
    return { opcode: [0x0f, 0x20], size: 0, reg: src.reg, rm: dst.reg };
  }
  // Segment registers: 8E /r (to Sreg, size from the source), 8C /r (from Sreg).
  if (isReg(dst) && dst.reg.cls === 'seg') {
    if (src.kind === 'imm' || (isReg(src) && (!isGpr(src) || src.reg.width === 8))) return mismatch(i);
    // GNU as emits no 66/REX.W here: the size of the source does not matter.
    return { opcode: [0x8e], size: 0, reg: dst.reg, rm: rmOf(src) };
  }
  if (isReg(src) && src.reg.cls === 'seg') {
    if (dst.kind === 'imm' || (isReg(dst) && (!isGpr(dst) || dst.reg.width === 8))) return mismatch(i);
    const size = dst.kind === 'reg' ? dst.reg.width : 0;
    return { opcode: [0x8c], size: size === 16 ? 16 : 0, reg: src.reg, rm: rmOf(dst) };
  }
  if (dst.kind === 'imm') return mismatch(i);
  // GNU as: `mov eax, ds:0x80000000` is out of disp32's reach, so it becomes movabs (A1 moffs64).
  if (needsMoffs(src) && isAcc(dst)) return moffs(i, src, dst, 0xa0);
  if (needsMoffs(dst) && isAcc(src)) return moffs(i, dst, src, 0xa2);
  const size = inferSize(i.mnemonic, [dst, src]);
  if (size instanceof InsnError) return size;
  const w = size === 8 ? 0 : 1;
  if (src.kind === 'reg') return { opcode: [0x88 + w], size, reg: src.reg, rm: rmOf(dst) };
  if (src.kind === 'mem') {
    if (!isGpr(dst)) return mismatch(i);
    return { opcode: [0x8a + w], size, reg: dst.reg, rm: src };
  }
  const v = src.value;
  if (isGpr(dst)) {
    if (size === 64) {
      if (v.kind === 'abs' && !v.forward && v.unresolved !== true && !fitsSigned(BigInt.asIntN(64, v.value), 32))
        return { opcode: [0xb8], size, opReg: dst.reg, imm: { value: v, size: 8, reloc: R_X86_64_64 } };
      const imm = immediate(i.mnemonic, v, 64);
      if (imm instanceof InsnError) return imm;
      return { opcode: [0xc7], size, reg: 0, rm: dst.reg, imm: { value: imm.value, size: 4, reloc: R_X86_64_32S } };
    }
    const imm = immediate(i.mnemonic, v, size);
    if (imm instanceof InsnError) return imm;
    return { opcode: [size === 8 ? 0xb0 : 0xb8], size, opReg: dst.reg, imm: immSpec(imm.value, size, false) };
  }
  const imm = immediate(i.mnemonic, v, size);
  if (imm instanceof InsnError) return imm;
  return { opcode: [0xc6 + w], size, reg: 0, rm: rmOf(dst), imm: immSpec(imm.value, size, false) };
};

/** A0-A3: accumulator ↔ a 64-bit absolute address (moffs64). */
function moffs(i: InsnInput, m: Operand, acc: Operand, op: number): Spec | InsnError {
  if (!isMem(m) || !isAcc(acc) || m.base !== null || m.index !== null || !isReg(acc)) return mismatch(i);
  const size = acc.reg.width;
  if (m.size !== 0 && m.size !== size) return new InsnError(`operand size mismatch for '${i.mnemonic}'`);
  const disp = m.disp ?? { kind: 'abs', value: 0n, forward: false };
  const spec: Spec = { opcode: [op + (size === 8 ? 0 : 1)], size, imm: { value: disp, size: 8, reloc: R_X86_64_64 } };
  const seg = segmentOverride(m.seg, null);
  if (seg !== null) spec.prefixes = [seg];
  return spec;
}

/** A known absolute address (no registers) that no sign-extended disp32 reaches. */
function needsMoffs(op: Operand): boolean {
  return isMem(op) && op.base === null && op.index === null && op.disp?.kind === 'abs' && !op.disp.forward && disp32(op.disp.value, false) === null;
}

/** movabs: B8+r imm64, or A0-A3 with a 64-bit absolute address (moffs). */
const movabs: Handler = (i) => {
  if (i.ops.length !== 2) return new InsnError(`number of operands mismatch for '${i.mnemonic}'`);
  const [dst, src] = i.ops as [NonNullable<(typeof i.ops)[0]>, NonNullable<(typeof i.ops)[1]>];
  if (isGpr(dst) && src.kind === 'imm') {
    if (dst.reg.width !== 64) return mismatch(i);
    return { opcode: [0xb8], size: 64, opReg: dst.reg, imm: { value: src.value, size: 8, reloc: R_X86_64_64 } };
  }
  if (isMem(src)) return moffs(i, src, dst, 0xa0);
  return moffs(i, dst, src, 0xa2);
};

function extend(op8: number, op16: number): Handler {
  return (i) => {
    if (i.ops.length !== 2) return new InsnError(`number of operands mismatch for '${i.mnemonic}'`);
    const [dst, src] = i.ops as [NonNullable<(typeof i.ops)[0]>, NonNullable<(typeof i.ops)[1]>];
    if (!isGpr(dst) || dst.reg.width === 8 || src.kind === 'imm' || (isReg(src) && !isGpr(src))) return mismatch(i);
    const srcSize = src.kind === 'reg' ? src.reg.width : src.size;
    if (srcSize === 0) return new InsnError(`ambiguous operand size for '${i.mnemonic}'`);
    // GNU accepts `movsx r64, r/m32` as movsxd (gcc emits it).
    if (op8 === 0xbe && srcSize === 32 && dst.reg.width === 64) return { opcode: [0x63], size: 64, reg: dst.reg, rm: rmOf(src) };
    if (srcSize !== 8 && srcSize !== 16) return new InsnError(`operand size mismatch for '${i.mnemonic}'`);
    return { opcode: [0x0f, srcSize === 8 ? op8 : op16], size: dst.reg.width, reg: dst.reg, rm: rmOf(src) };
  };
}

const movsxd: Handler = (i) => {
  const [dst, src] = i.ops;
  if (i.ops.length !== 2 || !isGpr(dst) || dst.reg.width !== 64 || src === undefined || src.kind === 'imm') return mismatch(i);
  const srcSize = src.kind === 'reg' ? src.reg.width : src.size;
  if (srcSize !== 32 && srcSize !== 0) return new InsnError(`operand size mismatch for '${i.mnemonic}'`);
  return { opcode: [0x63], size: 64, reg: dst.reg, rm: rmOf(src) };
};

const lea: Handler = (i) => {
  const [dst, src] = i.ops;
  if (i.ops.length !== 2 || !isGpr(dst) || dst.reg.width === 8 || !isMem(src)) return mismatch(i);
  return { opcode: [0x8d], size: dst.reg.width, reg: dst.reg, rm: { ...src, size: 0 } };
};

function cmov(cc: number): Handler {
  return (i) => {
    const [dst, src] = i.ops;
    if (i.ops.length !== 2 || !isGpr(dst) || dst.reg.width === 8 || src === undefined || src.kind === 'imm') return mismatch(i);
    const size = inferSize(i.mnemonic, [dst, src]);
    if (size instanceof InsnError) return size;
    return { opcode: [0x0f, 0x40 + cc], size, reg: dst.reg, rm: rmOf(src) };
  };
}

function setcc(cc: number): Handler {
  return (i) => {
    const [dst] = i.ops;
    if (i.ops.length !== 1 || dst === undefined || dst.kind === 'imm') return mismatch(i);
    const size = dst.kind === 'reg' ? dst.reg.width : dst.size;
    if (size !== 8 && size !== 0) return new InsnError(`operand size mismatch for '${i.mnemonic}'`);
    return { opcode: [0x0f, 0x90 + cc], size: 0, reg: 0, rm: rmOf(dst), regs8: dst.kind === 'reg' ? [dst.reg] : [] };
  };
}

const push: Handler = (i) => {
  const [op] = i.ops;
  if (i.ops.length !== 1 || op === undefined) return new InsnError(`number of operands mismatch for '${i.mnemonic}'`);
  if (op.kind === 'imm') {
    const imm = immediate(i.mnemonic, op.value, 64);
    if (imm instanceof InsnError) return imm;
    if (imm.fits8) return { opcode: [0x6a], size: 0, imm: immSpec(imm.value, 64, true) };
    return { opcode: [0x68], size: 0, imm: { value: imm.value, size: 4, reloc: R_X86_64_32S } };
  }
  return pushPop(i, op, 0x50, 0xff, 6);
};

/** pushw/popw: the 16-bit forms GNU spells with a w suffix; `pushw imm` is 66 6A/68 (SDM PUSH). */
function word16(base: Handler, isPush: boolean): Handler {
  return (i) => {
    const [op] = i.ops;
    if (i.ops.length !== 1 || op === undefined) return new InsnError(`number of operands mismatch for '${i.mnemonic}'`);
    if (op.kind === 'imm') {
      if (!isPush) return mismatch(i);
      const imm = immediate(i.mnemonic, op.value, 16);
      if (imm instanceof InsnError) return imm;
      return { opcode: [imm.fits8 ? 0x6a : 0x68], size: 16, imm: immSpec(imm.value, 16, imm.fits8) };
    }
    if (op.kind === 'reg' && op.reg.width !== 16) return new InsnError(`operand size mismatch for '${i.mnemonic}'`);
    if (op.kind === 'mem' && op.size !== 0 && op.size !== 16) return new InsnError(`operand size mismatch for '${i.mnemonic}'`);
    return base({ ...i, ops: [op.kind === 'mem' ? { ...op, size: 16 } : op] });
  };
}

const pop: Handler = (i) => {
  const [op] = i.ops;
  if (i.ops.length !== 1 || op === undefined) return new InsnError(`number of operands mismatch for '${i.mnemonic}'`);
  if (op.kind === 'imm') return mismatch(i);
  return pushPop(i, op, 0x58, 0x8f, 0);
};

function pushPop(i: InsnInput, op: NonNullable<InsnInput['ops'][0]>, regOp: number, memOp: number, digit: number): Spec | InsnError {
  // Only 64- and 16-bit forms exist in 64-bit mode (SDM PUSH/POP).
  if (op.kind === 'reg') {
    if (!isGpr(op)) return mismatch(i);
    if (op.reg.width !== 64 && op.reg.width !== 16) return new InsnError(`operand size mismatch for '${i.mnemonic}'`);
    return { opcode: [regOp], size: op.reg.width, default64: true, opReg: op.reg };
  }
  if (op.kind !== 'mem') return mismatch(i);
  if (op.size !== 0 && op.size !== 64 && op.size !== 16) return new InsnError(`operand size mismatch for '${i.mnemonic}'`);
  return { opcode: [memOp], size: op.size === 16 ? 16 : 64, default64: true, reg: digit, rm: op };
}

export const MOVE_FORMS: Record<string, FormEntry> = {
  mov: { handler: mov },
  movabs: { handler: movabs },
  movzx: { handler: extend(0xb6, 0xb7) },
  movsx: { handler: extend(0xbe, 0xbf) },
  movsxd: { handler: movsxd },
  lea: { handler: lea },
  push: { handler: push },
  pushw: { handler: word16(push, true) },
  popw: { handler: word16(pop, false) },
  pop: { handler: pop },
};
for (const [cc, n] of Object.entries(CONDITIONS)) {
  MOVE_FORMS['cmov' + cc] = { handler: cmov(n) };
  MOVE_FORMS['set' + cc] = { handler: setcc(n) };
}
