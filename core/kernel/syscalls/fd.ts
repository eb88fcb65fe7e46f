// Descriptor plumbing: pipe/pipe2, dup/dup2/dup3, fcntl, poll and ppoll.

import { EBADF, EFAULT, EINVAL } from '../errno.js';
import { O_CLOEXEC, O_NONBLOCK, POLLERR, POLLHUP, POLLNVAL, SETFL_MASK } from '../vfs/open-flags.js';
import { argAddr, argNum, BLOCK, type SysCtx, type SysResult } from './context.js';
import { hasDeliverable } from '../signal-delivery.js';
import { UNBLOCKABLE } from '../sigaction-flags.js';

function installPipe(ctx: SysCtx, fdsAddr: number, flags: number): SysResult {
  if ((flags & ~(O_CLOEXEC | O_NONBLOCK)) !== 0) return -EINVAL;
  const files = ctx.k.files;
  const table = files.table(ctx.proc);
  const p = files.vfs.createPipe(flags & O_NONBLOCK);
  const cloexec = (flags & O_CLOEXEC) !== 0;
  const rfd = table.install(p.read, cloexec);
  if (rfd < 0) {
    files.vfs.release(p.read);
    files.vfs.release(p.write);
    return rfd;
  }
  const wfd = table.install(p.write, cloexec);
  if (wfd < 0) {
    table.close(rfd);
    files.vfs.release(p.write);
    return wfd;
  }
  const b = new Uint8Array(8);
  const v = new DataView(b.buffer);
  v.setInt32(0, rfd, true);
  v.setInt32(4, wfd, true);
  if (!ctx.mm.write(fdsAddr, b)) {
    table.close(rfd);
    table.close(wfd);
    return -EFAULT;
  }
  return 0;
}

export const sysPipe = (ctx: SysCtx): SysResult => installPipe(ctx, argAddr(ctx, 0), 0);
export const sysPipe2 = (ctx: SysCtx): SysResult => installPipe(ctx, argAddr(ctx, 0), argNum(ctx, 1));

export const sysDup = (ctx: SysCtx): SysResult => ctx.k.files.table(ctx.proc).dup(argNum(ctx, 0));
export const sysDup2 = (ctx: SysCtx): SysResult => ctx.k.files.table(ctx.proc).dup2(argNum(ctx, 0), argNum(ctx, 1));
export const sysDup3 = (ctx: SysCtx): SysResult => ctx.k.files.table(ctx.proc).dup3(argNum(ctx, 0), argNum(ctx, 1), argNum(ctx, 2));

// include/uapi/asm-generic/fcntl.h
const F_DUPFD = 0;
const F_GETFD = 1;
const F_SETFD = 2;
const F_GETFL = 3;
const F_SETFL = 4;
const F_DUPFD_CLOEXEC = 1030;
const FD_CLOEXEC = 1;

export function sysFcntl(ctx: SysCtx): SysResult {
  const table = ctx.k.files.table(ctx.proc);
  const fd = argNum(ctx, 0);
  const entry = table.get(fd);
  if (!entry) return -EBADF;
  const arg = argNum(ctx, 2);
  switch (argNum(ctx, 1)) {
    case F_DUPFD:
      return table.dupMin(fd, arg, false);
    case F_DUPFD_CLOEXEC:
      return table.dupMin(fd, arg, true);
    case F_GETFD:
      return entry.cloexec ? FD_CLOEXEC : 0;
    case F_SETFD:
      return table.setCloexec(fd, (arg & FD_CLOEXEC) !== 0);
    case F_GETFL:
      return entry.file.flags;
    case F_SETFL:
      entry.file.flags = (entry.file.flags & ~SETFL_MASK) | (arg & SETFL_MASK);
      return 0;
    default:
      return -EINVAL;
  }
}

/**
 * The readiness scan poll and ppoll share (fs/select.c do_poll): fill each revents,
 * then return the ready count, or sleep on every descriptor's queues until `deadline`
 * (monotonic ns; Infinity = no timeout). syscallState keeps the deadline across the
 * retries; the caller clears it once a number comes back.
 */
function doPoll(ctx: SysCtx, addr: number, nfds: number, now: number, deadline: number): SysResult {
  if (nfds < 0 || nfds > ctx.k.limits.openFiles) return -EINVAL;
  const raw = nfds === 0 ? new Uint8Array(0) : ctx.mm.read(addr, nfds * 8);
  if (!raw) return -EFAULT;
  const v = new DataView(raw.buffer);
  const files = ctx.k.files;
  let ready = 0;
  for (let i = 0; i < nfds; i++) {
    const fd = v.getInt32(i * 8, true);
    const events = v.getInt16(i * 8 + 4, true);
    let revents = 0;
    if (fd >= 0) {
      const file = files.file(ctx.proc, fd);
      revents = file ? files.vfs.pollEvents(file) & (events | POLLERR | POLLHUP) : POLLNVAL;
    }
    v.setInt16(i * 8 + 6, revents, true);
    if (revents !== 0) ready++;
  }
  // do_poll: a pending signal beats a zero timeout (the entry path turns BLOCK into the restart code).
  if (ready === 0 && hasDeliverable(ctx.k, ctx.task)) return BLOCK;
  if (ready > 0 || now >= deadline) {
    if (nfds > 0 && !ctx.mm.write(addr, raw)) return -EFAULT;
    return ready;
  }
  ctx.task.syscallState = { deadline };
  if (deadline !== Infinity) ctx.task.wakeAt = deadline;
  ctx.task.waitingOn = 'poll';
  const task = ctx.task;
  for (let i = 0; i < nfds; i++) {
    const file = files.file(ctx.proc, v.getInt32(i * 8, true));
    if (!file) continue;
    for (const q of files.vfs.waitQueues(file)) {
      q.once(() => ctx.k.makeRunnable(task));
      // Waiting on the host's stdin is not a deadlock: the run loop asks the host for input.
      if (q === files.stdinQueue) task.waitingOn = 'stdin';
    }
  }
  return BLOCK;
}

/** poll(2): ready descriptors now, or sleep until one changes, the timeout (ms) passes, or a signal. */
export function sysPoll(ctx: SysCtx): SysResult {
  const timeout = argNum(ctx, 2);
  const now = ctx.k.monotonicNs();
  const deadline = ctx.task.syscallState?.deadline ?? (timeout < 0 ? Infinity : now + timeout * 1e6);
  const r = doPoll(ctx, argAddr(ctx, 0), argNum(ctx, 1), now, deadline);
  if (r !== BLOCK) ctx.task.syscallState = null;
  return r;
}

const NS_PER_S = 1_000_000_000;

/**
 * ppoll(2): poll with a timespec timeout (NULL = forever) and a signal mask swapped in
 * for the wait (set_user_sigmask). The mask goes back on return, except when a signal
 * interrupts: then the handler's frame saves the old mask (task.savedMask, as
 * rt_sigsuspend does) and sigreturn restores it. ERESTARTNOHAND: never restarted after a
 * handler, SA_RESTART or not. The time left is written back to *tmo_p (poll_select_finish).
 */
export function sysPpoll(ctx: SysCtx): SysResult {
  const tsAddr = argAddr(ctx, 2);
  let timeoutNs = Infinity;
  if (tsAddr !== 0) {
    const b = ctx.mm.read(tsAddr, 16);
    if (!b) return -EFAULT;
    const v = new DataView(b.buffer);
    const sec = v.getBigInt64(0, true);
    const nsec = v.getBigInt64(8, true);
    // timespec64_valid: a negative second or a nanosecond field outside [0, 1e9).
    if (sec < 0n || nsec < 0n || nsec >= BigInt(NS_PER_S)) return -EINVAL;
    timeoutNs = Number(sec) * NS_PER_S + Number(nsec);
  }
  const maskAddr = argAddr(ctx, 3);
  if (maskAddr !== 0) {
    // The size is checked only when there is a mask (set_user_sigmask).
    if (ctx.args[4] !== 8n) return -EINVAL;
    const m = ctx.mm.read(maskAddr, 8);
    if (!m) return -EFAULT;
    // A retry after a wake-up must not save the temporary mask over the real one.
    if (ctx.task.savedMask === null) ctx.task.savedMask = ctx.task.blocked;
    ctx.task.blocked = new DataView(m.buffer).getBigUint64(0, true) & ~UNBLOCKABLE;
  }
  const now = ctx.k.monotonicNs();
  const deadline = ctx.task.syscallState?.deadline ?? now + timeoutNs;
  const r = doPoll(ctx, argAddr(ctx, 0), argNum(ctx, 1), now, deadline);
  if (r === BLOCK) return BLOCK;
  ctx.task.syscallState = null;
  restoreSavedMask(ctx.task);
  if (timeoutNs !== 0 && timeoutNs !== Infinity) writeTimeLeft(ctx, tsAddr, deadline - now);
  return r;
}

/** restore_saved_sigmask: the call returned without a handler frame taking the old mask. */
function restoreSavedMask(task: SysCtx['task']): void {
  if (task.savedMask === null) return;
  task.blocked = task.savedMask;
  task.savedMask = null;
}

/** The remaining time into *tmo_p, clamped at zero; a read-only timespec is silently left alone (as Linux). */
function writeTimeLeft(ctx: SysCtx, tsAddr: number, leftNs: number): void {
  const left = Math.max(0, leftNs);
  const b = new Uint8Array(16);
  const v = new DataView(b.buffer);
  v.setBigInt64(0, BigInt(Math.floor(left / NS_PER_S)), true);
  v.setBigInt64(8, BigInt(Math.floor(left % NS_PER_S)), true);
  ctx.mm.write(tsAddr, b);
}

/** A signal cut ppoll short: Linux writes the time left before the handler runs (the saved mask stays for the frame). */
export function ppollInterrupted(ctx: SysCtx): void {
  const deadline = ctx.task.syscallState?.deadline;
  const tsAddr = argAddr(ctx, 2);
  if (deadline === undefined || tsAddr === 0 || deadline === Infinity) return;
  writeTimeLeft(ctx, tsAddr, deadline - ctx.k.monotonicNs());
}
