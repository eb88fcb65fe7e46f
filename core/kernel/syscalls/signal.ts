// Signal syscalls: rt_sigaction, rt_sigprocmask, rt_sigreturn, kill, tgkill, alarm, pause.

import { EFAULT, EINVAL } from '../errno.js';
import { SIGKILL, SIGSTOP } from '../signal-names.js';
import { argAddr, argNum, type SysCtx, type SysResult } from './context.js';

export const SA_NOCLDSTOP = 0x1n;
export const SA_SIGINFO = 0x4n;
export const SA_RESTORER = 0x04000000n;
export const SA_ONSTACK = 0x08000000n;
export const SA_RESTART = 0x10000000n;
export const SA_NODEFER = 0x40000000n;
export const SA_RESETHAND = 0x80000000n;

const UNBLOCKABLE = (1n << BigInt(SIGKILL - 1)) | (1n << BigInt(SIGSTOP - 1));

export function sigBit(signo: number): bigint {
  return 1n << BigInt(signo - 1);
}

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
