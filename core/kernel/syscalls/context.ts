// What a syscall implementation sees: the kernel, the calling task, and its
// arguments already sanitised to their C types (SYSCALL_DEFINE-style).

import type { Arch } from '../../trace/events.js';
import type { Kernel } from '../kernel.js';
import type { AddressSpace } from '../mm/address-space.js';
import type { Process, Task } from '../task.js';
import type { SysArg } from '../syscall-table.js';

/** Returned by a handler that must wait; the entry path puts the task to sleep and retries later. */
export const BLOCK: unique symbol = Symbol('block');
export type SysResult = bigint | number | typeof BLOCK;

export interface SysCtx {
  k: Kernel;
  task: Task;
  proc: Process;
  mm: AddressSpace;
  arch: Arch;
  /** Arguments after sanitising: 32-bit types are truncated (and sign-extended for int). */
  args: bigint[];
}

export type SysImpl = (ctx: SysCtx) => SysResult;

/**
 * The six argument registers as an architecture's entry found them, as int32 halves
 * (lo[i], hi[i]): x86-64 fills them from rdi, rsi, rdx, r10, r8, r9; AArch64 from x0..x5.
 * No bigint is made unless a handler or the trace asks for one.
 */
export class RawArgs {
  readonly lo = new Int32Array(6);
  readonly hi = new Int32Array(6);

  /** Argument i as the unsigned 64-bit register value. */
  big(i: number): bigint {
    return (BigInt(this.hi[i]! >>> 0) << 32n) | BigInt(this.lo[i]! >>> 0);
  }

  set(i: number, v: bigint): void {
    this.lo[i] = Number(BigInt.asIntN(32, v));
    this.hi[i] = Number(BigInt.asIntN(32, v >> 32n));
  }
}

const TWO32 = 4294967296;

/**
 * The context dispatch hands a handler: sanitised arguments as numbers up front (what
 * argNum/argAddr return), as bigints only when `args` is first read. The values are
 * copied out of RawArgs, so the caller may reuse that between calls.
 */
export class EntryCtx implements SysCtx {
  readonly proc: Process;
  readonly mm: AddressSpace;
  /** Sanitised arguments as signed numbers, one per declared argument. */
  readonly nums: number[];
  private readonly halves: number[];
  private big: bigint[] | null = null;

  constructor(
    readonly k: Kernel,
    readonly task: Task,
    readonly arch: Arch,
    private readonly decl: readonly SysArg[],
    raw: RawArgs,
    /** int 0x80: the kernel ignores the upper halves of the 32-bit registers. */
    compat: boolean,
  ) {
    this.proc = task.proc;
    this.mm = task.proc.mm;
    const n = decl.length;
    const nums = new Array<number>(n);
    const halves = new Array<number>(2 * n);
    for (let i = 0; i < n; i++) {
      const lo = raw.lo[i]!;
      const hi = compat ? 0 : raw.hi[i]!;
      halves[2 * i] = lo;
      halves[2 * i + 1] = hi;
      // The SYSCALL_DEFINE casts (syscall-table.ts sanitize), then Number(asIntN(64, ·)).
      const t = decl[i]!.type;
      nums[i] = t === 'int' ? lo | 0 : t === 'uint' ? lo >>> 0 : hi * TWO32 + (lo >>> 0);
    }
    this.nums = nums;
    this.halves = halves;
  }

  /** Arguments after sanitising, as bigints (built on first use). */
  get args(): bigint[] {
    if (this.big === null) {
      const h = this.halves;
      this.big = this.decl.map((a, i) => (a.type === 'int' ? BigInt(h[2 * i]! | 0) : a.type === 'uint' ? BigInt(h[2 * i]! >>> 0) : (BigInt(h[2 * i + 1]! >>> 0) << 32n) | BigInt(h[2 * i]! >>> 0)));
    }
    return this.big;
  }
}

/** Argument as a signed JS number (exact for 32-bit types and canonical addresses). */
export function argNum(ctx: SysCtx, i: number): number {
  if (ctx instanceof EntryCtx) return ctx.nums[i] ?? 0;
  return Number(BigInt.asIntN(64, ctx.args[i] ?? 0n));
}

/** Argument as an address number; null when it cannot be a user address. */
export function argAddr(ctx: SysCtx, i: number): number {
  return argNum(ctx, i);
}
