// The registers a syscall event records as the kernel found them on entry
// (RunEvent.entryRegs), per architecture: the call number, the argument registers,
// what the trap instruction itself wrote (rcx/r11 on x86-64; the saved pc and
// pstate, i.e. ELR_EL1/SPSR_EL1, on arm64) and the stack pointer. Lab checks
// (`entryReg`) may name exactly these.

import type { Arch } from './events.js';

export const ENTRY_REGS_X86_64 = ['rax', 'rdi', 'rsi', 'rdx', 'r10', 'r8', 'r9', 'rcx', 'r11', 'rip', 'rsp', 'orig_rax'] as const;
export const ENTRY_REGS_ARM64 = ['x0', 'x1', 'x2', 'x3', 'x4', 'x5', 'x8', 'x30', 'sp', 'pc', 'pstate'] as const;

export const ENTRY_REGS: Readonly<Record<Arch, readonly string[]>> = { x86_64: ENTRY_REGS_X86_64, arm64: ENTRY_REGS_ARM64 };
