// Arithmetic and logic encoders: ALU group, test, unary group 3/4/5, shifts,
// imul, bt, xchg (SDM Vol 2A/2B opcode maps; form choices match GNU as:
// reg,reg uses the r/m,reg "store" opcode; imm8 sign-extended when the
// value fits, else the accumulator short form, else the ModRM imm32 form).

import { R_X86_64_16, R_X86_64_32, R_X86_64_32S, R_X86_64_8, type ImmSpec } from './emit.js';
import { immediate, inferSize, InsnError, type Size } from './operand-size.js';
import { isAcc, isGpr, isMem, isReg, rmOf, type FormEntry, type Handler, type InsnInput } from './insn.js';
import type { ExprValue } from '../../../asm/expr.js';

export function immSpec(value: ExprValue, size: Size, short: boolean): ImmSpec {
  if (short) return { value, size: 1, reloc: R_X86_64_8 };
  if (size === 8) return { value, size: 1, reloc: R_X86_64_8 };
  if (size === 16) return { value, size: 2, reloc: R_X86_64_16 };
  return { value, size: 4, reloc: size === 64 ? R_X86_64_32S : R_X86_64_32 };
}

function needOps(i: InsnInput, n: number): InsnError | null {
  return i.ops.length === n ? null : new InsnError(`number of operands mismatch for '${i.mnemonic}'`);
}

function alu(n: number): Handler {
  const base = n * 8;
  return (i) => {
    const bad = needOps(i, 2);
    if (bad) return bad;
    const [dst, src] = i.ops as [NonNullable<(typeof i.ops)[0]>, NonNullable<(typeof i.ops)[1]>];
    if (dst.kind === 'imm') return new InsnError(`operand type mismatch for '${i.mnemonic}'`);
    const size = inferSize(i.mnemonic, [dst, src]);
    if (size instanceof InsnError) return size;
    const w = size === 8 ? 0 : 1;
    if (src.kind === 'reg') {
      if (!isGpr(src) || (dst.kind === 'reg' && !isGpr(dst))) return new InsnError(`operand type mismatch for '${i.mnemonic}'`);
      return { opcode: [base + w], size, reg: src.reg, rm: rmOf(dst) };
    }
    if (src.kind === 'mem') {
      if (!isGpr(dst)) return new InsnError(`operand type mismatch for '${i.mnemonic}'`);
      return { opcode: [base + 2 + w], size, reg: dst.reg, rm: src };
    }
    const imm = immediate(i.mnemonic, src.value, size);
    if (imm instanceof InsnError) return imm;
    if (dst.kind === 'reg' && !isGpr(dst)) return new InsnError(`operand type mismatch for '${i.mnemonic}'`);
    if (size === 8) {
      if (isAcc(dst)) return { opcode: [base + 4], size, imm: immSpec(imm.value, 8, true) };
      return { opcode: [0x80], size, reg: n, rm: rmOf(dst), imm: immSpec(imm.value, 8, true) };
    }
    if (imm.fits8) return { opcode: [0x83], size, reg: n, rm: rmOf(dst), imm: immSpec(imm.value, size, true) };
    if (isAcc(dst)) return { opcode: [base + 5], size, imm: immSpec(imm.value, size, false) };
    return { opcode: [0x81], size, reg: n, rm: rmOf(dst), imm: immSpec(imm.value, size, false) };
  };
}

const test: Handler = (i) => {
  const bad = needOps(i, 2);
  if (bad) return bad;
  let [dst, src] = i.ops as [NonNullable<(typeof i.ops)[0]>, NonNullable<(typeof i.ops)[1]>];
  // `test reg, mem` is the same instruction as `test mem, reg`.
  if (dst.kind === 'reg' && src.kind === 'mem') [dst, src] = [src, dst];
  const size = inferSize(i.mnemonic, [dst, src]);
  if (size instanceof InsnError) return size;
  const w = size === 8 ? 0 : 1;
  if (dst.kind === 'imm') return new InsnError(`operand type mismatch for '${i.mnemonic}'`);
  if (src.kind === 'reg') return { opcode: [0x84 + w], size, reg: src.reg, rm: rmOf(dst) };
  if (src.kind === 'mem') return new InsnError(`operand type mismatch for '${i.mnemonic}'`);
  const imm = immediate(i.mnemonic, src.value, size);
  if (imm instanceof InsnError) return imm;
  if (isAcc(dst)) return { opcode: [0xa8 + w], size, imm: immSpec(imm.value, size, false) };
  return { opcode: [0xf6 + w], size, reg: 0, rm: rmOf(dst), imm: immSpec(imm.value, size, false) };
};

/** Group 3 (F6/F7 /n) and group 4/5 inc/dec (FE/FF /0, /1). */
function unary(opcode8: number, digit: number): Handler {
  return (i) => {
    const bad = needOps(i, 1);
    if (bad) return bad;
    const op = i.ops[0];
    if (op === undefined || op.kind === 'imm' || (op.kind === 'reg' && !isGpr(op))) return new InsnError(`operand type mismatch for '${i.mnemonic}'`);
    const size = inferSize(i.mnemonic, [op]);
    if (size instanceof InsnError) return size;
    return { opcode: [opcode8 + (size === 8 ? 0 : 1)], size, reg: digit, rm: rmOf(op) };
  };
}

function shift(digit: number): Handler {
  return (i) => {
    if (i.ops.length !== 1 && i.ops.length !== 2) return new InsnError(`number of operands mismatch for '${i.mnemonic}'`);
    const dst = i.ops[0];
    const count = i.ops[1];
    if (dst === undefined || dst.kind === 'imm') return new InsnError(`operand type mismatch for '${i.mnemonic}'`);
    const size = inferSize(i.mnemonic, [dst]);
    if (size instanceof InsnError) return size;
    const w = size === 8 ? 0 : 1;
    if (count === undefined) return { opcode: [0xd0 + w], size, reg: digit, rm: rmOf(dst) };
    if (count.kind === 'reg') {
      if (count.reg.name !== 'cl') return new InsnError(`operand type mismatch for '${i.mnemonic}'`);
      return { opcode: [0xd2 + w], size, reg: digit, rm: rmOf(dst) };
    }
    if (count.kind === 'mem') return new InsnError(`operand type mismatch for '${i.mnemonic}'`);
    const v = count.value;
    if (v.kind === 'abs' && !v.forward && v.unresolved !== true && v.value === 1n) return { opcode: [0xd0 + w], size, reg: digit, rm: rmOf(dst) };
    const imm: ExprValue = v.kind === 'abs' ? { ...v, value: BigInt.asIntN(8, v.value) } : v;
    return { opcode: [0xc0 + w], size, reg: digit, rm: rmOf(dst), imm: immSpec(imm, 8, true) };
  };
}

const imul: Handler = (i) => {
  if (i.ops.length === 1) return unary(0xf6, 5)(i);
  const dst = i.ops[0];
  if (!isGpr(dst) || dst.reg.width === 8) return new InsnError(`operand type mismatch for '${i.mnemonic}'`);
  let src = i.ops[1];
  let immOp = i.ops[2];
  if (i.ops.length === 2 && src?.kind === 'imm') {
    immOp = src;
    src = dst;
  }
  if (src === undefined || src.kind === 'imm') return new InsnError(`operand type mismatch for '${i.mnemonic}'`);
  const size = inferSize(i.mnemonic, [dst, src]);
  if (size instanceof InsnError) return size;
  if (immOp === undefined) return { opcode: [0x0f, 0xaf], size, reg: dst.reg, rm: rmOf(src) };
  if (immOp.kind !== 'imm' || i.ops.length > 3) return new InsnError(`operand type mismatch for '${i.mnemonic}'`);
  const imm = immediate(i.mnemonic, immOp.value, size);
  if (imm instanceof InsnError) return imm;
  if (imm.fits8) return { opcode: [0x6b], size, reg: dst.reg, rm: rmOf(src), imm: immSpec(imm.value, size, true) };
  return { opcode: [0x69], size, reg: dst.reg, rm: rmOf(src), imm: immSpec(imm.value, size, false) };
};

function bitTest(digit: number, regOpcode: number): Handler {
  return (i) => {
    const bad = needOps(i, 2);
    if (bad) return bad;
    const [dst, src] = i.ops as [NonNullable<(typeof i.ops)[0]>, NonNullable<(typeof i.ops)[1]>];
    if (dst.kind === 'imm' || src.kind === 'mem') return new InsnError(`operand type mismatch for '${i.mnemonic}'`);
    const size = inferSize(i.mnemonic, [dst, src]);
    if (size instanceof InsnError) return size;
    if (size === 8) return new InsnError(`operand size mismatch for '${i.mnemonic}'`);
    if (src.kind === 'reg') return { opcode: [0x0f, regOpcode], size, reg: src.reg, rm: rmOf(dst) };
    const v = src.value.kind === 'abs' ? { ...src.value, value: BigInt.asIntN(8, src.value.value) } : src.value;
    return { opcode: [0x0f, 0xba], size, reg: digit, rm: rmOf(dst), imm: immSpec(v, 8, true) };
  };
}

const xchg: Handler = (i) => {
  const bad = needOps(i, 2);
  if (bad) return bad;
  const [a, b] = i.ops as [NonNullable<(typeof i.ops)[0]>, NonNullable<(typeof i.ops)[1]>];
  if (a.kind === 'imm' || b.kind === 'imm') return new InsnError(`operand type mismatch for '${i.mnemonic}'`);
  const size = inferSize(i.mnemonic, [a, b]);
  if (size instanceof InsnError) return size;
  if (isReg(a) && isReg(b) && size !== 8) {
    // 90+r with the accumulator; `xchg eax, eax` must not become 90 (= nop,
    // which would not zero-extend), `xchg rax, rax` is exactly nop.
    if (size === 64 && a.reg.num === 0 && b.reg.num === 0) return { opcode: [0x90], size: 0 };
    if (!(size === 32 && a.reg.num === 0 && b.reg.num === 0)) {
      if (isAcc(a)) return { opcode: [0x90], size, opReg: b.reg };
      if (isAcc(b)) return { opcode: [0x90], size, opReg: a.reg };
    }
  }
  const w = size === 8 ? 0 : 1;
  if (isMem(b)) {
    if (!isGpr(a)) return new InsnError(`operand type mismatch for '${i.mnemonic}'`);
    return { opcode: [0x86 + w], size, reg: a.reg, rm: b };
  }
  if (!isReg(b)) return new InsnError(`operand type mismatch for '${i.mnemonic}'`);
  return { opcode: [0x86 + w], size, reg: b.reg, rm: rmOf(a) };
};

export const ARITH_FORMS: Record<string, FormEntry> = {
  add: { handler: alu(0) },
  or: { handler: alu(1) },
  adc: { handler: alu(2) },
  sbb: { handler: alu(3) },
  and: { handler: alu(4) },
  sub: { handler: alu(5) },
  xor: { handler: alu(6) },
  cmp: { handler: alu(7) },
  test: { handler: test },
  inc: { handler: unary(0xfe, 0) },
  dec: { handler: unary(0xfe, 1) },
  not: { handler: unary(0xf6, 2) },
  neg: { handler: unary(0xf6, 3) },
  mul: { handler: unary(0xf6, 4) },
  div: { handler: unary(0xf6, 6) },
  idiv: { handler: unary(0xf6, 7) },
  imul: { handler: imul },
  rol: { handler: shift(0) },
  ror: { handler: shift(1) },
  rcl: { handler: shift(2) },
  rcr: { handler: shift(3) },
  shl: { handler: shift(4) },
  sal: { handler: shift(4) },
  shr: { handler: shift(5) },
  sar: { handler: shift(7) },
  bt: { handler: bitTest(4, 0xa3) },
  bts: { handler: bitTest(5, 0xab) },
  btr: { handler: bitTest(6, 0xb3) },
  btc: { handler: bitTest(7, 0xbb) },
  xchg: { handler: xchg },
};
