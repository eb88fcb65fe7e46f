// x86-64 register numbering and architectural constants (SDM Vol 1 3.4, Vol 2A 2.1.5).

export const RAX = 0;
export const RCX = 1;
export const RDX = 2;
export const RBX = 3;
export const RSP = 4;
export const RBP = 5;
export const RSI = 6;
export const RDI = 7;
export const R8 = 8;
export const R9 = 9;
export const R10 = 10;
export const R11 = 11;
export const R12 = 12;
export const R13 = 13;
export const R14 = 14;
export const R15 = 15;
/** Byte-register operands 16..19 are AH, CH, DH, BH (only without a REX prefix). */
export const AH_BASE = 16;
/** Pseudo base register for RIP-relative addressing. */
export const RIP_BASE = 16;

export const REG64 = ['rax', 'rcx', 'rdx', 'rbx', 'rsp', 'rbp', 'rsi', 'rdi', 'r8', 'r9', 'r10', 'r11', 'r12', 'r13', 'r14', 'r15'];
export const REG32 = ['eax', 'ecx', 'edx', 'ebx', 'esp', 'ebp', 'esi', 'edi', 'r8d', 'r9d', 'r10d', 'r11d', 'r12d', 'r13d', 'r14d', 'r15d'];
export const REG16 = ['ax', 'cx', 'dx', 'bx', 'sp', 'bp', 'si', 'di', 'r8w', 'r9w', 'r10w', 'r11w', 'r12w', 'r13w', 'r14w', 'r15w'];
export const REG8 = ['al', 'cl', 'dl', 'bl', 'spl', 'bpl', 'sil', 'dil', 'r8b', 'r9b', 'r10b', 'r11b', 'r12b', 'r13b', 'r14b', 'r15b', 'ah', 'ch', 'dh', 'bh'];

export function regName(size: number, r: number): string {
  return (size === 8 ? REG64 : size === 4 ? REG32 : size === 2 ? REG16 : REG8)[r]!;
}

// RFLAGS bits, SDM Vol 1 3.4.3.
export const CF = 1 << 0;
export const FIXED1 = 1 << 1;
export const PF = 1 << 2;
export const AF = 1 << 4;
export const ZF = 1 << 6;
export const SF = 1 << 7;
export const TF = 1 << 8;
export const IF = 1 << 9;
export const DF = 1 << 10;
export const OF = 1 << 11;
export const IOPL = 3 << 12;
export const NT = 1 << 14;
export const RF = 1 << 16;
export const VM = 1 << 17;
export const AC = 1 << 18;
export const ID = 1 << 21;
/** The six status flags the ALU produces. */
export const STATUS_FLAGS = CF | PF | AF | ZF | SF | OF;
/** Bits software can change in 64-bit mode (others read as fixed). */
export const RFLAGS_WRITABLE = STATUS_FLAGS | TF | IF | DF | IOPL | NT | RF | AC | ID;

// Model-specific registers, SDM Vol 4.
export const IA32_EFER = 0xc0000080;
export const IA32_STAR = 0xc0000081;
export const IA32_LSTAR = 0xc0000082;
export const IA32_CSTAR = 0xc0000083;
export const IA32_FMASK = 0xc0000084;
export const IA32_FS_BASE = 0xc0000100;
export const IA32_GS_BASE = 0xc0000101;
export const IA32_KERNEL_GS_BASE = 0xc0000102;
export const IA32_TSC_AUX = 0xc0000103;

export const EFER_SCE = 1 << 0;
export const EFER_LME = 1 << 8;
export const EFER_LMA = 1 << 10;
export const EFER_NXE = 1 << 11;

export const CR0_PE = 1 << 0;
export const CR0_MP = 1 << 1;
export const CR0_ET = 1 << 4;
export const CR0_NE = 1 << 5;
export const CR0_WP = 1 << 16;
export const CR0_AM = 1 << 18;
export const CR0_PG = 1 << 31;
export const CR4_PGE = 1 << 7;

/** Condition-code names in encoding order (SDM Vol 2 Appendix B.1.4.7), as objdump spells them. */
export const CC_NAMES = ['o', 'no', 'b', 'ae', 'e', 'ne', 'be', 'a', 's', 'ns', 'p', 'np', 'l', 'ge', 'le', 'g'];

/** Parity flag lookup: PF set when the low byte has an even number of 1 bits. */
export const PARITY = new Uint8Array(256);
for (let i = 0; i < 256; i++) {
  let b = i;
  b ^= b >> 4;
  b ^= b >> 2;
  b ^= b >> 1;
  PARITY[i] = (b & 1) === 0 ? 1 : 0;
}
