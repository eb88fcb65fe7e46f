// Load/store exclusive and acquire/release (ARM ARM C4.1.94 "Load/store
// exclusive register", "Load-acquire/store-release"): ldxr/stxr, ldaxr/stlxr,
// ldar/stlr in byte, halfword, word and doubleword sizes. One CPU means the local
// monitor is the whole story: stxr succeeds iff the monitor is armed for the same
// granule and nothing (exception entry/return, clrex, another stxr) cleared it.
import type { Arm64Cpu } from './cpu.js';
import { undefinedInstruction } from './exceptions.js';
import { toSignedNumber } from './alu.js';
import { rs, rz } from './fmt.js';
import { sp31, spAligned, wr } from './regs.js';
import type { InsnRow } from './types.js';

/** Exclusives granule: 16 bytes is within the architected 8..2048 range. */
const GRANULE = 16;

function kind(w: number): 'ldx' | 'stx' | 'ldar' | 'stlr' | null {
  const o2 = (w >>> 23) & 1;
  const l = (w >>> 22) & 1;
  const o1 = (w >>> 21) & 1;
  const o0 = (w >>> 15) & 1;
  if (o1) return null; // pair exclusives and CAS are not implemented
  if (!o2) return l ? 'ldx' : 'stx';
  if (!o0) return null; // LDLAR/STLLR (FEAT_LOR)
  if (((w >>> 16) & 31) !== 31) return null; // Rs must be 11111 (else CAS space in v8.1)
  // LDAR's Rt2 field is should-be-one; binutils treats any other value as unallocated
  // (it is lenient for STLR), and CONSTRAINED UNPREDICTABLE allows UNDEFINED: agree with it.
  if (l && ((w >>> 10) & 31) !== 31) return null;
  return l ? 'ldar' : 'stlr';
}

function exclExec(c: Arm64Cpu): void {
  const w = c.insn[0]!;
  const k = kind(w);
  if (k === null) return undefinedInstruction(c);
  const size = w >>> 30;
  const bytes = 1 << size;
  const rt = w & 31;
  const n = sp31((w >>> 5) & 31);
  if (n === 32 && !spAligned(c, 31)) return;
  const va = toSignedNumber(c.xlo[n]!, c.xhi[n]!);
  // Exclusive and acquire/release accesses must be naturally aligned (ARM ARM B2.5.2).
  if ((va & (bytes - 1)) !== 0) return c.alignmentFault(va, k === 'stx' || k === 'stlr');
  if (k === 'ldx' || k === 'ldar') {
    if (!c.load(va, bytes)) return;
    if (k === 'ldx') c.exclusive = va - (((va % GRANULE) + GRANULE) % GRANULE);
    return wr(c, rt, c.tLo, c.tHi);
  }
  if (k === 'stlr') {
    c.store(va, bytes, c.xlo[rt]!, size === 3 ? c.xhi[rt]! : 0);
    return;
  }
  const rs = (w >>> 16) & 31;
  const granule = va - (((va % GRANULE) + GRANULE) % GRANULE);
  const armed = c.exclusive === granule;
  c.exclusive = NaN;
  if (armed && !c.store(va, bytes, c.xlo[rt]!, size === 3 ? c.xhi[rt]! : 0)) return;
  wr(c, rs, armed ? 0 : 1, 0);
}

function exclDis(w: number): string | null {
  const k = kind(w);
  if (k === null) return null;
  const size = w >>> 30;
  const suffix = size === 0 ? 'b' : size === 1 ? 'h' : '';
  const acq = (w >>> 15) & 1;
  const rt = rz(w & 31, size === 3);
  const base = `[${rs((w >>> 5) & 31, true)}]`;
  if (k === 'ldx') return `${acq ? 'ldaxr' : 'ldxr'}${suffix}\t${rt}, ${base}`;
  if (k === 'stx') return `${acq ? 'stlxr' : 'stxr'}${suffix}\t${rz((w >>> 16) & 31, false)}, ${rt}, ${base}`;
  return `${k}${suffix}\t${rt}, ${base}`;
}

export const EXCL_ROWS: InsnRow[] = [{ mask: 0x3f000000, value: 0x08000000, form: 'ldst-exclusive', exec: exclExec, disasm: exclDis }];
