// What a syscall implementation sees: the kernel, the calling task, and its
// arguments already sanitised to their C types (SYSCALL_DEFINE-style).

import type { Arch } from '../../trace/events.js';
import type { Kernel } from '../kernel.js';
import type { AddressSpace } from '../mm/address-space.js';
import type { Process, Task } from '../task.js';

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

/** Argument as a signed JS number (exact for 32-bit types and canonical addresses). */
export function argNum(ctx: SysCtx, i: number): number {
  return Number(BigInt.asIntN(64, ctx.args[i] ?? 0n));
}

/** Argument as an address number; null when it cannot be a user address. */
export function argAddr(ctx: SysCtx, i: number): number {
  return Number(BigInt.asIntN(64, ctx.args[i] ?? 0n));
}
