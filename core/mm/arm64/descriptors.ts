// VMSAv8-64 stage 1 descriptor fields for the 4 KiB granule (ARM ARM D8.3).
// Descriptors are read as two little-endian 32-bit halves; HI_* constants are the
// bit positions within the upper word (bit 32 + n of the descriptor).

export const DESC_VALID = 1 << 0;
/** Bit 1: table (levels 0-2) or page (level 3); 0 at levels 1-2 means block. */
export const DESC_TABLE_OR_PAGE = 1 << 1;
/** AttrIndx[2:0] bits 4:2 select a MAIR_EL1 byte; we always use index 0. */
export const DESC_AP_EL0 = 1 << 6; // AP[1]: EL0 may access
export const DESC_AP_RO = 1 << 7; // AP[2]: read-only at every EL
export const DESC_SH_INNER = 3 << 8;
export const DESC_AF = 1 << 10; // access flag
export const HI_PXN = 1 << 21; // bit 53
export const HI_UXN = 1 << 22; // bit 54
export const HI_PXN_TABLE = 1 << 27; // bit 59
export const HI_UXN_TABLE = 1 << 28; // bit 60
export const HI_AP_TABLE_NO_EL0 = 1 << 29; // bit 61, APTable[0]
export const HI_AP_TABLE_RO = 1 << 30; // bit 62, APTable[1]

/** Output address bits [47:12] of a descriptor given its halves. */
export function outputAddress(lo: number, hi: number): number {
  return (hi & 0xffff) * 4294967296 + ((lo & 0xfffff000) >>> 0);
}

// Permission bits cached in the TLB (core/mm/tlb.ts leaves their meaning to us).
export const PERM_EL0_R = 1;
export const PERM_EL0_W = 2;
export const PERM_EL0_X = 4;
export const PERM_EL1_R = 8;
export const PERM_EL1_W = 16;
export const PERM_EL1_X = 32;

export const ACCESS_READ = 0;
export const ACCESS_WRITE = 1;
export const ACCESS_EXEC = 2;

/** The TLB permission bit needed for an access kind at an exception level. */
export function permNeeded(access: number, el: number): number {
  return (1 << access) << (el * 3);
}

// Fault status codes (ESR_ELx.ISS DFSC/IFSC, ARM ARM D17.2.40): base + level.
export const FSC_ADDRESS_SIZE = 0x00;
export const FSC_TRANSLATION = 0x04;
export const FSC_ACCESS_FLAG = 0x08;
export const FSC_PERMISSION = 0x0c;
export const FSC_EXTERNAL_ABORT = 0x10;
export const FSC_EXTERNAL_ABORT_WALK = 0x14;
