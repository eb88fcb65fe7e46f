// Instruction fetch with the decoded-instruction cache. Instructions are cached per
// physical frame at their page offset; writes to a frame drop its cache (the MMU
// calls back), so self-modifying and freshly loaded code is always re-decoded.
// An instruction decoded at a kernel hook's address carries the hook (the whole cache
// is dropped when hooks change), so the run loop needs no per-instruction hook lookup.

import type { X86Cpu } from './cpu.js';
import { Inst } from './inst.js';
import { decode, TRUNCATED } from './decoder.js';
import { raiseUd } from './system-instructions.js';

export interface CodeCache {
  /** Physical address of that page's frame. */
  frame: number;
  /** Per physical frame number: decoded instructions by page offset. */
  pages: ((Inst | undefined)[] | undefined)[];
}

function undefinedOpcode(len: number): Inst {
  const i = new Inst(raiseUd);
  i.len = len;
  return i;
}

/**
 * Decodes the instruction at page offset `off` of the frame at `frame` (virtual address
 * `va`) into that page's cache `insts`, carrying the kernel hook registered at `va` if
 * there is one: the run loop then calls the hook instead of executing the instruction.
 * TRUNCATED when the instruction crosses into the next page (not cached).
 */
export function decodeCached(cpu: X86Cpu, insts: (Inst | undefined)[], frame: number, off: number, va: number): Inst | typeof TRUNCATED {
  const d = decode(cpu.mem.bytes, frame + off, frame + 4096);
  if (d === TRUNCATED) return d;
  const inst = d ?? undefinedOpcode(1);
  if (cpu.hooks.atOffset[off] !== 0) {
    const hook = cpu.hooks.find(va, off);
    if (hook !== undefined) {
      inst.hook = hook;
      inst.hookAddr = va;
    }
  }
  insts[off] = inst;
  return inst;
}

export function fetchDecode(cpu: X86Cpu, rip: number): Inst {
  const vpn = Math.floor(rip / 4096);
  const off = rip - vpn * 4096;
  const frame = cpu.mmu.fetchFrame(rip); // #PF / #GP (non-canonical) at the fetch
  const fno = frame / 4096;
  const code = cpu.code;
  let insts = code.pages[fno];
  if (insts === undefined) {
    insts = new Array<Inst | undefined>(4096);
    code.pages[fno] = insts;
    cpu.mmu.codeFrames[fno] = 1;
  }
  cpu.codeBase = rip - off;
  cpu.codeInsts = insts;
  code.frame = frame;
  const cached = insts[off];
  if (cached !== undefined) return cached;
  const inst = decodeCached(cpu, insts, frame, off, rip);
  if (inst !== TRUNCATED) return inst;
  // The instruction crosses into the next page: gather up to 15 bytes; not cached.
  const buf = new Uint8Array(15);
  const first = 4096 - off;
  buf.set(cpu.mem.bytes.subarray(frame + off, frame + 4096));
  const next = cpu.mmu.fetchFrame(rip + first);
  buf.set(cpu.mem.bytes.subarray(next, next + 15 - first), first);
  const d2 = decode(buf, 0, 15);
  if (d2 === TRUNCATED) return undefinedOpcode(15);
  return d2 ?? undefinedOpcode(1);
}
