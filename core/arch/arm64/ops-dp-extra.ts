// More data processing (register) forms compilers emit: adc/sbc, conditional
// compare (ccmp/ccmn), and 1-source ops rbit/rev/rev16/rev32/clz/cls
// (ARM ARM C4.1.95).
import { addc32, addc64, res } from './alu.js';
import type { Arm64Cpu } from './cpu.js';
import { undefinedInstruction } from './exceptions.js';
import { COND_NAMES, imm, rz } from './fmt.js';
import { condHolds, setNZCV, wr } from './regs.js';
import type { InsnRow } from './types.js';

function adcExec(c: Arm64Cpu): void {
  const w = c.insn[0]!;
  const sf = w >>> 31;
  const sub = (w >>> 30) & 1;
  const rm = (w >>> 16) & 31;
  const rn = (w >>> 5) & 31;
  let blo = c.xlo[rm]!;
  let bhi = sf ? c.xhi[rm]! : 0;
  if (sub) {
    blo = ~blo >>> 0;
    bhi = sf ? ~bhi >>> 0 : 0;
  }
  if (sf) addc64(c.xlo[rn]!, c.xhi[rn]!, blo, bhi, c.c);
  else addc32(c.xlo[rn]!, blo, c.c);
  if ((w >>> 29) & 1) setNZCV(c);
  wr(c, w & 31, res[0], res[1]);
}

function adcDis(w: number): string {
  const is64 = w >>> 31 === 1;
  const sub = (w >>> 30) & 1;
  const s = (w >>> 29) & 1 ? 's' : '';
  const rn = (w >>> 5) & 31;
  const rd = rz(w & 31, is64);
  const rm = rz((w >>> 16) & 31, is64);
  if (sub && rn === 31) return `ngc${s}\t${rd}, ${rm}`;
  return `${sub ? 'sbc' : 'adc'}${s}\t${rd}, ${rz(rn, is64)}, ${rm}`;
}

function ccmpExec(c: Arm64Cpu): void {
  const w = c.insn[0]!;
  if (!condHolds(c, (w >>> 12) & 15)) {
    c.nzcv = w & 15;
    return;
  }
  const sf = w >>> 31;
  const sub = (w >>> 30) & 1;
  const rn = (w >>> 5) & 31;
  const b5 = (w >>> 16) & 31;
  let blo = (w >>> 11) & 1 ? b5 : c.xlo[b5]!;
  let bhi = (w >>> 11) & 1 || !sf ? 0 : c.xhi[b5]!;
  if (sub) {
    blo = ~blo >>> 0;
    bhi = sf ? ~bhi >>> 0 : 0;
  }
  if (sf) addc64(c.xlo[rn]!, c.xhi[rn]!, blo, bhi, sub);
  else addc32(c.xlo[rn]!, blo, sub);
  setNZCV(c);
}

function ccmpDis(w: number): string {
  const is64 = w >>> 31 === 1;
  const b5 = (w >>> 16) & 31;
  const second = (w >>> 11) & 1 ? imm(b5) : rz(b5, is64);
  return `${(w >>> 30) & 1 ? 'ccmp' : 'ccmn'}\t${rz((w >>> 5) & 31, is64)}, ${second}, ${imm(w & 15)}, ${COND_NAMES[(w >>> 12) & 15]}`;
}

function rev8(x: number): number {
  return (((x & 0xff) << 24) | ((x & 0xff00) << 8) | ((x >>> 8) & 0xff00) | (x >>> 24)) >>> 0;
}

function rbit32(x: number): number {
  x = ((x >>> 1) & 0x55555555) | ((x & 0x55555555) << 1);
  x = ((x >>> 2) & 0x33333333) | ((x & 0x33333333) << 2);
  x = ((x >>> 4) & 0x0f0f0f0f) | ((x & 0x0f0f0f0f) << 4);
  return rev8(x >>> 0);
}

function rev16(x: number): number {
  return (((x & 0x00ff00ff) << 8) | ((x >>> 8) & 0x00ff00ff)) >>> 0;
}

function dp1Exec(c: Arm64Cpu): void {
  const w = c.insn[0]!;
  const sf = w >>> 31;
  const op = (w >>> 10) & 0x3f;
  const rn = (w >>> 5) & 31;
  const lo = c.xlo[rn]!;
  const hi = sf ? c.xhi[rn]! : 0;
  const rd = w & 31;
  switch (op) {
    case 0: // RBIT
      return sf ? wr(c, rd, rbit32(hi), rbit32(lo)) : wr(c, rd, rbit32(lo), 0);
    case 1: // REV16
      return wr(c, rd, rev16(lo), rev16(hi));
    case 2: // REV32 (64-bit) / REV (32-bit)
      return wr(c, rd, rev8(lo), sf ? rev8(hi) : 0);
    case 3: // REV (64-bit)
      if (!sf) return undefinedInstruction(c);
      return wr(c, rd, rev8(hi), rev8(lo));
    case 4: // CLZ
      return wr(c, rd, sf ? (hi !== 0 ? Math.clz32(hi) : 32 + Math.clz32(lo)) : Math.clz32(lo), 0);
    case 5: {
      // CLS: leading bits equal to the sign bit, not counting the sign bit itself.
      if (!sf) return wr(c, rd, Math.clz32(((lo ^ (lo << 1)) | 1) >>> 0), 0);
      const xh = (hi ^ ((hi << 1) | (lo >>> 31))) >>> 0;
      const xl = ((lo ^ (lo << 1)) >>> 0) | 1;
      return wr(c, rd, xh !== 0 ? Math.clz32(xh) : 32 + Math.clz32(xl), 0);
    }
    default:
      return undefinedInstruction(c);
  }
}

function dp1Dis(w: number): string | null {
  const is64 = w >>> 31 === 1;
  const op = (w >>> 10) & 0x3f;
  const names = ['rbit', 'rev16', is64 ? 'rev32' : 'rev', is64 ? 'rev' : '', 'clz', 'cls'];
  const mn = names[op];
  if (mn === undefined || mn === '') return null;
  return `${mn}\t${rz(w & 31, is64)}, ${rz((w >>> 5) & 31, is64)}`;
}

export const DP_EXTRA_ROWS: InsnRow[] = [
  { mask: 0x1fe0fc00, value: 0x1a000000, form: 'adc-sbc', exec: adcExec, disasm: adcDis },
  { mask: 0x3fe00410, value: 0x3a400000, form: 'cond-compare', exec: ccmpExec, disasm: ccmpDis },
  { mask: 0x7fffe000, value: 0x5ac00000, form: 'dp-1src', exec: dp1Exec, disasm: dp1Dis },
];
