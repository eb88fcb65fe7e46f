// Data processing 2-source (udiv, sdiv, lslv/lsrv/asrv/rorv) and 3-source
// (madd, msub, smulh, umulh, smaddl/umaddl and friends), ARM ARM C4.1.95.
// 64-bit multiplies and divides use BigInt: exact, and rare next to add/ldr/b.
import { fromBig, res, shift32, shift64, toBig } from './alu.js';
import type { Arm64Cpu } from './cpu.js';
import { undefinedInstruction } from './exceptions.js';
import { rz } from './fmt.js';
import { wr } from './regs.js';
import type { InsnRow } from './types.js';

function dp2Exec(c: Arm64Cpu): void {
  const w = c.insn[0]!;
  const sf = w >>> 31;
  const op = (w >>> 10) & 0x3f;
  const rm = (w >>> 16) & 31;
  const rn = (w >>> 5) & 31;
  const rd = w & 31;
  if (op >= 8 && op <= 11) {
    const type = op - 8;
    if (sf) {
      shift64(c.xlo[rn]!, c.xhi[rn]!, type, c.xlo[rm]! & 63);
      return wr(c, rd, res[0], res[1]);
    }
    return wr(c, rd, shift32(c.xlo[rn]!, type, c.xlo[rm]! & 31), 0);
  }
  if (op !== 2 && op !== 3) return undefinedInstruction(c);
  const signed = op === 3;
  if (!sf) {
    const a = c.xlo[rn]!;
    const b = c.xlo[rm]!;
    // Division by zero gives 0 (ARM ARM C6.2.356 UDIV); INT_MIN / -1 wraps.
    let q = 0;
    if (b !== 0) q = signed ? Math.trunc((a | 0) / (b | 0)) : Math.trunc(a / b);
    return wr(c, rd, q >>> 0, 0);
  }
  const a = toBig(c.xlo[rn]!, c.xhi[rn]!);
  const b = toBig(c.xlo[rm]!, c.xhi[rm]!);
  let q = 0n;
  if (b !== 0n) q = signed ? BigInt.asIntN(64, a) / BigInt.asIntN(64, b) : a / b;
  fromBig(q);
  wr(c, rd, res[0], res[1]);
}

function dp2Dis(w: number): string | null {
  const is64 = w >>> 31 === 1;
  const op = (w >>> 10) & 0x3f;
  const names: Record<number, string> = { 2: 'udiv', 3: 'sdiv', 8: 'lsl', 9: 'lsr', 10: 'asr', 11: 'ror' };
  const mn = names[op];
  if (mn === undefined) return null;
  return `${mn}\t${rz(w & 31, is64)}, ${rz((w >>> 5) & 31, is64)}, ${rz((w >>> 16) & 31, is64)}`;
}

function dp3Exec(c: Arm64Cpu): void {
  const w = c.insn[0]!;
  const sf = w >>> 31;
  const op = ((w >>> 29) & 3) * 16 + ((w >>> 21) & 7) * 2 + ((w >>> 15) & 1);
  const rm = (w >>> 16) & 31;
  const ra = (w >>> 10) & 31;
  const rn = (w >>> 5) & 31;
  const rd = w & 31;
  if (!sf) {
    if (op > 1) return undefinedInstruction(c);
    const p = Math.imul(c.xlo[rn]!, c.xlo[rm]!);
    return wr(c, rd, (op === 0 ? c.xlo[ra]! + p : c.xlo[ra]! - p) >>> 0, 0);
  }
  const big = (r: number): bigint => toBig(c.xlo[r]!, c.xhi[r]!);
  const s32 = (r: number): bigint => BigInt(c.xlo[r]! | 0);
  const u32 = (r: number): bigint => BigInt(c.xlo[r]!);
  let v: bigint;
  switch (op) {
    case 0: // MADD
      v = big(ra) + big(rn) * big(rm);
      break;
    case 1: // MSUB
      v = big(ra) - big(rn) * big(rm);
      break;
    case 2: // SMADDL
      v = big(ra) + s32(rn) * s32(rm);
      break;
    case 3: // SMSUBL
      v = big(ra) - s32(rn) * s32(rm);
      break;
    case 4: // SMULH
      v = (BigInt.asIntN(64, big(rn)) * BigInt.asIntN(64, big(rm))) >> 64n;
      break;
    case 10: // UMADDL
      v = big(ra) + u32(rn) * u32(rm);
      break;
    case 11: // UMSUBL
      v = big(ra) - u32(rn) * u32(rm);
      break;
    case 12: // UMULH
      v = (big(rn) * big(rm)) >> 64n;
      break;
    default:
      return undefinedInstruction(c);
  }
  fromBig(v);
  wr(c, rd, res[0], res[1]);
}

function dp3Dis(w: number): string | null {
  const is64 = w >>> 31 === 1;
  const op = ((w >>> 29) & 3) * 16 + ((w >>> 21) & 7) * 2 + ((w >>> 15) & 1);
  const rd = rz(w & 31, is64);
  const raNum = (w >>> 10) & 31;
  if (!is64 && op > 1) return null;
  const x = (r: number): string => rz(r, true);
  const ww = (r: number): string => rz(r, false);
  const rn = (w >>> 5) & 31;
  const rm = (w >>> 16) & 31;
  if (op <= 1) {
    if (raNum === 31) return `${op ? 'mneg' : 'mul'}\t${rd}, ${rz(rn, is64)}, ${rz(rm, is64)}`;
    return `${op ? 'msub' : 'madd'}\t${rd}, ${rz(rn, is64)}, ${rz(rm, is64)}, ${rz(raNum, is64)}`;
  }
  const long: Record<number, [string, string]> = { 2: ['smaddl', 'smull'], 3: ['smsubl', 'smnegl'], 10: ['umaddl', 'umull'], 11: ['umsubl', 'umnegl'] };
  const l = long[op];
  if (l !== undefined) {
    if (raNum === 31) return `${l[1]}\t${rd}, ${ww(rn)}, ${ww(rm)}`;
    return `${l[0]}\t${rd}, ${ww(rn)}, ${ww(rm)}, ${x(raNum)}`;
  }
  if (op === 4 || op === 12) return `${op === 4 ? 'smulh' : 'umulh'}\t${rd}, ${x(rn)}, ${x(rm)}`;
  return null;
}

export const DP_MUL_ROWS: InsnRow[] = [
  { mask: 0x7fe00000, value: 0x1ac00000, form: 'dp-2src', exec: dp2Exec, disasm: dp2Dis },
  { mask: 0x7f000000, value: 0x1b000000, form: 'dp-3src', exec: dp3Exec, disasm: dp3Dis },
];
