// The pt_regs block the arm64 entry code stored at the top of a task's kernel stack
// (task_pt_regs), read and written by name.

import type { PhysicalMemory } from '../../mm/phys-memory.js';
import type { TrapFrame } from '../kernel-arch.js';
import { NR_RESTART_SYSCALL } from './layout.js';
import { PT_REGS, PT_REGS_SIZE } from './entry-source.js';

export class Arm64PtRegs implements TrapFrame {
  constructor(
    private readonly mem: PhysicalMemory,
    readonly pa: number,
  ) {}

  get(name: string): bigint {
    return this.mem.view.getBigUint64(this.pa + this.offset(name), true);
  }

  set(name: string, value: bigint): void {
    this.mem.view.setBigUint64(this.pa + this.offset(name), BigInt.asUintN(64, value), true);
  }

  x(i: number): bigint {
    return this.mem.view.getBigUint64(this.pa + i * 8, true);
  }

  setX(i: number, value: bigint): void {
    this.mem.view.setBigUint64(this.pa + i * 8, BigInt.asUintN(64, value), true);
  }

  private offset(name: string): number {
    const off = PT_REGS[name];
    if (off === undefined) throw new Error(`pt_regs has no ${name} on arm64`);
    return off;
  }

  /** pt_regs->syscallno is an int: -1 (NO_SYSCALL) outside a syscall. */
  get syscallno(): number {
    return this.mem.view.getInt32(this.pa + PT_REGS.syscallno!, true);
  }

  set syscallno(nr: number) {
    this.mem.view.setInt32(this.pa + PT_REGS.syscallno!, nr, true);
  }

  result(): bigint {
    return this.x(0);
  }

  resultNumber(): number {
    return Number(BigInt.asIntN(64, this.x(0)));
  }

  stackPointer(): bigint {
    return this.get('sp');
  }

  /** x0 is the result register, so the first argument comes from orig_x0 (el0_svc saved it). */
  syscallArg(i: number): bigint {
    return i === 0 ? this.get('orig_x0') : this.x(i);
  }

  setResult(value: bigint): void {
    this.setX(0, value);
  }

  /** arch/arm64/kernel/signal.c do_signal: x0 = orig_x0, pc -= 4 (svc is one 4-byte instruction). */
  rewindSyscall(): void {
    this.setX(0, this.get('orig_x0'));
    this.set('pc', this.get('pc') - 4n);
  }

  /** The same, with x8 = __NR_restart_syscall. */
  rewindToRestartSyscall(): void {
    this.rewindSyscall();
    this.setX(8, NR_RESTART_SYSCALL);
  }

  snapshot(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const name of Object.keys(PT_REGS)) out[name] = `0x${this.get(name).toString(16)}`;
    return out;
  }

  static size = PT_REGS_SIZE;
}
