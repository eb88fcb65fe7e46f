// Straight-line blocks: a run of decoded instructions that follow one another in a code
// page, executed by the run loop in a tight inner loop. Each instruction still runs its
// own handler and retires one at a time, so faults, instruction counts and the budget
// are exactly those of the one-instruction path; what a block saves is the per-step
// work around the handler (the budget and breakpoint checks, the page-cache lookup, the
// hook and stack-run tests).
// The loop leaves a block as soon as an instruction does something the next one's
// position does not follow from: RIP is not the address after it (a taken branch, a
// trap, a rep instruction that restarts) or the code page changed under it (a write to
// it, CR3, the CPL). A block never holds a kernel hook's address or the start of a run
// of pushes and pops (stack-run.ts), which the loop handles itself.

import type { X86Cpu } from './cpu.js';
import { decode, TRUNCATED } from './decoder.js';
import { StackMember, type Inst } from './inst.js';

export class Block {
  constructor(
    readonly insts: readonly Inst[],
    /** Page offset of each instruction. */
    readonly offs: Int32Array,
    /** Page offset just after each instruction. */
    readonly ends: Int32Array,
  ) {}
}

/** After these, the next instruction in memory is not the next one executed. */
const TRANSFERS = new Set(['jmp', 'call', 'ret', 'syscall', 'sysretq', 'sysretd', 'int', 'int1', 'int3', 'into', 'iretq', 'iret', 'iretd', 'hlt', 'ud2']);

function endsBlock(i: Inst): boolean {
  const row = i.row;
  return row === null || (typeof row.mn === 'string' && TRANSFERS.has(row.mn));
}

const MAX = 64;

/**
 * The block starting with `head` at page offset `off` of the frame at `frame`, decoding
 * (and caching in `insts`) the instructions after it; null when it would hold only the head.
 */
export function buildBlock(cpu: X86Cpu, head: Inst, off: number, frame: number, insts: (Inst | undefined)[]): Block | null {
  const list: Inst[] = [head];
  const offs = [off];
  const ends = [off + head.len];
  let at = off + head.len;
  const hookAt = cpu.hooks.atOffset;
  let last = head;
  while (at < 4096 && list.length < MAX && !endsBlock(last)) {
    let next = insts[at];
    if (next === undefined) {
      const d = decode(cpu.mem.bytes, frame + at, frame + 4096);
      if (d === TRUNCATED || d === null) break;
      insts[at] = d;
      next = d;
    }
    if (hookAt[at] !== 0 || next.stackMember !== StackMember.None) break;
    list.push(next);
    offs.push(at);
    at += next.len;
    ends.push(at);
    last = next;
  }
  if (list.length < 2) return null;
  return new Block(list, Int32Array.from(offs), Int32Array.from(ends));
}
