// Runs of consecutive 64-bit pushes (or pops) executed as one step of the run loop.
// The kernel's entry path saves pt_regs with 21 pushes and restores it with 15 pops;
// compilers' prologues and epilogues do the same on a smaller scale. Each of those
// instructions alone pays the loop's fetch, hook and budget checks and one TLB lookup.
// When a whole run lies in one stack page, one translation covers every access, so the
// run can be done at once with exactly the architectural effect of doing it one
// instruction at a time:
//   - the first access faults (and only it could): nothing has changed yet, so the
//     fault is reported at the first instruction, as it would be;
//   - TLB statistics count the one lookup plus a hit for each further access, as the
//     single-instruction path would (its later lookups all hit the page just used);
//   - the run loop takes the run only when the budget covers all of it and no
//     breakpoint or kernel hook sits inside it, so single-stepping and breakpoints
//     see every instruction.
// Members (Inst.stackMember, set by the decoder): `push r64` (not rsp, whose pushed
// value would change along the run), `push imm` with 64-bit operand size, `pop r64`
// (not rsp).

import type { X86Cpu } from './cpu.js';
import { StackMember, type Inst } from './inst.js';
import { TRUNCATED } from './decoder.js';
import { decodeCached } from './fetch.js';
import { RSP } from './registers.js';

export const StackRunKind = { Push: 0, Pop: 1 } as const;
export type StackRunKind = (typeof StackRunKind)[keyof typeof StackRunKind];

export class StackRun {
  constructor(
    readonly kind: StackRunKind,
    /** Register per member; -1 for a push of the immediate at the same position. */
    readonly regs: Int8Array,
    readonly immLo: Int32Array,
    readonly immHi: Int32Array,
    /** Page offsets of the members after the first (for the breakpoint and hook checks). */
    readonly offsets: Uint16Array,
    /** Bytes from the first member's start to the end of the last. */
    readonly len: number,
  ) {}

  get count(): number {
    return this.regs.length;
  }
}

type Member = { kind: StackRunKind; reg: number; imm: number; immHi: number };

/** What `inst` contributes to a run (Inst.stackMember is set at decode time), or null. */
function member(i: Inst): Member | null {
  switch (i.stackMember) {
    case StackMember.PushReg:
      return { kind: StackRunKind.Push, reg: i.reg, imm: 0, immHi: 0 };
    case StackMember.PushImm:
      return { kind: StackRunKind.Push, reg: -1, imm: i.imm, immHi: i.immHi };
    case StackMember.PopReg:
      return { kind: StackRunKind.Pop, reg: i.reg, imm: 0, immHi: 0 };
    default:
      return null;
  }
}

/**
 * Builds the run starting with `head` at page offset `off` of the code page the CPU is
 * fetching from, decoding (and caching) the members that follow. Null when fewer than
 * two members follow one another in this page, or a kernel hook sits on one of them.
 */
export function buildStackRun(cpu: X86Cpu, head: Inst, off: number): StackRun | null {
  const first = member(head);
  if (first === null) return null;
  const ms: Member[] = [first];
  const offsets: number[] = [];
  const insts = cpu.codeInsts;
  let at = off + head.len;
  while (at < 4096 && ms.length < 64) {
    const next = insts[at] ?? decodeCached(cpu, insts, cpu.code.frame, at, cpu.codeBase + at);
    if (next === TRUNCATED) break;
    const m = member(next);
    if (m === null || m.kind !== first.kind || next.hook !== null) break;
    ms.push(m);
    offsets.push(at);
    at += next.len;
  }
  if (ms.length < 2) return null;
  return new StackRun(
    first.kind,
    Int8Array.from(ms.map((m) => m.reg)),
    Int32Array.from(ms.map((m) => m.imm)),
    Int32Array.from(ms.map((m) => m.immHi)),
    Uint16Array.from(offsets),
    at - off,
  );
}

/** True when a breakpoint sits on a member after the first (the page's base is `base`). */
export function breakpointInside(cpu: X86Cpu, run: StackRun, base: number): boolean {
  const bp = cpu.breakpoints;
  for (let j = 0; j < run.offsets.length; j++) if (bp.has(base + run.offsets[j]!)) return true;
  return false;
}

/**
 * Executes the whole run if its stack accesses stay in one page; returns false (having
 * done nothing) otherwise, and the loop executes the first member alone.
 */
export function execStackRun(cpu: X86Cpu, run: StackRun): boolean {
  const L = cpu.lo;
  const H = cpu.hi;
  const n = run.regs.length;
  const bytes = n * 8;
  const l = L[RSP]!;
  const h = H[RSP]!;
  const pageOff = l & 0xfff;
  const mmu = cpu.mmu;
  const regs = run.regs;
  if (run.kind === StackRunKind.Push) {
    // Accesses cover [rsp - 8n, rsp): one page when rsp's offset is at least 8n.
    if (pageOff < bytes) return false;
    const nl = (l - bytes) | 0;
    // Translate at the first push's address, so a fault reports the address it would.
    const frame = mmu.stackFrame(h, (l - 8) | 0, true);
    if (mmu.codeFrames[frame >>> 12] !== 0) mmu.onCodeWrite(frame >>> 12);
    const base = frame + (nl & 0xfff);
    const imm = run.immLo;
    const immHi = run.immHi;
    if ((base & 3) === 0) {
      const w = cpu.mem.i32;
      for (let j = 0, k = (base + bytes - 8) >> 2; j < n; j++, k -= 2) {
        const r = regs[j]!;
        w[k] = r < 0 ? imm[j]! : L[r]!;
        w[k + 1] = r < 0 ? immHi[j]! : H[r]!;
      }
    } else {
      for (let j = 0; j < n; j++) {
        const r = regs[j]!;
        const pa = base + bytes - 8 * (j + 1);
        mmu.st32(pa, r < 0 ? imm[j]! : L[r]!);
        mmu.st32(pa + 4, r < 0 ? immHi[j]! : H[r]!);
      }
    }
    mmu.tlb.hits += n - 1;
    L[RSP] = nl;
    return true;
  }
  // Pops read [rsp, rsp + 8n).
  if (pageOff + bytes > 4096) return false;
  const frame = mmu.stackFrame(h, l, false);
  const base = frame + pageOff;
  if ((base & 3) === 0) {
    const w = cpu.mem.i32;
    for (let j = 0, k = base >> 2; j < n; j++, k += 2) {
      const r = regs[j]!;
      L[r] = w[k]!;
      H[r] = w[k + 1]!;
    }
  } else {
    for (let j = 0; j < n; j++) {
      const r = regs[j]!;
      L[r] = mmu.ld32(base + 8 * j);
      H[r] = mmu.ld32(base + 8 * j + 4);
    }
  }
  mmu.tlb.hits += n - 1;
  const nl = (l >>> 0) + bytes;
  if (nl >= 4294967296) H[RSP] = (h + 1) | 0;
  L[RSP] = nl | 0;
  return true;
}
