// Control transfer: jmp, jcc, call, ret, int (SDM Vol 2A JMP/Jcc/CALL).
// Relaxation follows GNU as: a jump to a label in the same section
// starts as rel8 (EB / 70+cc) and grows to rel32 (E9 / 0F 80+cc) once the
// target is out of range; it never shrinks back. Calls are always rel32.

import type { EncodeResult } from '../../../asm/backend.js';
import { fitsSigned, pcRelative, put } from './emit.js';
import { InsnError } from './operand-size.js';
import { CONDITIONS, isGpr, rmOf, type FormEntry, type Handler, type InsnInput } from './insn.js';

function relBranch(i: InsnInput, short: number[] | null, long: number[]): EncodeResult | InsnError {
  const op = i.ops[0];
  if (op === undefined || op.kind !== 'imm') return new InsnError(`operand type mismatch for '${i.mnemonic}'`);
  const v = op.value;
  const ctx = i.ctx;
  const longSize = long.length + 4;
  // GNU as relaxes jumps to global symbols too (no -mshared), so only the section matters.
  const sameSection = short !== null && v.kind === 'rel' && v.section === ctx.section;
  if (sameSection && ctx.previousSize !== longSize) {
    const d = v.offset - BigInt(ctx.offset + short.length + 1);
    if (fitsSigned(d, 8)) return { bytes: Uint8Array.from([...short, Number(BigInt.asUintN(8, d))]), relaxable: true };
  }
  const out = [...long, 0, 0, 0, 0];
  const r = pcRelative(v, ctx, out.length, long.length, 4);
  if ('error' in r) return new InsnError(r.error);
  // GNU makes every jmp/jcc to a symbol a variable frag, wherever the symbol is.
  const relaxable = short !== null && v.kind !== 'abs';
  if (r.fixup !== undefined) return { bytes: Uint8Array.from(out), fixups: [r.fixup], relaxable };
  put(out, long.length, r.value ?? 0n, 4);
  return { bytes: Uint8Array.from(out), relaxable };
}

function indirect(digit: number): (i: InsnInput) => EncodeResult | InsnError | ReturnType<Handler> {
  return (i) => {
    const op = i.ops[0];
    if (op === undefined || op.kind === 'imm') return new InsnError(`operand type mismatch for '${i.mnemonic}'`);
    if (op.kind === 'reg' && (!isGpr(op) || op.reg.width !== 64)) return new InsnError(`operand type mismatch for '${i.mnemonic}'`);
    if (op.kind === 'mem' && op.size !== 0 && op.size !== 64) return new InsnError(`operand size mismatch for '${i.mnemonic}'`);
    return { opcode: [0xff], size: 64, default64: true, reg: digit, rm: rmOf(op) };
  };
}

function branch(short: number[] | null, long: number[], digit: number | null): Handler {
  return (i) => {
    if (i.ops.length !== 1) return new InsnError(`number of operands mismatch for '${i.mnemonic}'`);
    if (i.ops[0]?.kind !== 'imm' && digit !== null) return indirect(digit)(i);
    return relBranch(i, short, long);
  };
}

const ret: Handler = (i) => {
  if (i.ops.length === 0) return { opcode: [0xc3], size: 0 };
  const op = i.ops[0];
  if (i.ops.length !== 1) return new InsnError(`number of operands mismatch for '${i.mnemonic}'`);
  if (op?.kind !== 'imm') return new InsnError(`operand type mismatch for '${i.mnemonic}'`);
  const v = op.value.kind === 'abs' ? { ...op.value, value: BigInt.asUintN(16, op.value.value) } : op.value;
  return { opcode: [0xc2], size: 0, imm: { value: v, size: 2, reloc: 12 } };
};

const int: Handler = (i) => {
  const op = i.ops[0];
  if (i.ops.length !== 1 || op?.kind !== 'imm') return new InsnError(`operand type mismatch for '${i.mnemonic}'`);
  // GNU as encodes `int 3` as the one-byte int3 (CC).
  if (op.value.kind === 'abs' && op.value.value === 3n) return { opcode: [0xcc], size: 0 };
  const v = op.value.kind === 'abs' ? { ...op.value, value: BigInt.asUintN(8, op.value.value) } : op.value;
  return { opcode: [0xcd], size: 0, imm: { value: v, size: 1, reloc: 14 } };
};

export const CONTROL_FORMS: Record<string, FormEntry> = {
  jmp: { handler: branch([0xeb], [0xe9], 4), branch: true },
  call: { handler: branch(null, [0xe8], 2), branch: true },
  ret: { handler: ret },
  int: { handler: int },
};
for (const [cc, n] of Object.entries(CONDITIONS)) {
  CONTROL_FORMS['j' + cc] = { handler: branch([0x70 + n], [0x0f, 0x80 + n], null), branch: true };
}
