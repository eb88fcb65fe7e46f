// Where the x86-64 kernel lives in the upper half, and the selectors it uses.
// Addresses are JS numbers holding the signed 64-bit value (see core/mm).

import type { UserLayout } from '../kernel-arch.js';

const upper = (u: bigint): number => Number(BigInt.asIntN(64, u));

/**
 * The user half (arch/x86/include/asm/processor.h, elf.h): this kernel's address spaces
 * end at 2^47; STACK_TOP is TASK_SIZE_MAX, 2^47 less the unusable last page;
 * ELF_ET_DYN_BASE is 2/3 of that window, page aligned. Randomisation: STACK_RND_MASK
 * 0x3fffff pages, mmap_rnd_bits 28, arch_randomize_brk within 32 MiB.
 */
export const X86_LAYOUT: UserLayout = {
  taskSize: 0x800000000000,
  stackTop: 0x7ffffffff000,
  elfEtDynBase: 0x555555554000,
  stackRndBits: 22,
  mmapRndBits: 28,
  brkRndBits: 13,
};

/** Kernel text (__START_KERNEL_map + 16 MiB, as on Linux). */
export const KERNEL_TEXT = upper(0xffffffff81000000n);
/**
 * Per-CPU area, then the IDT one page above it. The software TLB is direct-mapped
 * (index = page number mod 512), so the hot kernel pages are placed on different
 * indices: kernel text at 0, per-CPU data at 256, kernel stack tops at 3 + 8n.
 */
export const KERNEL_DATA = upper(0xffffffff82100000n);
export const PERCPU = KERNEL_DATA;
export const IDT_BASE = KERNEL_DATA + 0x1000;
/** Kernel stacks (the vmalloc area), one 16 KiB stack per task with a 16 KiB guard gap. */
export const KERNEL_STACKS = upper(0xffffc90000000000n);
export const KERNEL_STACK_SIZE = 16 * 1024;
export const KERNEL_STACK_STRIDE = 32 * 1024;

// arch/x86/include/asm/segment.h
export const KERNEL_CS = 0x10;
export const KERNEL_DS = 0x18;
export const USER32_CS = 0x23;
export const USER_DS = 0x2b;
export const USER_CS = 0x33;

// MSRs (SDM Vol 4)
export const MSR_EFER = 0xc0000080;
export const MSR_STAR = 0xc0000081;
export const MSR_LSTAR = 0xc0000082;
export const MSR_FMASK = 0xc0000084;
export const MSR_FS_BASE = 0xc0000100;
export const MSR_GS_BASE = 0xc0000101;
export const MSR_KERNEL_GS_BASE = 0xc0000102;
export const EFER_SCE = 1n << 0n;
export const EFER_LME = 1n << 8n;
export const EFER_LMA = 1n << 10n;
export const EFER_NXE = 1n << 11n;
/** TF | DF | IF | IOPL | AC | NT: what Linux clears on SYSCALL entry (syscall_init). */
export const SYSCALL_FMASK = 0x47700n;

export const TIMER_VECTOR = 0x20;
export const INT80_VECTOR = 0x80;

/** An unsigned 64-bit value for a signed address number. */
export function addrToU64(a: number): bigint {
  return BigInt.asUintN(64, BigInt(a));
}

export function u64ToAddr(v: bigint): number {
  return Number(BigInt.asIntN(64, v));
}
