// File syscalls over the VFS: read/write (and their vector forms), open/openat,
// close, lseek, fstat/newfstatat, ioctl. Blocking reads sleep on the VFS wait queue.

import { EBADF, EFAULT, EINVAL, ENAMETOOLONG, ENOTDIR, ENOTTY } from '../errno.js';
import { SIGPIPE } from '../signal-names.js';
import { sendSignalToTask } from '../signal-delivery.js';
import { isBlocked, type ReadResult, type WriteResult } from '../vfs/io-result.js';
import { AT_FDCWD, O_CLOEXEC } from '../vfs/open-flags.js';
import { encodeStat } from '../vfs/stat-layout.js';
import type { OpenFile } from '../vfs/open-file.js';
import type { Directory } from '../vfs/inode.js';
import type { WaitQueue } from '../vfs/wait-queue.js';
import { argAddr, argNum, BLOCK, type SysCtx, type SysResult } from './context.js';

const MAX_RW = 0x7ffff000; // MAX_RW_COUNT: one read/write moves at most this much
const UIO_MAXIOV = 1024;

function fileOf(ctx: SysCtx, fd: number): OpenFile | null {
  return ctx.k.files.file(ctx.proc, fd);
}

/** Sleep on the queue a Blocked result names; the entry path retries the call on wake-up. */
function block(ctx: SysCtx, r: { blocked: WaitQueue }): SysResult {
  ctx.task.waitingOn = r.blocked === ctx.k.files.stdinQueue ? 'stdin' : r.blocked.name;
  const task = ctx.task;
  r.blocked.once(() => ctx.k.makeRunnable(task));
  return BLOCK;
}

function doRead(ctx: SysCtx, file: OpenFile, n: number): ReadResult {
  return ctx.k.files.vfs.read(file, Math.min(n, MAX_RW));
}

export function sysRead(ctx: SysCtx): SysResult {
  const file = fileOf(ctx, argNum(ctx, 0));
  if (!file) return -EBADF;
  const count = argNum(ctx, 2);
  if (count < 0) return -EINVAL;
  const buf = argAddr(ctx, 1);
  // access_ok() first: a buffer that cannot be user memory fails before any I/O.
  if (count > 0 && (buf < 0 || buf + count > ctx.mm.userTop)) return -EFAULT;
  const r = doRead(ctx, file, count);
  if (isBlocked(r)) return block(ctx, r);
  if ('errno' in r) return -r.errno;
  if (r.bytes.length > 0 && !ctx.mm.write(buf, r.bytes)) return -EFAULT;
  return r.bytes.length;
}

function doWrite(ctx: SysCtx, file: OpenFile, data: Uint8Array): WriteResult {
  return ctx.k.files.vfs.write(file, data);
}

function writeOutcome(ctx: SysCtx, r: WriteResult): SysResult {
  if (isBlocked(r)) return block(ctx, r);
  if ('errno' in r) {
    if (r.sigpipe) sendSignalToTask(ctx.k, ctx.task, { signo: SIGPIPE, code: 0, pid: ctx.proc.pid, uid: 1000, addr: null });
    return -r.errno;
  }
  return r.written;
}

export function sysWrite(ctx: SysCtx): SysResult {
  const file = fileOf(ctx, argNum(ctx, 0));
  if (!file) return -EBADF;
  const count = Math.min(argNum(ctx, 2), MAX_RW);
  if (count < 0) return -EINVAL;
  const data = count === 0 ? new Uint8Array(0) : ctx.mm.read(argAddr(ctx, 1), count);
  if (!data) return -EFAULT;
  return writeOutcome(ctx, doWrite(ctx, file, data));
}

function readIovecs(ctx: SysCtx, addr: number, count: number): { base: number; len: number }[] | number {
  if (count < 0 || count > UIO_MAXIOV) return -EINVAL;
  const raw = ctx.mm.read(addr, count * 16);
  if (!raw) return -EFAULT;
  const v = new DataView(raw.buffer);
  const out = [];
  for (let i = 0; i < count; i++) out.push({ base: Number(v.getBigInt64(i * 16, true)), len: Number(v.getBigInt64(i * 16 + 8, true)) });
  if (out.some((io) => io.len < 0)) return -EINVAL;
  return out;
}

export function sysWritev(ctx: SysCtx): SysResult {
  const file = fileOf(ctx, argNum(ctx, 0));
  if (!file) return -EBADF;
  const iov = readIovecs(ctx, argAddr(ctx, 1), argNum(ctx, 2));
  if (typeof iov === 'number') return iov;
  const parts: Uint8Array[] = [];
  for (const io of iov) {
    const b = io.len === 0 ? new Uint8Array(0) : ctx.mm.read(io.base, io.len);
    if (!b) return -EFAULT;
    parts.push(b);
  }
  const total = parts.reduce((n, p) => n + p.length, 0);
  const all = new Uint8Array(total);
  let off = 0;
  for (const p of parts) {
    all.set(p, off);
    off += p.length;
  }
  return writeOutcome(ctx, doWrite(ctx, file, all));
}

export function sysReadv(ctx: SysCtx): SysResult {
  const file = fileOf(ctx, argNum(ctx, 0));
  if (!file) return -EBADF;
  const iov = readIovecs(ctx, argAddr(ctx, 1), argNum(ctx, 2));
  if (typeof iov === 'number') return iov;
  const total = iov.reduce((n, io) => n + io.len, 0);
  const r = doRead(ctx, file, total);
  if (isBlocked(r)) return block(ctx, r);
  if ('errno' in r) return -r.errno;
  let off = 0;
  for (const io of iov) {
    if (off >= r.bytes.length) break;
    const piece = r.bytes.subarray(off, off + io.len);
    if (!ctx.mm.write(io.base, piece)) return -EFAULT;
    off += piece.length;
  }
  return r.bytes.length;
}

function userPath(ctx: SysCtx, i: number): string | number {
  const p = ctx.mm.readCString(argAddr(ctx, i), 4096);
  if (p === null) return -EFAULT;
  if (p === 'long') return -ENAMETOOLONG;
  return p;
}

function openAt(ctx: SysCtx, dfd: number, pathArg: number, flags: number, mode: number): SysResult {
  const path = userPath(ctx, pathArg);
  if (typeof path === 'number') return path;
  let base: Directory | undefined;
  if (!path.startsWith('/') && dfd !== AT_FDCWD) {
    const dir = fileOf(ctx, dfd);
    if (!dir) return -EBADF;
    if (dir.inode.kind !== 'dir') return -ENOTDIR;
    base = dir.inode;
  }
  const files = ctx.k.files;
  const opened = files.vfs.open(path, flags, mode, files.pathContext(ctx.proc, base));
  if (typeof opened === 'number') return opened;
  const fd = files.table(ctx.proc).install(opened, (flags & O_CLOEXEC) !== 0);
  if (fd < 0) files.vfs.release(opened);
  return fd;
}

export const sysOpen = (ctx: SysCtx): SysResult => openAt(ctx, AT_FDCWD, 0, argNum(ctx, 1), argNum(ctx, 2));
export const sysOpenat = (ctx: SysCtx): SysResult => openAt(ctx, argNum(ctx, 0), 1, argNum(ctx, 2), argNum(ctx, 3));

export function sysClose(ctx: SysCtx): SysResult {
  return ctx.k.files.table(ctx.proc).close(argNum(ctx, 0));
}

export function sysLseek(ctx: SysCtx): SysResult {
  const file = fileOf(ctx, argNum(ctx, 0));
  if (!file) return -EBADF;
  return ctx.k.files.vfs.lseek(file, argNum(ctx, 1), argNum(ctx, 2));
}

export function sysFstat(ctx: SysCtx): SysResult {
  const file = fileOf(ctx, argNum(ctx, 0));
  if (!file) return -EBADF;
  return ctx.mm.write(argAddr(ctx, 1), encodeStat(ctx.k.files.vfs.fstat(file), ctx.arch)) ? 0 : -EFAULT;
}

const AT_EMPTY_PATH = 0x1000;

export function sysNewfstatat(ctx: SysCtx): SysResult {
  const dfd = argNum(ctx, 0);
  const path = userPath(ctx, 1);
  if (typeof path === 'number') return path;
  const files = ctx.k.files;
  if (path === '' && (argNum(ctx, 3) & AT_EMPTY_PATH) !== 0) {
    const file = fileOf(ctx, dfd);
    if (!file) return -EBADF;
    return ctx.mm.write(argAddr(ctx, 2), encodeStat(files.vfs.fstat(file), ctx.arch)) ? 0 : -EFAULT;
  }
  let base: Directory | undefined;
  if (!path.startsWith('/') && dfd !== AT_FDCWD) {
    const dir = fileOf(ctx, dfd);
    if (!dir) return -EBADF;
    if (dir.inode.kind !== 'dir') return -ENOTDIR;
    base = dir.inode;
  }
  const inode = files.vfs.lookup(path, files.pathContext(ctx.proc, base));
  if (typeof inode === 'number') return inode;
  return ctx.mm.write(argAddr(ctx, 2), encodeStat(files.vfs.stat(inode), ctx.arch)) ? 0 : -EFAULT;
}

const TCGETS = 0x5401;
const TIOCGWINSZ = 0x5413;
const FIONREAD = 0x541b;

export function sysIoctl(ctx: SysCtx): SysResult {
  const file = fileOf(ctx, argNum(ctx, 0));
  if (!file) return -EBADF;
  const cmd = argNum(ctx, 1) >>> 0;
  const isTty = file.inode.kind === 'chr' && file.inode.device.isTerminal;
  switch (cmd) {
    case TCGETS: {
      if (!isTty) return -ENOTTY;
      // struct termios (60 bytes) of a cooked terminal: ICRNL|IXON, OPOST|ONLCR, B38400|CS8|CREAD, ISIG|ICANON|ECHO...
      const t = new Uint8Array(60);
      const v = new DataView(t.buffer);
      v.setUint32(0, 0x500, true);
      v.setUint32(4, 0x5, true);
      v.setUint32(8, 0xbf, true);
      v.setUint32(12, 0x8a3b, true);
      return ctx.mm.write(argAddr(ctx, 2), t) ? 0 : -EFAULT;
    }
    case TIOCGWINSZ: {
      if (!isTty) return -ENOTTY;
      const w = new Uint8Array(8);
      const v = new DataView(w.buffer);
      v.setUint16(0, 24, true);
      v.setUint16(2, 80, true);
      return ctx.mm.write(argAddr(ctx, 2), w) ? 0 : -EFAULT;
    }
    case FIONREAD: {
      const b = new Uint8Array(4);
      new DataView(b.buffer).setInt32(0, file.inode.kind === 'file' ? Math.max(0, file.inode.size - file.offset) : 0, true);
      return ctx.mm.write(argAddr(ctx, 2), b) ? 0 : -EFAULT;
    }
    default:
      return -ENOTTY;
  }
}


