// Signal syscalls: rt_sigaction, rt_sigprocmask, rt_sigreturn, kill, tgkill, alarm, pause.

import { EFAULT, EINTR, EINVAL, ESRCH } from '../errno.js';
import { sysNanosleep } from './time.js';
import { sysPoll } from './fd.js';
import { sendSignalToProcess, sendSignalToTask } from '../signal-delivery.js';
import { SIGKILL, SIGSTOP } from '../signal-names.js';
import { argAddr, argNum, BLOCK, type SysCtx, type SysResult } from './context.js';
import { UNBLOCKABLE } from '../sigaction-flags.js';

export function sysRtSigaction(ctx: SysCtx): SysResult {
  const signo = argNum(ctx, 0);
  const act = argAddr(ctx, 1);
  const oact = argAddr(ctx, 2);
  if (argNum(ctx, 3) !== 8) return -EINVAL;
  if (signo < 1 || signo > 64) return -EINVAL;
  const actions = ctx.proc.handlers.actions;
  const old = actions[signo]!;
  let next = old;
  if (act !== 0) {
    if (signo === SIGKILL || signo === SIGSTOP) return -EINVAL;
    const b = ctx.mm.read(act, 32);
    if (!b) return -EFAULT;
    const v = new DataView(b.buffer);
    next = { handler: v.getBigUint64(0, true), flags: v.getBigUint64(8, true), restorer: v.getBigUint64(16, true), mask: v.getBigUint64(24, true) & ~UNBLOCKABLE };
  }
  if (oact !== 0) {
    const b = new Uint8Array(32);
    const v = new DataView(b.buffer);
    v.setBigUint64(0, old.handler, true);
    v.setBigUint64(8, old.flags, true);
    v.setBigUint64(16, old.restorer, true);
    v.setBigUint64(24, old.mask, true);
    if (!ctx.mm.write(oact, b)) return -EFAULT;
  }
  actions[signo] = next;
  // Setting SIG_IGN discards a pending instance (POSIX; kernel/signal.c do_sigaction).
  if (next.handler === 1n) ctx.k.discardPending(ctx.proc, signo);
  return 0;
}

export function sysRtSigprocmask(ctx: SysCtx): SysResult {
  const how = argNum(ctx, 0);
  const set = argAddr(ctx, 1);
  const oset = argAddr(ctx, 2);
  if (argNum(ctx, 3) !== 8) return -EINVAL;
  const old = ctx.task.blocked;
  if (set !== 0) {
    const b = ctx.mm.read(set, 8);
    if (!b) return -EFAULT;
    const mask = new DataView(b.buffer).getBigUint64(0, true) & ~UNBLOCKABLE;
    if (how === 0) ctx.task.blocked = old | mask;
    else if (how === 1) ctx.task.blocked = old & ~mask;
    else if (how === 2) ctx.task.blocked = mask;
    else return -EINVAL;
  }
  if (oset !== 0) {
    const b = new Uint8Array(8);
    new DataView(b.buffer).setBigUint64(0, old, true);
    if (!ctx.mm.write(oset, b)) return -EFAULT;
  }
  return 0;
}

export function sysRtSigreturn(ctx: SysCtx): SysResult {
  return ctx.k.sigreturn(ctx.task);
}

// ---- sending signals ----

const SI_USER = 0;
const SI_TKILL = -6;

export function sysKill(ctx: SysCtx): SysResult {
  const pid = argNum(ctx, 0);
  const signo = argNum(ctx, 1);
  if (signo < 0 || signo > 64) return -EINVAL;
  const k = ctx.k;
  const targets =
    pid > 0 ? [k.processes.get(pid)].filter((p) => p !== undefined) : [...k.processes.values()].filter((p) => pid === 0 || p !== ctx.proc || pid === -1);
  const live = targets.filter((p) => p!.exitStatus === null);
  if (live.length === 0) return -ESRCH;
  if (signo === 0) return 0;
  for (const p of live) sendSignalToProcess(k, p!, { signo, code: SI_USER, pid: ctx.proc.pid, uid: 1000, addr: null });
  return 0;
}

function killThread(ctx: SysCtx, tgid: number | null, tid: number, signo: number): SysResult {
  if (signo < 0 || signo > 64 || tid <= 0) return -EINVAL;
  const task = ctx.k.tasks.get(tid);
  if (!task || (tgid !== null && task.proc.pid !== tgid)) return -ESRCH;
  if (signo === 0) return 0;
  sendSignalToTask(ctx.k, task, { signo, code: SI_TKILL, pid: ctx.proc.pid, uid: 1000, addr: null });
  return 0;
}

export const sysTgkill = (ctx: SysCtx): SysResult => killThread(ctx, argNum(ctx, 0), argNum(ctx, 1), argNum(ctx, 2));
export const sysTkill = (ctx: SysCtx): SysResult => killThread(ctx, null, argNum(ctx, 0), argNum(ctx, 1));

// ---- timers ----

/** alarm(2): returns the seconds left on the previous alarm (rounded up, as Linux does). */
export function sysAlarm(ctx: SysCtx): SysResult {
  const now = ctx.k.monotonicNs();
  const proc = ctx.proc;
  const left = proc.alarmAt === null ? 0 : Math.max(1, Math.round((proc.alarmAt - now) / 1e9));
  const secs = argNum(ctx, 0) >>> 0;
  proc.alarmAt = secs === 0 ? null : now + secs * 1e9;
  proc.itimerInterval = 0;
  return left;
}

function readTimeval(b: DataView, off: number): number {
  return Number(b.getBigInt64(off, true)) * 1e9 + Number(b.getBigInt64(off + 8, true)) * 1000;
}

function itimerBytes(intervalNs: number, valueNs: number): Uint8Array {
  const b = new Uint8Array(32);
  const v = new DataView(b.buffer);
  const put = (off: number, ns: number) => {
    const us = Math.ceil(ns / 1000);
    v.setBigInt64(off, BigInt(Math.floor(us / 1e6)), true);
    v.setBigInt64(off + 8, BigInt(us % 1e6), true);
  };
  put(0, intervalNs);
  put(16, valueNs);
  return b;
}

const ITIMER_REAL = 0;

export function sysGetitimer(ctx: SysCtx): SysResult {
  if (argNum(ctx, 0) !== ITIMER_REAL) return -EINVAL;
  const p = ctx.proc;
  const value = p.alarmAt === null ? 0 : Math.max(0, p.alarmAt - ctx.k.monotonicNs());
  return ctx.mm.write(argAddr(ctx, 1), itimerBytes(p.itimerInterval, value)) ? 0 : -EFAULT;
}

/** setitimer(ITIMER_REAL, ...): SIGALRM after `value`, then every `interval`. */
export function sysSetitimer(ctx: SysCtx): SysResult {
  if (argNum(ctx, 0) !== ITIMER_REAL) return -EINVAL;
  const p = ctx.proc;
  const now = ctx.k.monotonicNs();
  const oldAddr = argAddr(ctx, 2);
  if (oldAddr !== 0) {
    const value = p.alarmAt === null ? 0 : Math.max(0, p.alarmAt - now);
    if (!ctx.mm.write(oldAddr, itimerBytes(p.itimerInterval, value))) return -EFAULT;
  }
  const newAddr = argAddr(ctx, 1);
  if (newAddr === 0) return 0;
  const raw = ctx.mm.read(newAddr, 32);
  if (!raw) return -EFAULT;
  const v = new DataView(raw.buffer);
  const interval = readTimeval(v, 0);
  const value = readTimeval(v, 16);
  if (interval < 0 || value < 0) return -EINVAL;
  p.itimerInterval = interval;
  p.alarmAt = value === 0 ? null : now + value;
  return 0;
}

/** pause(2): sleep until a signal is delivered; returns -EINTR via ERESTARTNOHAND. */
export function sysPause(ctx: SysCtx): SysResult {
  ctx.task.waitingOn = 'pause';
  return BLOCK;
}

/** rt_sigsuspend(2): swap in a temporary mask and sleep until a signal arrives. */
export function sysRtSigsuspend(ctx: SysCtx): SysResult {
  if (argNum(ctx, 1) !== 8) return -EINVAL;
  if (ctx.task.savedMask === null) {
    const b = ctx.mm.read(argAddr(ctx, 0), 8);
    if (!b) return -EFAULT;
    ctx.task.savedMask = ctx.task.blocked;
    ctx.task.blocked = new DataView(b.buffer).getBigUint64(0, true) & ~UNBLOCKABLE;
  }
  ctx.task.waitingOn = 'sigsuspend';
  return BLOCK;
}

/** restart_syscall(2): resume the sleep a signal without a handler interrupted. */
export function sysRestartSyscall(ctx: SysCtx): SysResult {
  switch (ctx.task.restartBlock) {
    case 'nanosleep':
      return sysNanosleep(ctx);
    case 'poll': {
      // poll's arguments are still in the user's argument registers, whichever the arch.
      const regs = ctx.k.trapFrame(ctx.task);
      return sysPoll({ ...ctx, args: [regs.syscallArg(0), BigInt.asIntN(32, regs.syscallArg(1)), BigInt.asIntN(32, regs.syscallArg(2))] });
    }
    default:
      return -EINTR;
  }
}
