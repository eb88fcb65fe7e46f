// Exception and interrupt delivery through 64-bit IDT gates (SDM Vol 3A 6.14).
// Gate: offset[15:0] | selector | IST | type/DPL/P | offset[31:16] | offset[63:32].
// Without a GDT model, the gate selector's RPL stands for the target CPL.

import type { X86Cpu, StopReason } from './cpu.js';
import { X86Fault, VEC_DF, VEC_GP, VEC_NP, VEC_PF, hasErrorCode } from '../../mm/x86-64/fault.js';
import { ACCESS_READ, ACCESS_WRITE } from '../../mm/x86-64/page-table.js';
import { IF, NT, RF, RSP, TF, VM } from './registers.js';

const TWO32 = 4294967296;

function sysRead32(cpu: X86Cpu, va: number): number {
  const f = cpu.mmu.translate(va, ACCESS_READ, false);
  return cpu.mem.view.getUint32(f + (va - Math.floor(va / 4096) * 4096), true);
}

/**
 * Delivers `vector`. `software` is true for int n / int3 (gate DPL checked, no error
 * code); `retRip` is the RIP pushed (the faulting instruction for faults, the next one
 * for traps). Returns a StopReason only when delivery is impossible (no IDT, or a
 * fault while delivering a double fault).
 */
export function deliverInterrupt(
  cpu: X86Cpu,
  vector: number,
  errorCode: number,
  addr: number,
  software: boolean,
  retRip: number,
  depth = 0,
): StopReason | null {
  if (vector === VEC_PF) cpu.cr2 = addr;
  if (cpu.idtrLimit === 0) return { kind: 'exception', vector, errorCode, addr: cpu.instStart };
  try {
    deliver(cpu, vector, errorCode, software, retRip);
    return null;
  } catch (e) {
    if (!(e instanceof X86Fault)) throw e;
    if (depth === 0 && software) {
      // int n whose gate is unusable: the #GP/#NP/#PF belongs to the int instruction.
      return deliverInterrupt(cpu, e.vector, e.errorCode, e.addr, false, cpu.instStart, 1);
    }
    if (vector === VEC_DF || depth >= 2) return { kind: 'exception', vector: VEC_DF, errorCode: 0, addr: cpu.instStart };
    return deliverInterrupt(cpu, VEC_DF, 0, 0, false, cpu.instStart, 2);
  }
}

function deliver(cpu: X86Cpu, vector: number, errorCode: number, software: boolean, retRip: number): void {
  const ext = software ? 0 : 1;
  const selErr = vector * 8 + 2 + ext; // IDT bit set, SDM Vol 3A 6.13
  if (vector * 16 + 15 > cpu.idtrLimit) throw new X86Fault(VEC_GP, selErr);
  const gate = cpu.idtrBase + vector * 16;
  const w0 = sysRead32(cpu, gate);
  const w1 = sysRead32(cpu, gate + 4);
  const w2 = sysRead32(cpu, gate + 8);
  const type = (w1 >>> 8) & 0xf;
  const dpl = (w1 >>> 13) & 3;
  const present = (w1 >>> 15) & 1;
  if (type !== 0xe && type !== 0xf) throw new X86Fault(VEC_GP, selErr);
  if (software && dpl < cpu.cpl) throw new X86Fault(VEC_GP, selErr);
  if (present === 0) throw new X86Fault(VEC_NP, selErr);
  const selector = w0 >>> 16;
  const newCpl = selector & 3;
  if (newCpl > cpu.cpl) throw new X86Fault(VEC_GP, selector & 0xfffc);
  const target = (w2 | 0) * TWO32 + (((w1 & 0xffff0000) | (w0 & 0xffff)) >>> 0);
  const ist = w1 & 7;
  const oldRsp = cpu.regNum(RSP);
  let rsp: number;
  if (ist !== 0) rsp = cpu.tssIst[ist]!;
  else if (newCpl < cpu.cpl) rsp = cpu.tssRsp0;
  else rsp = oldRsp;
  rsp -= ((rsp % 16) + 16) % 16; // 64-bit mode aligns the new stack (SDM Vol 3A 6.14.2)
  const withCode = !software && hasErrorCode(vector);
  const frame: number[] = [cpu.ss, oldRsp, cpu.getRflags(), cpu.cs, retRip];
  if (withCode) frame.push(errorCode);
  // Check the whole frame is writable before writing any of it.
  const bottom = rsp - frame.length * 8;
  cpu.mmu.translate(bottom, ACCESS_WRITE, newCpl === 3);
  cpu.mmu.translate(rsp - 8, ACCESS_WRITE, newCpl === 3);
  let sp = rsp;
  for (const v of frame) {
    sp -= 8;
    const h = Math.floor(v / TWO32);
    const f = cpu.mmu.translate(sp, ACCESS_WRITE, newCpl === 3);
    const pa = f + (sp - Math.floor(sp / 4096) * 4096);
    cpu.mem.view.setInt32(pa, (v - h * TWO32) | 0, true);
    cpu.mem.view.setInt32(pa + 4, h | 0, true);
  }
  if (newCpl < cpu.cpl) cpu.ss = newCpl; // null selector with RPL = new CPL
  cpu.cs = selector;
  cpu.setRegNum(RSP, sp);
  let fl = cpu.sysFlags & ~(TF | NT | RF | VM);
  if (type === 0xe) fl &= ~IF;
  cpu.sysFlags = fl;
  cpu.rip = target;
}
