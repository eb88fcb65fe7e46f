// sigaction(2) flags and signal-set helpers (include/uapi/asm-generic/signal-defs.h, x86 signal.h).

import { SIGKILL, SIGSTOP } from './signal-names.js';

export const SA_NOCLDSTOP = 0x1n;
export const SA_SIGINFO = 0x4n;
export const SA_RESTORER = 0x04000000n;
export const SA_ONSTACK = 0x08000000n;
export const SA_RESTART = 0x10000000n;
export const SA_NODEFER = 0x40000000n;
export const SA_RESETHAND = 0x80000000n;

export const UNBLOCKABLE = (1n << BigInt(SIGKILL - 1)) | (1n << BigInt(SIGSTOP - 1));

export function sigBit(signo: number): bigint {
  return 1n << BigInt(signo - 1);
}

