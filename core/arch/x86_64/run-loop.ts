// The fetch–decode–execute loop. Per instruction: look the decoded Inst up in the
// current page's cache (one compare and an array load), advance RIP, call its handler.
// Faults are thrown by handlers and delivered here through the IDT; hooks, breakpoints
// and the budget are checked between instructions.

import { X86Fault } from '../../mm/x86-64/fault.js';
import { BUDGET, STOP, type StopReason, type X86Cpu } from './cpu.js';
import type { Inst } from './inst.js';
import { deliverInterrupt } from './interrupts.js';
import { fetchDecode } from './fetch.js';

const TWO32 = 4294967296;

export function runLoop(cpu: X86Cpu): StopReason {
  let first = true;
  let cur = cpu.rip;
  for (;;) {
    let left = cpu.left;
    let done = 0;
    try {
      const checkHooks = cpu.hooks.size !== 0;
      const checkBp = cpu.breakpoints.size !== 0;
      const hookAt = cpu.hooks.atOffset;
      for (;;) {
        if (done >= left) {
          cpu.stats.instructions += done;
          return BUDGET;
        }
        const rip = cpu.rip;
        // Offset in the current code page; the filter indexes by it (rip & 0xfff on a
        // kernel-half rip is a double-to-int32 truncation V8 handles out of line).
        const off = rip - cpu.codeBase;
        const inPage = off >= 0 && off < 4096;
        const pageOff = inPage ? off : rip & 0xfff;
        if (checkHooks && hookAt[pageOff] !== 0 && cpu.cpl === 0) {
          const hook = cpu.hooks.find(rip, pageOff);
          if (hook !== undefined) {
            if (!first && checkBp && cpu.breakpoints.has(rip)) return cpu.stopAt(done, { kind: 'breakpoint', addr: rip });
            first = false;
            cur = rip;
            const r = hook(cpu);
            cpu.codeBase = NaN;
            const retLo = cpu.pop64();
            cpu.rip = cpu.eh * TWO32 + (retLo >>> 0);
            left--;
            if (r !== undefined) return cpu.stopAt(done, r);
            continue;
          }
        }
        if (checkBp && !first && cpu.breakpoints.has(rip)) return cpu.stopAt(done, { kind: 'breakpoint', addr: rip });
        first = false;
        let inst: Inst | undefined;
        if (inPage) inst = cpu.codeInsts[off];
        // cur first: a fault during fetch must report (and restart at) this RIP.
        cur = rip;
        if (inst === undefined) inst = fetchDecode(cpu, rip);
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
