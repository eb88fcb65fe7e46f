// Clocks and sleeping. Time is emulated: it advances with the cycles the guest and
// the kernel spend (core/cost), so a run replays identically.

import { EFAULT, EINVAL } from '../errno.js';
import { argAddr, argNum, BLOCK, type SysCtx, type SysResult } from './context.js';

export const CLOCK_REALTIME = 0;
export const CLOCK_MONOTONIC = 1;
export const CLOCK_PROCESS_CPUTIME_ID = 2;
export const CLOCK_THREAD_CPUTIME_ID = 3;
export const CLOCK_MONOTONIC_RAW = 4;
export const CLOCK_REALTIME_COARSE = 5;
export const CLOCK_MONOTONIC_COARSE = 6;
export const CLOCK_BOOTTIME = 7;

export function timespecBytes(ns: number): Uint8Array {
  const b = new Uint8Array(16);
  const v = new DataView(b.buffer);
  const sec = Math.floor(ns / 1e9);
  v.setBigInt64(0, BigInt(sec), true);
  v.setBigInt64(8, BigInt(Math.floor(ns - sec * 1e9)), true);
  return b;
}

export function clockNs(ctx: SysCtx, clock: number): number | null {
  switch (clock) {
    case CLOCK_REALTIME:
    case CLOCK_REALTIME_COARSE:
      return ctx.k.realtimeNs();
    case CLOCK_MONOTONIC:
    case CLOCK_MONOTONIC_RAW:
    case CLOCK_MONOTONIC_COARSE:
    case CLOCK_BOOTTIME:
      return ctx.k.monotonicNs();
    case CLOCK_PROCESS_CPUTIME_ID:
    case CLOCK_THREAD_CPUTIME_ID:
      return ctx.k.cpuTimeNs(ctx.task);
    default:
      return null;
  }
}

export function sysClockGettime(ctx: SysCtx): SysResult {
  ctx.k.meter.charge('clockRead');
  const ns = clockNs(ctx, argNum(ctx, 0));
  if (ns === null) return -EINVAL;
  return ctx.mm.write(argAddr(ctx, 1), timespecBytes(ns)) ? 0 : -EFAULT;
}

/** A coarse clock advances once per timer tick (HZ = 1000 here, kernel.ts). */
export const COARSE_CLOCK_RES_NS = 1_000_000;

/** clock_getres(2): 1 ns for the high-resolution clocks, a tick for the coarse ones (what the arm64 vDSO answers too). */
export function sysClockGetres(ctx: SysCtx): SysResult {
  const clock = argNum(ctx, 0);
  if (clock < CLOCK_REALTIME || clock > CLOCK_BOOTTIME) return -EINVAL;
  const tp = argAddr(ctx, 1);
  if (tp === 0) return 0; // clock_getres(2): a NULL res is allowed
  const res = clock === CLOCK_REALTIME_COARSE || clock === CLOCK_MONOTONIC_COARSE ? COARSE_CLOCK_RES_NS : 1;
  return ctx.mm.write(tp, timespecBytes(res)) ? 0 : -EFAULT;
}

export function sysGettimeofday(ctx: SysCtx): SysResult {
  ctx.k.meter.charge('clockRead');
  const tv = argAddr(ctx, 0);
  if (tv !== 0) {
    const ns = ctx.k.realtimeNs();
    const b = new Uint8Array(16);
    const v = new DataView(b.buffer);
    const sec = Math.floor(ns / 1e9);
    v.setBigInt64(0, BigInt(sec), true);
    v.setBigInt64(8, BigInt(Math.floor((ns - sec * 1e9) / 1000)), true);
    if (!ctx.mm.write(tv, b)) return -EFAULT;
  }
  const tz = argAddr(ctx, 1);
  if (tz !== 0 && !ctx.mm.write(tz, new Uint8Array(8))) return -EFAULT;
  return 0;
}

/** nanosleep(2): sleeps until the deadline; interrupted by a handled signal → EINTR with the remainder. */
export function sysNanosleep(ctx: SysCtx): SysResult {
  const state = ctx.task.syscallState;
  let deadline: number;
  if (state && state.deadline !== undefined) {
    deadline = state.deadline;
  } else {
    const req = ctx.mm.read(argAddr(ctx, 0), 16);
    if (!req) return -EFAULT;
    const v = new DataView(req.buffer);
    const sec = Number(v.getBigInt64(0, true));
    const nsec = Number(v.getBigInt64(8, true));
    if (sec < 0 || nsec < 0 || nsec >= 1e9) return -EINVAL;
    deadline = ctx.k.monotonicNs() + sec * 1e9 + nsec;
    ctx.task.syscallState = { deadline };
  }
  if (ctx.k.monotonicNs() >= deadline) {
    ctx.task.syscallState = null;
    return 0;
  }
  ctx.task.wakeAt = deadline;
  return BLOCK;
}

/** What nanosleep reports in *rem when a signal cuts it short (the deadline is kept for restart_syscall unless `clear`). */
export function nanosleepRemaining(ctx: SysCtx, clear = true): void {
  const deadline = ctx.task.syscallState?.deadline;
  const rem = argAddr(ctx, 1);
  if (deadline !== undefined && rem !== 0) ctx.mm.write(rem, timespecBytes(Math.max(0, deadline - ctx.k.monotonicNs())));
  if (clear) ctx.task.syscallState = null;
}
