// How an x86-64 CPU exception from user mode becomes a signal, as Linux reports it
// (arch/x86/kernel/traps.c, arch/x86/mm/fault.c).

import { FPE_INTDIV, ILL_ILLOPN, SEGV_ACCERR, SEGV_MAPERR, SI_KERNEL, SIGFPE, SIGILL, SIGSEGV, SIGTRAP } from '../signal-names.js';
import type { PendingSignal } from '../task.js';
import type { PtRegs } from './pt-regs.js';

export function faultSignal(vector: number, outcome: 'maperr' | 'accerr', cr2: number, regs: PtRegs): PendingSignal {
  const rip = regs.get('rip');
  switch (vector) {
    case 0: // #DE: divide error
      return { signo: SIGFPE, code: FPE_INTDIV, pid: 0, uid: 0, addr: rip };
    case 3: // int3
      return { signo: SIGTRAP, code: SI_KERNEL, pid: 0, uid: 0, addr: null };
    case 6: // #UD: invalid opcode
      return { signo: SIGILL, code: ILL_ILLOPN, pid: 0, uid: 0, addr: rip };
    case 14: // #PF outside any VMA (or the kernel half) → MAPERR; rights violated → ACCERR
      return { signo: SIGSEGV, code: outcome === 'accerr' ? SEGV_ACCERR : SEGV_MAPERR, pid: 0, uid: 0, addr: BigInt.asUintN(64, BigInt(cr2)) };
    default: // #GP (privileged instruction, non-canonical address): SI_KERNEL, si_addr NULL
      return { signo: SIGSEGV, code: SI_KERNEL, pid: 0, uid: 0, addr: 0n };
  }
}
