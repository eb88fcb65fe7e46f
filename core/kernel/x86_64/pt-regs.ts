// Access to the pt_regs block the entry code pushed on a task's kernel stack.
// task_pt_regs(): it always sits at the very top of the stack (arch/x86 processor.h).

import type { PhysicalMemory } from '../../mm/phys-memory.js';
import { PT_REGS, PT_REGS_SIZE } from './entry-source.js';
import type { TrapFrame } from '../kernel-arch.js';

export type PtRegName = keyof typeof PT_REGS;

export class PtRegs implements TrapFrame {
  /** Physical address of the block (it never crosses a page: it is the top 168 bytes of one). */
  constructor(
    private readonly mem: PhysicalMemory,
    readonly pa: number,
  ) {}

  get(name: PtRegName): bigint {
    return this.mem.view.getBigUint64(this.pa + PT_REGS[name], true);
  }

  set(name: PtRegName, value: bigint): void {
    this.mem.view.setBigUint64(this.pa + PT_REGS[name], BigInt.asUintN(64, value), true);
  }

  /** Register values by name, as strings, for the trace and the UI. */
  snapshot(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const name of Object.keys(PT_REGS) as PtRegName[]) out[name] = `0x${this.get(name).toString(16)}`;
    return out;
  }

  result(): bigint {
    return this.get('rax');
  }

  setResult(value: bigint): void {
    this.set('rax', value);
  }

  /** The `syscall` instruction is 2 bytes; RAX gets the number back from orig_ax. */
  rewindSyscall(): void {
    this.set('rax', this.get('orig_rax'));
    this.set('rip', this.get('rip') - 2n);
  }

  /** __NR_restart_syscall = 219 on x86-64. */
  rewindToRestartSyscall(): void {
    this.set('rax', 219n);
    this.set('rip', this.get('rip') - 2n);
  }

  static size = PT_REGS_SIZE;
}
