// How an exception from EL0 becomes a signal, as arch/arm64/mm/fault.c and
// arch/arm64/kernel/traps.c report it. ESR_EL1.EC says what happened; for aborts
// ISS.DFSC/IFSC says why and FAR_EL1 where.

import { EC_BRK64, EC_DABT_LOWER, EC_IABT_LOWER, EC_PC_ALIGN, EC_SP_ALIGN } from '../../arch/arm64/exceptions.js';
import { BUS_ADRALN, ILL_ILLOPC, SEGV_ACCERR, SEGV_MAPERR, SIGBUS, SIGILL, SIGSEGV, SIGTRAP, TRAP_BRKPT } from '../signal-names.js';
import type { PendingSignal } from '../task.js';

/** DFSC/IFSC 0x21: alignment fault. */
export const FSC_ALIGNMENT = 0x21;

export type AbortAccess = 'read' | 'write' | 'exec';

/** The access an abort was for: an instruction fetch, or ISS.WnR for data. */
export function abortAccess(ec: number, iss: number): AbortAccess {
  if (ec === EC_IABT_LOWER) return 'exec';
  return (iss & (1 << 6)) !== 0 ? 'write' : 'read';
}

export function isAbort(ec: number): boolean {
  return ec === EC_DABT_LOWER || ec === EC_IABT_LOWER;
}

const u64 = (v: number): bigint => BigInt.asUintN(64, BigInt(v));

/** A translation/permission abort the VMAs could not resolve: MAPERR outside any mapping, ACCERR when rights forbid it. */
export function abortSignal(outcome: 'maperr' | 'accerr', far: number): PendingSignal {
  return { signo: SIGSEGV, code: outcome === 'accerr' ? SEGV_ACCERR : SEGV_MAPERR, pid: 0, uid: 0, addr: u64(far) };
}

/** Every other synchronous exception from EL0 (do_undefinstr, do_sp_pc_abort, brk...). */
export function exceptionSignal(ec: number, iss: number, pc: number, far: number, sp: bigint): PendingSignal {
  switch (ec) {
    case EC_PC_ALIGN:
      return { signo: SIGBUS, code: BUS_ADRALN, pid: 0, uid: 0, addr: u64(pc) };
    case EC_SP_ALIGN:
      return { signo: SIGBUS, code: BUS_ADRALN, pid: 0, uid: 0, addr: sp };
    case EC_BRK64:
      return { signo: SIGTRAP, code: TRAP_BRKPT, pid: 0, uid: 0, addr: u64(pc) };
    case EC_DABT_LOWER:
    case EC_IABT_LOWER:
      // Only alignment faults get here (translation and permission faults go to the VMAs).
      if ((iss & 0x3f) === FSC_ALIGNMENT) return { signo: SIGBUS, code: BUS_ADRALN, pid: 0, uid: 0, addr: u64(far) };
      return abortSignal('maperr', far);
    default:
      // EC 0x00 (UNDEFINED, including MRS/MSR of EL1 registers at EL0), illegal state...
      return { signo: SIGILL, code: ILL_ILLOPC, pid: 0, uid: 0, addr: u64(pc) };
  }
}
