// Process identity and lifetime: getpid & co, exit, exit_group, set_tid_address, sched_yield.

import { argNum, type SysCtx, type SysResult } from './context.js';

export const sysGetpid = (ctx: SysCtx): SysResult => ctx.proc.pid;
export const sysGettid = (ctx: SysCtx): SysResult => ctx.task.tid;
export const sysGetppid = (ctx: SysCtx): SysResult => ctx.proc.ppid;
/** The lab runs as one unprivileged student, uid = gid = 1000. */
export const sysGetuid = (): SysResult => 1000;

/** exit(2) ends only the calling thread; the process ends with its last thread. */
export function sysExit(ctx: SysCtx): SysResult {
  ctx.k.exitTask(ctx.task, (argNum(ctx, 0) & 0xff) << 8);
  return 0;
}

/** exit_group(2): every thread of the process (exit_group semantics). */
export function sysExitGroup(ctx: SysCtx): SysResult {
  ctx.k.exitGroup(ctx.proc, (argNum(ctx, 0) & 0xff) << 8);
  return 0;
}

export function sysSetTidAddress(ctx: SysCtx): SysResult {
  ctx.task.clearChildTid = ctx.args[0]!;
  return ctx.task.tid;
}

export function sysSchedYield(ctx: SysCtx): SysResult {
  ctx.k.requestReschedule(ctx.task);
  return 0;
}
