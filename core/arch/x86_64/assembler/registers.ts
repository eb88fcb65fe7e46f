// x86-64 register names as GNU as accepts them in Intel syntax (SDM Vol 1 §3.4,
// Vol 2A §2.2.1 for which 8-bit registers need or forbid a REX prefix).

// 'iz' is eiz/riz: objdump's name for "no index" in a SIB byte (index field 100),
// which GNU as takes back in a memory operand (after `.allow_index_reg`).
export type RegClass = 'gpr' | 'seg' | 'cr' | 'rip' | 'iz';

export interface Register {
  name: string;
  cls: RegClass;
  /** Encoding number 0..15 (REX.B/R/X supplies bit 3). */
  num: number;
  /** Operand width in bits (64 for rip and control registers, 16 for segments; 32 for eip/eiz). */
  width: 8 | 16 | 32 | 64;
  /** ah, ch, dh, bh: cannot be encoded together with any REX prefix. */
  high8?: boolean;
  /** spl, bpl, sil, dil: only reachable with a REX prefix. */
  needsRex?: boolean;
}

const REGISTERS = new Map<string, Register>();

function add(r: Register): void {
  REGISTERS.set(r.name, r);
}

const LEGACY = ['ax', 'cx', 'dx', 'bx', 'sp', 'bp', 'si', 'di'];
LEGACY.forEach((n, i) => {
  add({ name: 'r' + n, cls: 'gpr', num: i, width: 64 });
  add({ name: 'e' + n, cls: 'gpr', num: i, width: 32 });
  add({ name: n, cls: 'gpr', num: i, width: 16 });
});
['al', 'cl', 'dl', 'bl'].forEach((n, i) => add({ name: n, cls: 'gpr', num: i, width: 8 }));
['ah', 'ch', 'dh', 'bh'].forEach((n, i) => add({ name: n, cls: 'gpr', num: i + 4, width: 8, high8: true }));
['spl', 'bpl', 'sil', 'dil'].forEach((n, i) => add({ name: n, cls: 'gpr', num: i + 4, width: 8, needsRex: true }));
for (let i = 8; i < 16; i++) {
  add({ name: `r${i}`, cls: 'gpr', num: i, width: 64 });
  add({ name: `r${i}d`, cls: 'gpr', num: i, width: 32 });
  add({ name: `r${i}w`, cls: 'gpr', num: i, width: 16 });
  add({ name: `r${i}b`, cls: 'gpr', num: i, width: 8 });
}
['es', 'cs', 'ss', 'ds', 'fs', 'gs'].forEach((n, i) => add({ name: n, cls: 'seg', num: i, width: 16 }));
for (const i of [0, 2, 3, 4, 8]) add({ name: `cr${i}`, cls: 'cr', num: i, width: 64 });
add({ name: 'rip', cls: 'rip', num: 5, width: 64 });
// eip: RIP-relative with a 0x67 prefix, the sum truncated to 32 bits (SDM Vol 2A §2.2.1.6).
add({ name: 'eip', cls: 'rip', num: 5, width: 32 });
add({ name: 'eiz', cls: 'iz', num: 4, width: 32 });
add({ name: 'riz', cls: 'iz', num: 4, width: 64 });

export function lookupRegister(name: string): Register | undefined {
  return REGISTERS.get(name.toLowerCase());
}

/** Segment-override prefix bytes (SDM Vol 2A §2.1.1). */
export const SEGMENT_PREFIX: Record<string, number> = { es: 0x26, cs: 0x2e, ss: 0x36, ds: 0x3e, fs: 0x64, gs: 0x65 };

/**
 * The prefix for an explicit `seg:` in a memory operand, or null when `seg` is the
 * segment the address uses anyway: SS for an rsp/rbp base, DS otherwise (SDM Vol 1
 * §3.7.4). GNU as drops such redundant overrides, so `BYTE PTR ds:0x10` (how objdump
 * prints an absolute address) assembles without a 3E byte.
 */
export function segmentOverride(seg: Register | null, base: Register | null): number | null {
  if (seg === null) return null;
  const implied = base !== null && base.cls === 'gpr' && (base.num === 4 || base.num === 5) ? 'ss' : 'ds';
  return seg.name === implied ? null : (SEGMENT_PREFIX[seg.name] ?? null);
}
