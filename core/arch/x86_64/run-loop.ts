// The fetch–decode–execute loop. Per instruction: look the decoded Inst up in the
// current page's cache (one compare and an array load), advance RIP, call its handler
// (or the kernel hook decoded with it: fetch.ts).
// Faults are thrown by handlers and delivered here through the IDT; hooks, breakpoints
// and the budget are checked between instructions. Runs of pushes or pops may retire
// together (stack-run.ts) when the budget, breakpoints and hooks allow.

import { X86Fault } from '../../mm/x86-64/fault.js';
import { BUDGET, STOP, type StopReason, type X86Cpu } from './cpu.js';
import type { Inst } from './inst.js';
import { deliverInterrupt } from './interrupts.js';
import { fetchDecode } from './fetch.js';
import { breakpointInside, buildStackRun, execStackRun } from './stack-run.js';

const TWO32 = 4294967296;

export function runLoop(cpu: X86Cpu): StopReason {
  let first = true;
  let cur = cpu.rip;
  for (;;) {
    let left = cpu.left;
    let done = 0;
    try {
      const checkBp = cpu.breakpoints.size !== 0;
      for (;;) {
        if (done >= left) {
          cpu.stats.instructions += done;
          return BUDGET;
        }
        const rip = cpu.rip;
        const off = rip - cpu.codeBase;
        if (checkBp && !first && cpu.breakpoints.has(rip)) return cpu.stopAt(done, { kind: 'breakpoint', addr: rip });
        first = false;
        let inst: Inst | undefined;
        if (off >= 0 && off < 4096) inst = cpu.codeInsts[off | 0]; // an int32 index: a faster element load
        // cur first: a fault during fetch must report (and restart at) this RIP.
        cur = rip;
        if (inst === undefined) inst = fetchDecode(cpu, rip);
        if (inst.hook !== null && inst.hookAddr === rip && cpu.cpl === 0) {
          // TypeScript behind the address: call it, then return as its `ret` would. The
          // call uses budget but is not a retired guest instruction.
          // Whatever the hook changes that matters to fetching (CR3, the TLB, CPL, code
          // bytes) resets the code page itself (cpu-state.ts).
          const r = inst.hook(cpu);
          const retLo = cpu.pop64();
          cpu.rip = cpu.eh * TWO32 + (retLo >>> 0);
          left--;
          if (r !== undefined) return cpu.stopAt(done, r);
          continue;
        }
        const sr = inst.stackRun;
        if (sr !== null) {
          // A run of pushes or pops done as one step when it may be (stack-run.ts).
          const run = sr ?? (inst.stackRun = buildStackRun(cpu, inst, rip - cpu.codeBase));
          if (run !== null && left - done >= run.count && (!checkBp || !breakpointInside(cpu, run, cpu.codeBase)) && execStackRun(cpu, run)) {
            cpu.rip = rip + run.len;
            done += run.count;
            continue;
          }
        }
        cpu.rip = rip + inst.len;
        inst.exec(cpu, inst);
        done++;
      }
    } catch (e) {
      if (e === STOP) {
        // A handler (hlt, an undeliverable int n) ended the run after retiring.
        const s = cpu.stop!;
        cpu.stop = null;
        return cpu.stopAt(done + 1, s);
      }
      if (!(e instanceof X86Fault)) throw e;
      cpu.stats.instructions += done;
      cpu.left = left - done - 1;
      cpu.instStart = cur;
      cpu.rip = cur;
      const s = deliverInterrupt(cpu, e.vector, e.errorCode, e.addr, false, cpu.instStart);
      if (s !== null) return s;
      if (cpu.left <= 0) return BUDGET;
    }
  }
}
