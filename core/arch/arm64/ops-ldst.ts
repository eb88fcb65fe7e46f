// Loads and stores (ARM ARM C4.1.94): single register with unsigned offset,
// unscaled, pre/post-index, register offset and literal; pairs (ldp/stp/ldpsw)
// in all addressing forms. Memory is reached only through cpu.load/store (MMU);
// registers are written after every access succeeded, so a fault leaves them intact.
import { fromNumber, res, toSignedNumber } from './alu.js';
import type { Arm64Cpu } from './cpu.js';
import { undefinedInstruction } from './exceptions.js';
import { EXTEND_NAMES, rs, rz, signExtend, target } from './fmt.js';
import { extendReg } from './ops-dp-reg.js';
import { sp31, spAligned, wr } from './regs.js';
import type { InsnRow } from './types.js';

/** 0 store, 1 load zero-ext, 2 load sign-ext to 64, 3 load sign-ext to 32, 4 prefetch, -1 unallocated. */
function kind(size: number, opc: number): number {
  if (opc < 2) return opc;
  if (size === 3) return opc === 2 ? 4 : -1;
  if (size === 2) return opc === 2 ? 2 : -1;
  return opc;
}

/** Perform the access of a single-register load/store at va; false if it faulted. */
function access(c: Arm64Cpu, k: number, size: number, rt: number, va: number): boolean {
  const bytes = 1 << size;
  if (k === 0) return c.store(va, bytes, c.xlo[rt]!, size === 3 ? c.xhi[rt]! : 0);
  if (k === 4) return true;
  if (!c.load(va, bytes)) return false;
  let lo = c.tLo;
  let hi = c.tHi;
  if (k >= 2 && size < 3) {
    const sh = 32 - 8 * bytes;
    lo = ((lo << sh) >> sh) >>> 0;
    hi = k === 2 ? (lo >> 31) >>> 0 : 0;
  }
  wr(c, rt, lo, hi);
  return true;
}

function baseAddr(c: Arm64Cpu, rn: number): number {
  const n = sp31(rn);
  return toSignedNumber(c.xlo[n]!, c.xhi[n]!);
}

function writeBack(c: Arm64Cpu, rn: number, v: number): void {
  fromNumber(v);
  const n = sp31(rn);
  c.xlo[n] = res[0];
  c.xhi[n] = res[1];
}

function uimmExec(c: Arm64Cpu): void {
  const w = c.insn[0]!;
  const size = w >>> 30;
  const k = kind(size, (w >>> 22) & 3);
  if (k < 0) return undefinedInstruction(c);
  const off = ((w >>> 10) & 0xfff) << size;
  const rn = (w >>> 5) & 31;
  if (rn === 31 && !spAligned(c, rn)) return;
  access(c, k, size, w & 31, baseAddr(c, rn) + off);
}

function imm9Exec(c: Arm64Cpu): void {
  const w = c.insn[0]!;
  const size = w >>> 30;
  const k = kind(size, (w >>> 22) & 3);
  const mode = (w >>> 10) & 3; // 0 unscaled, 1 post, 2 unprivileged, 3 pre
  if (k < 0 || (k === 4 && mode !== 0)) return undefinedInstruction(c);
  const rn = (w >>> 5) & 31;
  if (rn === 31 && !spAligned(c, rn)) return;
  const base = baseAddr(c, rn);
  const off = signExtend((w >>> 12) & 0x1ff, 9);
  const va = mode === 1 ? base : base + off;
  if (mode === 2) return unprivileged(c, k, size, w & 31, va);
  if (!access(c, k, size, w & 31, va)) return;
  if (mode !== 0) writeBack(c, rn, base + off);
}

/**
 * LDTR/STTR (ARM ARM C6.2.x "unprivileged"): at EL1 the access is checked with EL0
 * permissions and is exempt from PAN, which is how a kernel touches user memory
 * with PAN set. At EL0 it is an ordinary access.
 */
function unprivileged(c: Arm64Cpu, k: number, size: number, rt: number, va: number): void {
  if (c.el === 0) {
    access(c, k, size, rt, va);
    return;
  }
  const bytes = 1 << size;
  const pas = c.unprivilegedPas(va, bytes, k === 0);
  if (pas === null) return;
  const mem = c.mem.bytes;
  if (k === 0) {
    for (let i = 0; i < bytes; i++) mem[pas[i]!] = i < 4 ? c.xlo[rt]! >>> (8 * i) : c.xhi[rt]! >>> (8 * (i - 4));
    return;
  }
  let lo = 0;
  let hi = 0;
  for (let i = 0; i < bytes; i++) {
    if (i < 4) lo |= mem[pas[i]!]! << (8 * i);
    else hi |= mem[pas[i]!]! << (8 * (i - 4));
  }
  lo >>>= 0;
  hi >>>= 0;
  if (k >= 2 && size < 3) {
    const sh = 32 - 8 * bytes;
    lo = ((lo << sh) >> sh) >>> 0;
    hi = k === 2 ? (lo >> 31) >>> 0 : 0;
  }
  wr(c, rt, lo, hi);
}

function regOffExec(c: Arm64Cpu): void {
  const w = c.insn[0]!;
  if (((w >>> 10) & 3) !== 2) return undefinedInstruction(c); // atomics/PAC loads share the prefix
  const size = w >>> 30;
  const k = kind(size, (w >>> 22) & 3);
  const option = (w >>> 13) & 7;
  if (k < 0 || (option & 2) === 0) return undefinedInstruction(c);
  const rn = (w >>> 5) & 31;
  if (rn === 31 && !spAligned(c, rn)) return;
  extendReg(c, (w >>> 16) & 31, option, (w >>> 12) & 1 ? size : 0);
  access(c, k, size, w & 31, baseAddr(c, rn) + toSignedNumber(res[0], res[1]));
}

function literalExec(c: Arm64Cpu): void {
  const w = c.insn[0]!;
  const opc = w >>> 30;
  const va = c.insnPc + signExtend((w >>> 5) & 0x7ffff, 19) * 4;
  if (opc === 3) return; // PRFM (literal)
  access(c, opc === 2 ? 2 : 1, opc === 0 ? 2 : opc === 1 ? 3 : 2, w & 31, va);
}

function pairExec(c: Arm64Cpu): void {
  const w = c.insn[0]!;
  const opc = w >>> 30;
  const load = (w >>> 22) & 1;
  const type = (w >>> 23) & 3; // 0 no-allocate offset, 1 post, 2 offset, 3 pre
  if (opc === 3 || (opc === 1 && (!load || type === 0))) return undefinedInstruction(c);
  const is64 = opc === 2;
  const bytes = is64 ? 8 : 4;
  const rt = w & 31;
  const rt2 = (w >>> 10) & 31;
  const rn = (w >>> 5) & 31;
  if (rn === 31 && !spAligned(c, rn)) return;
  const base = baseAddr(c, rn);
  const off = signExtend((w >>> 15) & 0x7f, 7) * bytes;
  const va = type === 1 ? base : base + off;
  if (load) {
    if (!c.load(va, bytes)) return;
    const lo1 = c.tLo;
    let hi1 = c.tHi;
    if (!c.load(va + bytes, bytes)) return;
    const lo2 = c.tLo;
    let hi2 = c.tHi;
    if (opc === 1) {
      hi1 = (lo1 >> 31) >>> 0;
      hi2 = (lo2 >> 31) >>> 0;
    }
    if (type !== 2 && type !== 0) writeBack(c, rn, base + off);
    wr(c, rt, lo1, hi1);
    wr(c, rt2, lo2, hi2);
    return;
  }
  const a = [c.xlo[rt]!, is64 ? c.xhi[rt]! : 0, c.xlo[rt2]!, is64 ? c.xhi[rt2]! : 0] as const;
  if (!c.store(va, bytes, a[0], a[1])) return;
  if (!c.store(va + bytes, bytes, a[2], a[3])) return;
  if (type !== 2 && type !== 0) writeBack(c, rn, base + off);
}

// ---- disassembly ----

const NAMES = [
  ['strb', 'ldrb', 'ldrsb', 'ldrsb'],
  ['strh', 'ldrh', 'ldrsh', 'ldrsh'],
  ['str', 'ldr', 'ldrsw', ''],
  ['str', 'ldr', 'prfm', ''],
];

function rtName(size: number, opc: number, rt: number): string {
  return rz(rt, size === 3 || opc === 2);
}

const PRF_TYPES = ['pld', 'pli', 'pst'];

function prfop(rt: number): string {
  const type = rt >> 3;
  const tgt = (rt >> 1) & 3;
  if (type > 2 || tgt > 2) return `#0x${rt.toString(16).padStart(2, '0')}`;
  return `${PRF_TYPES[type]}l${tgt + 1}${rt & 1 ? 'strm' : 'keep'}`;
}

function ldstHead(w: number, unscaled: boolean): [string, string] | null {
  const size = w >>> 30;
  const opc = (w >>> 22) & 3;
  const name = NAMES[size]![opc]!;
  if (name === '') return null;
  const rt = w & 31;
  if (name === 'prfm') return [unscaled ? 'prfum' : 'prfm', prfop(rt)];
  const mn = unscaled ? name.replace(/^(st|ld)r/, '$1ur') : name;
  return [mn, rtName(size, opc, rt)];
}

function uimmDis(w: number): string | null {
  const h = ldstHead(w, false);
  if (h === null) return null;
  const off = ((w >>> 10) & 0xfff) << (w >>> 30);
  const rn = rs((w >>> 5) & 31, true);
  return `${h[0]}\t${h[1]}, [${rn}${off ? `, #${off}` : ''}]`;
}

function imm9Dis(w: number): string | null {
  const mode = (w >>> 10) & 3;
  if (mode === 2) {
    const h = ldstHead(w, false);
    if (h === null || h[0] === 'prfm') return null;
    const mn = h[0].replace(/^(st|ld)r/, '$1tr');
    const off = signExtend((w >>> 12) & 0x1ff, 9);
    return `${mn}\t${h[1]}, [${rs((w >>> 5) & 31, true)}${off ? `, #${off}` : ''}]`;
  }
  const h = ldstHead(w, mode === 0);
  if (h === null || (h[0].startsWith('prf') && mode !== 0)) return null;
  const off = signExtend((w >>> 12) & 0x1ff, 9);
  const rn = rs((w >>> 5) & 31, true);
  if (mode === 0) return `${h[0]}\t${h[1]}, [${rn}${off ? `, #${off}` : ''}]`;
  if (mode === 1) return `${h[0]}\t${h[1]}, [${rn}], #${off}`;
  return `${h[0]}\t${h[1]}, [${rn}, #${off}]!`;
}

function regOffDis(w: number): string | null {
  const option = (w >>> 13) & 7;
  const h = ldstHead(w, false);
  if (h === null || (option & 2) === 0) return null;
  const s = (w >>> 12) & 1;
  const size = w >>> 30;
  const rm = rz((w >>> 16) & 31, (option & 1) === 1);
  const rn = rs((w >>> 5) & 31, true);
  let ext: string;
  if (option === 3) ext = s ? `, lsl #${size}` : '';
  else ext = `, ${EXTEND_NAMES[option]}${s ? ` #${size}` : ''}`;
  return `${h[0]}\t${h[1]}, [${rn}, ${rm}${ext}]`;
}

function literalDis(w: number, addr: number): string {
  const opc = w >>> 30;
  const t = target(addr + signExtend((w >>> 5) & 0x7ffff, 19) * 4);
  const rt = w & 31;
  if (opc === 3) return `prfm\t${prfop(rt)}, ${t}`;
  return `${opc === 2 ? 'ldrsw' : 'ldr'}\t${rz(rt, opc !== 0)}, ${t}`;
}

function pairDis(w: number): string | null {
  const opc = w >>> 30;
  const load = (w >>> 22) & 1;
  const type = (w >>> 23) & 3;
  if (opc === 3 || (opc === 1 && (!load || type === 0))) return null;
  const rt = w & 31;
  const rt2 = (w >>> 10) & 31;
  const rn = (w >>> 5) & 31;
  // CONSTRAINED UNPREDICTABLE LDPSW forms objdump refuses to name (ARM ARM C6.2.134).
  if (opc === 1 && rt === rt2) return null;
  if (opc === 1 && (type === 1 || type === 3) && rn !== 31 && (rt === rn || rt2 === rn)) return null;
  const is64 = opc !== 0;
  const mn = opc === 1 ? 'ldpsw' : (load ? 'ldp' : 'stp').replace('p', type === 0 ? 'np' : 'p');
  const off = signExtend((w >>> 15) & 0x7f, 7) * (opc === 2 ? 8 : 4);
  const regs = `${rz(rt, is64)}, ${rz(rt2, is64)}`;
  const base = rs(rn, true);
  if (type === 1) return `${mn}\t${regs}, [${base}], #${off}`;
  if (type === 3) return `${mn}\t${regs}, [${base}, #${off}]!`;
  return `${mn}\t${regs}, [${base}${off ? `, #${off}` : ''}]`;
}

export const LDST_ROWS: InsnRow[] = [
  { mask: 0x3f000000, value: 0x39000000, form: 'ldst-uimm', exec: uimmExec, disasm: uimmDis },
  { mask: 0x3f200000, value: 0x38000000, form: 'ldst-imm9', exec: imm9Exec, disasm: imm9Dis },
  { mask: 0x3f200c00, value: 0x38200800, form: 'ldst-regoff', exec: regOffExec, disasm: regOffDis, selfChecked: true },
  { mask: 0x3f000000, value: 0x18000000, form: 'ldr-literal', exec: literalExec, disasm: literalDis },
  { mask: 0x3e000000, value: 0x28000000, form: 'ldst-pair', exec: pairExec, disasm: pairDis },
];
