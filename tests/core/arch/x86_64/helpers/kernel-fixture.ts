// A minimal kernel layout for system-instruction tests: kernel code/stack/IDT in the
// upper half (supervisor-only pages), user code/stack in the lower half, 64-bit
// interrupt gates written byte by byte as SDM Vol 3A Figure 6-8 lays them out.

import { makeMachine, type TestMachine } from './machine.js';
import { IA32_LSTAR, IA32_STAR, IA32_FMASK } from '../../../../../core/arch/x86_64/registers.js';

export const KCODE = -0x80000000; // 0xffffffff80000000
export const KSTACK_TOP = -0x7fff0000; // 0xffffffff80010000
export const IDT = -0x7ffe0000; // 0xffffffff80020000
export const KDATA = -0x7ffd0000;
export const KERNEL_CS = 0x08;
export const KERNEL_SS = 0x10;
export const USER_CS = 0x33;
export const USER_SS = 0x2b;

export function setGate(m: TestMachine, vector: number, handler: number, opts: { dpl?: number; trap?: boolean; present?: boolean; ist?: number } = {}): void {
  const g = new Uint8Array(16);
  const dv = new DataView(g.buffer);
  const hi = Math.floor(handler / 4294967296);
  const lo = handler - hi * 4294967296;
  dv.setUint16(0, lo & 0xffff, true);
  dv.setUint16(2, KERNEL_CS, true);
  dv.setUint8(4, opts.ist ?? 0);
  dv.setUint8(5, ((opts.present ?? true) ? 0x80 : 0) | ((opts.dpl ?? 0) << 5) | (opts.trap ? 0xf : 0xe));
  dv.setUint16(6, lo >>> 16, true);
  dv.setInt32(8, hi, true);
  m.write(IDT + vector * 16, g);
}

/** A machine with user (CPL 3) code at CODE and a supervisor-only kernel in the upper half. */
export function makeKernelMachine(): TestMachine {
  const m = makeMachine(true);
  m.map(KCODE, 0x4000, { writable: true });
  m.map(KSTACK_TOP - 0x4000, 0x4000, { writable: true, noExec: true });
  m.map(IDT, 0x1000, { writable: true, noExec: true });
  m.map(KDATA, 0x1000, { writable: true, noExec: true });
  const cpu = m.cpu;
  cpu.idtrBase = IDT;
  cpu.idtrLimit = 256 * 16 - 1;
  cpu.tssRsp0 = KSTACK_TOP;
  // STAR[47:32] = kernel CS (SS = +8); STAR[63:48] = 0x23 so sysret gives CS 0x33, SS 0x2b (Linux layout).
  cpu.setMsr(IA32_STAR, (0x23n << 48n) | (BigInt(KERNEL_CS) << 32n));
  cpu.setMsr(IA32_LSTAR, BigInt.asUintN(64, BigInt(KCODE)));
  cpu.setMsr(IA32_FMASK, 0x47700n); // TF|DF|IF|IOPL|AC|NT as Linux masks
  return m;
}
