// Access to the pt_regs block the entry code pushed on a task's kernel stack.
// task_pt_regs(): it always sits at the very top of the stack (arch/x86 processor.h).
// Two forms: bigint get/set for general use, and int32-half / number accessors for the
// syscall fast path, where a bigint per register read showed up as the top host cost.

import type { PhysicalMemory } from '../../mm/phys-memory.js';
import { PT_REGS, PT_REGS_SIZE } from './entry-source.js';
import type { TrapFrame } from '../kernel-arch.js';

export type PtRegName = keyof typeof PT_REGS;

const TWO32 = 4294967296;
/** The x86-64 syscall ABI's argument registers (entry_64.S). */
const SYSCALL_ARG_REGS: readonly PtRegName[] = ['rdi', 'rsi', 'rdx', 'r10', 'r8', 'r9'];

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

  // The fast accessors take the register's offset (PT_REGS.rax): a string key would be a
  // megamorphic property lookup per access.

  /** Low 32 bits (as int32) of the register at `off`. The block is 8-byte aligned: one aligned load. */
  lo(off: number): number {
    return this.mem.i32[(this.pa + off) >> 2]!;
  }

  /** High 32 bits (as int32) of the register at `off`. */
  hi(off: number): number {
    return this.mem.i32[(this.pa + off + 4) >> 2]!;
  }

  /** The register at `off` as a signed number: exact for canonical addresses and 32-bit values. */
  num(off: number): number {
    return this.hi(off) * TWO32 + (this.lo(off) >>> 0);
  }

  /** Store a signed integer at `off` as its 64-bit two's complement. */
  setNum(off: number, v: number): void {
    if (!Number.isSafeInteger(v)) {
      this.mem.view.setBigInt64(this.pa + off, BigInt.asIntN(64, BigInt(Math.trunc(v))), true);
      return;
    }
    const h = Math.floor(v / TWO32);
    const i = (this.pa + off) >> 2;
    const m = this.mem.i32;
    m[i] = (v - h * TWO32) | 0;
    m[i + 1] = h | 0;
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

  resultNumber(): number {
    return this.num(PT_REGS.rax);
  }

  stackPointer(): bigint {
    return this.get('rsp');
  }

  syscallArg(i: number): bigint {
    return this.get(SYSCALL_ARG_REGS[i]!);
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
