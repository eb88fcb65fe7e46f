// VMSAv8-64 stage 1 translation table walk: 4 KiB granule, 48-bit VA
// (TCR_EL1.T0SZ = T1SZ = 16), four levels starting at level 0 (ARM ARM D8.2).
// Pure function of memory and the TTBRs: the MMU adds the TLB and counters.
import type { PhysicalMemory } from '../phys-memory.js';
import {
  DESC_AF,
  DESC_AP_EL0,
  DESC_AP_RO,
  DESC_TABLE_OR_PAGE,
  DESC_VALID,
  FSC_ACCESS_FLAG,
  FSC_EXTERNAL_ABORT_WALK,
  FSC_TRANSLATION,
  HI_AP_TABLE_NO_EL0,
  HI_AP_TABLE_RO,
  HI_PXN,
  HI_PXN_TABLE,
  HI_UXN,
  HI_UXN_TABLE,
  PERM_EL0_R,
  PERM_EL0_W,
  PERM_EL0_X,
  PERM_EL1_R,
  PERM_EL1_W,
  PERM_EL1_X,
  outputAddress,
} from './descriptors.js';

export const VA_SPAN = 2 ** 48;

export interface WalkResult {
  /** Physical address of the page containing va (4 KiB aligned). */
  frame: number;
  perm: number;
  /** Level of the leaf descriptor (1 or 2 for blocks, 3 for pages) or of the fault. */
  level: number;
  /** Fault status code (FSC_* + level), or -1 when the walk succeeded. */
  fsc: number;
}

/** Table/leaf bytes: descriptor index for `level` of a 48-bit offset `u`. */
function index(u: number, level: number): number {
  return Math.floor(u / 2 ** (39 - 9 * level)) & 511;
}

/**
 * Walk the tables for `va` (signed 64-bit as a JS number). `ttbr0Base`/`ttbr1Base`
 * are the table physical addresses (TTBRn_EL1.BADDR). Writes the outcome into `out`.
 */
export function walkStage1(mem: PhysicalMemory, ttbr0Base: number, ttbr1Base: number, va: number, out: WalkResult): void {
  let u: number;
  let table: number;
  if (va >= 0 && va < VA_SPAN) {
    u = va;
    table = ttbr0Base;
  } else if (va < 0 && va >= -VA_SPAN) {
    u = va + VA_SPAN;
    table = ttbr1Base;
  } else {
    // VA outside both halves: translation fault at level 0 (ARM ARM D8.2.6).
    out.level = 0;
    out.fsc = FSC_TRANSLATION;
    return;
  }
  const view = mem.view;
  const limit = mem.sizeBytes;
  let noEl0 = false;
  let readOnly = false;
  let pxn = false;
  let uxn = false;
  for (let level = 0; level <= 3; level++) {
    const addr = table + index(u, level) * 8;
    if (addr + 8 > limit) {
      out.level = level;
      out.fsc = FSC_EXTERNAL_ABORT_WALK + level;
      return;
    }
    const lo = view.getUint32(addr, true);
    const hi = view.getUint32(addr + 4, true);
    if ((lo & DESC_VALID) === 0) {
      out.level = level;
      out.fsc = FSC_TRANSLATION + level;
      return;
    }
    const isTable = (lo & DESC_TABLE_OR_PAGE) !== 0;
    if (level < 3 && isTable) {
      // Hierarchical attributes only ever remove permissions (D8.4.2).
      if (hi & HI_AP_TABLE_NO_EL0) noEl0 = true;
      if (hi & HI_AP_TABLE_RO) readOnly = true;
      if (hi & HI_PXN_TABLE) pxn = true;
      if (hi & HI_UXN_TABLE) uxn = true;
      table = outputAddress(lo, hi);
      continue;
    }
    // Level 0 cannot hold a block with 4 KiB granule; bit 1 clear at level 3 is reserved.
    if (level === 0 || (level === 3 && !isTable)) {
      out.level = level;
      out.fsc = FSC_TRANSLATION + level;
      return;
    }
    // This design raises an Access flag fault for AF = 0 (no hardware AF update, FEAT_HAFDBS absent).
    if ((lo & DESC_AF) === 0) {
      out.level = level;
      out.fsc = FSC_ACCESS_FLAG + level;
      return;
    }
    const blockBytes = 2 ** (39 - 9 * level);
    const base = outputAddress(lo, hi);
    const blockBase = base - (base % blockBytes);
    out.frame = blockBase + (u % blockBytes) - (u % 4096);
    const el0 = (lo & DESC_AP_EL0) !== 0 && !noEl0;
    const ro = (lo & DESC_AP_RO) !== 0 || readOnly;
    let perm = PERM_EL1_R;
    if (!ro) perm |= PERM_EL1_W;
    if (el0) perm |= PERM_EL0_R;
    if (el0 && !ro) perm |= PERM_EL0_W;
    if (!(hi & HI_UXN) && !uxn) perm |= PERM_EL0_X;
    // Memory writable at EL0 is never executable at EL1 (ARM ARM D8.4.3).
    if (!(hi & HI_PXN) && !pxn && !(el0 && !ro)) perm |= PERM_EL1_X;
    out.perm = perm;
    out.level = level;
    out.fsc = -1;
    return;
  }
}
