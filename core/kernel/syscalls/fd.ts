// Descriptor plumbing: pipe/pipe2, dup/dup2/dup3, fcntl, and poll.

import { EBADF, EFAULT, EINVAL } from '../errno.js';
import { O_CLOEXEC, O_NONBLOCK, POLLERR, POLLHUP, POLLNVAL, SETFL_MASK } from '../vfs/open-flags.js';
import { argAddr, argNum, BLOCK, type SysCtx, type SysResult } from './context.js';

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

/** poll(2): ready descriptors now, or sleep until one changes, the timeout passes, or a signal. */
export function sysPoll(ctx: SysCtx): SysResult {
  const addr = argAddr(ctx, 0);
  const nfds = argNum(ctx, 1);
  const timeout = argNum(ctx, 2);
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
  const now = ctx.k.monotonicNs();
  const state = ctx.task.syscallState;
  const deadline = state?.deadline ?? (timeout < 0 ? Infinity : now + timeout * 1e6);
  if (ready > 0 || now >= deadline) {
    ctx.task.syscallState = null;
    if (nfds > 0 && !ctx.mm.write(addr, raw)) return -EFAULT;
    return ready;
  }
  // Sleep on every descriptor's queues and on the timeout.
  ctx.task.syscallState = { deadline };
  if (deadline !== Infinity) ctx.task.wakeAt = deadline;
  ctx.task.waitingOn = 'poll';
  const task = ctx.task;
  for (let i = 0; i < nfds; i++) {
    const file = files.file(ctx.proc, v.getInt32(i * 8, true));
    if (file) for (const q of files.vfs.waitQueues(file)) q.once(() => ctx.k.makeRunnable(task));
  }
  return BLOCK;
}
