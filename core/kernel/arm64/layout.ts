// Where the AArch64 kernel lives in the TTBR1 (upper) half, and the user-space
// constants exec needs. Addresses are JS numbers holding the signed 64-bit value.

import type { UserLayout } from '../kernel-arch.js';

const upper = (u: bigint): number => Number(BigInt.asIntN(64, u));

/** Kernel text: the vector table sits at its start (VBAR_EL1 needs 2 KiB alignment). */
export const KERNEL_TEXT = upper(0xffff800010000000n);
/** Kernel stacks (the vmalloc area), 16 KiB each with a 16 KiB unmapped guard gap. */
export const KERNEL_STACKS = upper(0xffff800020000000n);
export const KERNEL_STACK_SIZE = 16 * 1024;
export const KERNEL_STACK_STRIDE = 32 * 1024;

/**
 * The user half with 4 KiB pages and 48-bit VAs, the common arm64 configuration
 * (arch/arm64/include/asm/processor.h, elf.h): TASK_SIZE_64 = DEFAULT_MAP_WINDOW_64 =
 * 2^48 and STACK_TOP = STACK_TOP_MAX = 2^48 (no page held back, unlike x86-64);
 * ELF_ET_DYN_BASE = 2 * DEFAULT_MAP_WINDOW_64 / 3 = 0xaaaaaaaaaaaa, page aligned.
 * Randomisation: STACK_RND_MASK 0x3ffff pages, mmap_rnd_bits 18 (ARCH_MMAP_RND_BITS_MIN
 * for 48-bit VAs, the default), arch_randomize_brk within 1 GiB for 64-bit tasks.
 */
export const ARM64_LAYOUT: UserLayout = {
  taskSize: 2 ** 48,
  stackTop: 2 ** 48,
  elfEtDynBase: 0xaaaaaaaaa000,
  stackRndBits: 18,
  mmapRndBits: 18,
  brkRndBits: 18,
};
/**
 * AT_HWCAP as a Cortex-A53-class core reports it (arch/arm64/include/uapi/asm/hwcap.h):
 * FP | ASIMD | EVTSTRM | AES | PMULL | SHA1 | SHA2 | CRC32 | CPUID.
 */
export const ARM64_HWCAP = 0x8ffn;

/** SCTLR_EL1.M: stage 1 translation on. */
export const SCTLR_M = 1n;
/** SCTLR_EL1.nTWI / nTWE: wfi and wfe at EL0 do not trap, as Linux sets them (INIT_SCTLR_EL1_MMU_ON). */
export const SCTLR_NTWI = 1n << 16n;
export const SCTLR_NTWE = 1n << 18n;
/** MINSIGSTKSZ in arch/arm64/include/uapi/asm/signal.h: sigaltstack(2) refuses smaller stacks with ENOMEM. */
export const MINSIGSTKSZ = 5120;
/** __NR_restart_syscall in the generic table. */
export const NR_RESTART_SYSCALL = 128n;
/** SPSR for EL0t with interrupts unmasked: what a user thread runs with. */
export const PSTATE_EL0T = 0n;
