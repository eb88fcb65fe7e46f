// Shared shapes for the per-family encoders (forms-*.ts).

import type { EncodeContext, EncodeResult } from '../../../asm/backend.js';
import type { Spec } from './emit.js';
import type { MemOperand, Operand } from './operands.js';
import type { InsnError } from './operand-size.js';
import type { Register } from './registers.js';

export interface InsnInput {
  mnemonic: string;
  ops: Operand[];
  ctx: EncodeContext;
  column: number;
}

export type Handler = (i: InsnInput) => Spec | InsnError | EncodeResult;

export interface FormEntry {
  handler: Handler;
  /** Bare expressions are branch targets, not memory operands. */
  branch?: boolean;
}

export function isReg(op: Operand | undefined): op is { kind: 'reg'; reg: Register; column: number } {
  return op?.kind === 'reg';
}
export function isGpr(op: Operand | undefined): op is { kind: 'reg'; reg: Register; column: number } {
  return op?.kind === 'reg' && op.reg.cls === 'gpr';
}
export function isMem(op: Operand | undefined): op is MemOperand {
  return op?.kind === 'mem';
}
/** Register or memory operand usable as ModRM.rm. */
export function rmOf(op: Operand): Register | MemOperand {
  return op.kind === 'reg' ? op.reg : (op as MemOperand);
}
export function isAcc(op: Operand | undefined): boolean {
  return op?.kind === 'reg' && op.reg.cls === 'gpr' && op.reg.num === 0 && op.reg.high8 !== true;
}

/** Condition codes by suffix (SDM Vol 2A Table B-1 / Jcc). */
export const CONDITIONS: Record<string, number> = {
  o: 0, no: 1, b: 2, c: 2, nae: 2, ae: 3, nb: 3, nc: 3, e: 4, z: 4, ne: 5, nz: 5, be: 6, na: 6, a: 7, nbe: 7,
  s: 8, ns: 9, p: 10, pe: 10, np: 11, po: 11, l: 12, nge: 12, ge: 13, nl: 13, le: 14, ng: 14, g: 15, nle: 15,
};
