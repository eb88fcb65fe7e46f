// Operand-size inference and immediate range rules as GNU as applies them:
// a register fixes the size; memory needs `SIZE PTR` when nothing else does;
// immediates are taken modulo the operand size, and the sign-extended imm8
// forms are used when the value fits (SDM Vol 2A §2.2.1.5 for imm32 → 64).

import type { ExprValue } from '../../../asm/expr.js';
import type { Operand } from './operands.js';
import { fitsSigned } from './emit.js';

export type Size = 8 | 16 | 32 | 64;

export class InsnError {
  constructor(
    readonly message: string,
    readonly column?: number,
  ) {}
}

/** The common size of the register/memory operands, or an error. */
export function inferSize(mnemonic: string, ops: readonly Operand[]): Size | InsnError {
  let size: Size | 0 = 0;
  for (const op of ops) {
    const s = op.kind === 'reg' ? op.reg.width : op.kind === 'mem' ? op.size : 0;
    if (s === 0) continue;
    if (size !== 0 && size !== s) return new InsnError(`operand size mismatch for '${mnemonic}'`);
    size = s;
  }
  if (size === 0) return new InsnError(`ambiguous operand size for '${mnemonic}'`);
  return size;
}

export interface ImmInfo {
  value: ExprValue;
  /** True when the value is a constant known at parse time that fits a sign-extended imm8. */
  fits8: boolean;
}

/** Normalises an immediate for an operand of `size` bits. */
export function immediate(mnemonic: string, v: ExprValue, size: Size): ImmInfo | InsnError {
  if (v.kind !== 'abs') return { value: v, fits8: false };
  let value = v.value;
  if (size === 64) {
    // Only a sign-extended imm32 exists for 64-bit operands.
    value = BigInt.asIntN(64, value);
    if (!fitsSigned(value, 32)) return new InsnError(`operand type mismatch for '${mnemonic}'`);
    return { value: { kind: 'abs', value, forward: v.forward }, fits8: !v.forward && v.unresolved !== true && fitsSigned(value, 8) };
  }
  // A value representable in `size` bits (signed or unsigned) is read as signed
  // for the imm8 choice; a wider one is truncated (GNU warns "shortened") but
  // the imm8 choice still looks at the original value, as GNU's optimize_imm does.
  const representable = value >= -(1n << BigInt(size - 1)) && value < 1n << BigInt(size);
  const forChoice = representable ? BigInt.asIntN(size, value) : value;
  value = BigInt.asIntN(size, value);
  return { value: { kind: 'abs', value, forward: v.forward }, fits8: !v.forward && v.unresolved !== true && fitsSigned(forChoice, 8) };
}
