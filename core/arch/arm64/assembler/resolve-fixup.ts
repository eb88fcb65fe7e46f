// Filling relocation fields at assembly time, as GNU as does for a target in
// the instruction's own section (PC-relative) or for an absolute value
// (:lo12:, :abs_gN:). Field layouts and range checks follow "ELF for the Arm
// 64-bit Architecture" 5.7 and the instruction encodings in ARM ARM C4.

import { ARM64_RELOC, type Arm64RelocName } from './encoding-types.js';

export type PatchResult = { word: number } | { error: string };

const PC_RELATIVE: ReadonlySet<Arm64RelocName> = new Set<Arm64RelocName>([
  'R_AARCH64_JUMP26', 'R_AARCH64_CALL26', 'R_AARCH64_CONDBR19', 'R_AARCH64_TSTBR14', 'R_AARCH64_LD_PREL_LO19', 'R_AARCH64_ADR_PREL_LO21',
]);

/** PC-relative relocations a same-section target can resolve without the linker. */
export function isPcRelative(reloc: Arm64RelocName): boolean {
  return PC_RELATIVE.has(reloc);
}

function field(word: number, value: number, bits: number, shift: number): number {
  const mask = ((1 << bits) - 1) >>> 0;
  return ((word & ~((mask << shift) >>> 0)) | ((value & mask) << shift)) >>> 0;
}

function signedFits(v: bigint, bits: number): boolean {
  return v >= -(1n << BigInt(bits - 1)) && v < 1n << BigInt(bits - 1);
}

/** Insert a PC-relative displacement (target - instruction address) into `word`. */
export function patchPcRelative(word: number, reloc: Arm64RelocName, delta: bigint, mnemonic: string): PatchResult {
  if (reloc === 'R_AARCH64_ADR_PREL_LO21') {
    if (!signedFits(delta, 21)) return { error: `address out of range for 'adr' (must be within 1 MiB)` };
    const d = Number(BigInt.asUintN(21, delta));
    return { word: field(field(word, d & 3, 2, 29), d >> 2, 19, 5) };
  }
  if (delta % 4n !== 0n) return { error: `branch target is not 4-byte aligned for '${mnemonic}'` };
  const units = delta / 4n;
  switch (reloc) {
    case 'R_AARCH64_JUMP26':
    case 'R_AARCH64_CALL26':
      if (!signedFits(units, 26)) return { error: `branch out of range for '${mnemonic}' (must be within 128 MiB)` };
      return { word: field(word, Number(BigInt.asUintN(26, units)), 26, 0) };
    case 'R_AARCH64_CONDBR19':
    case 'R_AARCH64_LD_PREL_LO19':
      if (!signedFits(units, 19)) return { error: `${reloc === 'R_AARCH64_LD_PREL_LO19' ? 'literal' : 'branch'} out of range for '${mnemonic}' (must be within 1 MiB)` };
      return { word: field(word, Number(BigInt.asUintN(19, units)), 19, 5) };
    case 'R_AARCH64_TSTBR14':
      if (!signedFits(units, 14)) return { error: `branch out of range for '${mnemonic}' (must be within 32 KiB)` };
      return { word: field(word, Number(BigInt.asUintN(14, units)), 14, 5) };
    default:
      return { error: `relocation ${reloc} is not PC-relative` };
  }
}

const LDST_SHIFT: Partial<Record<Arm64RelocName, number>> = {
  R_AARCH64_ADD_ABS_LO12_NC: 0,
  R_AARCH64_LDST8_ABS_LO12_NC: 0,
  R_AARCH64_LDST16_ABS_LO12_NC: 1,
  R_AARCH64_LDST32_ABS_LO12_NC: 2,
  R_AARCH64_LDST64_ABS_LO12_NC: 3,
  R_AARCH64_LDST128_ABS_LO12_NC: 4,
};

/** Apply an absolute value to :lo12: and :abs_gN: fields (what the linker would do for *ABS*). */
export function patchAbsolute(word: number, reloc: Arm64RelocName, value: bigint): PatchResult {
  const v = BigInt.asUintN(64, value);
  const shift = LDST_SHIFT[reloc];
  if (shift !== undefined) return { word: field(word, Number((v & 0xfffn) >> BigInt(shift)), 12, 10) };
  const g = /^R_AARCH64_MOVW_UABS_G([0-3])(_NC)?$/.exec(reloc);
  if (g) {
    const group = Number(g[1]);
    if (!g[2] && group < 3 && v >> BigInt(16 * (group + 1)) !== 0n) return { error: `value 0x${v.toString(16)} out of range for :abs_g${group}:` };
    return { word: field(word, Number((v >> BigInt(16 * group)) & 0xffffn), 16, 5) };
  }
  return { error: `relocation ${reloc} needs a symbol` };
}

export function relocNumber(reloc: Arm64RelocName): number {
  return ARM64_RELOC[reloc];
}
