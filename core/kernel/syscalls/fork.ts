// Creating and replacing processes: fork, vfork, clone (processes and threads),
// execve from the in-memory file system, and wait4.

import { EAGAIN, ECHILD, EFAULT, EINVAL, ENOEXEC, EACCES, E2BIG } from '../errno.js';
import { ExecError, loadImage, replaceImage } from '../exec.js';
import type { Process } from '../task.js';
import type { AddressSpace } from '../mm/address-space.js';
import { argAddr, argNum, BLOCK, type SysCtx, type SysResult } from './context.js';
import { decodeUtf8 } from '../../util/utf8.js';

// include/uapi/linux/sched.h
export const CLONE_VM = 0x100;
export const CLONE_FS = 0x200;
export const CLONE_FILES = 0x400;
export const CLONE_SIGHAND = 0x800;
export const CLONE_VFORK = 0x4000;
export const CLONE_THREAD = 0x10000;
export const CLONE_SETTLS = 0x80000;
export const CLONE_PARENT_SETTID = 0x100000;
export const CLONE_CHILD_CLEARTID = 0x200000;
export const CLONE_CHILD_SETTID = 0x1000000;
const SIGCHLD = 17;

function liveProcesses(ctx: SysCtx): number {
  let n = 0;
  for (const p of ctx.k.processes.values()) if (p.exitStatus === null) n++;
  return n;
}

function writeTid(mm: AddressSpace, addr: bigint, tid: number): boolean {
  const b = new Uint8Array(4);
  new DataView(b.buffer).setInt32(0, tid, true);
  return mm.write(Number(BigInt.asIntN(64, addr)), b);
}

/** The heart of fork/vfork/clone (kernel/fork.c kernel_clone). */
function cloneTask(ctx: SysCtx, flags: number, newSp: bigint, parentTid: bigint, childTid: bigint, tls: bigint): SysResult {
  const k = ctx.k;
  if (flags & CLONE_THREAD && (flags & (CLONE_VM | CLONE_SIGHAND)) !== (CLONE_VM | CLONE_SIGHAND)) return -EINVAL;
  if (flags & CLONE_SIGHAND && !(flags & CLONE_VM)) return -EINVAL;
  // Without CLONE_SETTLS the child inherits the thread pointer the caller has now.
  const fsBase = flags & CLONE_SETTLS ? Number(BigInt.asIntN(64, tls)) : k.archOps.userTls();
  if (flags & CLONE_THREAD) {
    if (k.tasks.size >= k.limits.processes * 4) return -EAGAIN;
    const tid = k.allocPid();
    const task = k.newTask(ctx.proc, tid, k.archOps.childContext(ctx.task, newSp, fsBase));
    task.blocked = ctx.task.blocked;
    if (flags & CLONE_PARENT_SETTID) writeTid(ctx.mm, parentTid, tid);
    if (flags & CLONE_CHILD_SETTID) writeTid(ctx.mm, childTid, tid);
    if (flags & CLONE_CHILD_CLEARTID) task.clearChildTid = childTid;
    return tid;
  }
  // A new process. Sharing an address space without a thread group (CLONE_VM alone,
  // vfork's trick) is modelled as a copy: the child gets its own pages.
  if (liveProcesses(ctx) >= k.limits.processes) return -EAGAIN;
  const mm = k.newAddressSpace();
  ctx.mm.cloneInto(mm);
  const child: Process = k.newProcess(ctx.proc, mm);
  child.exe = ctx.proc.exe;
  k.files.fork(ctx.proc, child);
  const task = k.newTask(child, child.pid, k.archOps.childContext(ctx.task, newSp, fsBase));
  task.blocked = ctx.task.blocked;
  // A forked child keeps the alternate stack (a new thread starts without one: copy_process).
  task.altStack = { ...ctx.task.altStack };
  if (flags & CLONE_PARENT_SETTID) writeTid(ctx.mm, parentTid, child.pid);
  if (flags & CLONE_CHILD_SETTID) writeTid(mm, childTid, child.pid); // in the child's copy
  if (flags & CLONE_CHILD_CLEARTID) task.clearChildTid = childTid;
  return child.pid;
}

export const sysFork = (ctx: SysCtx): SysResult => cloneTask(ctx, SIGCHLD, 0n, 0n, 0n, 0n);
export const sysVfork = (ctx: SysCtx): SysResult => cloneTask(ctx, CLONE_VFORK | SIGCHLD, 0n, 0n, 0n, 0n);

/**
 * clone(flags, newsp, parent_tid, child_tid, tls) on x86-64; arm64 swaps the last two,
 * (flags, newsp, parent_tid, tls, child_tid) (clone(2), NOTES; CONFIG_CLONE_BACKWARDS).
 */
export function sysClone(ctx: SysCtx): SysResult {
  const [flags, newSp, ptid, fourth, fifth] = ctx.args as [bigint, bigint, bigint, bigint, bigint];
  const [ctid, tls] = ctx.arch === 'arm64' ? [fifth, fourth] : [fourth, fifth];
  return cloneTask(ctx, Number(flags & 0xffffffffn), newSp, ptid, ctid, tls);
}

function readStringArray(ctx: SysCtx, addr: number): string[] | number {
  const out: string[] = [];
  if (addr === 0) return out;
  for (let i = 0; i < 1024; i++) {
    const p = ctx.mm.read(addr + i * 8, 8);
    if (!p) return -EFAULT;
    const ptr = Number(new DataView(p.buffer).getBigInt64(0, true));
    if (ptr === 0) return out;
    const s = ctx.mm.readCString(ptr, 128 * 1024);
    if (s === null) return -EFAULT;
    if (s === 'long') return -E2BIG;
    out.push(s);
  }
  return -E2BIG;
}

/** execve(2) from the in-memory file system. */
export function sysExecve(ctx: SysCtx): SysResult {
  const k = ctx.k;
  const path = ctx.mm.readCString(argAddr(ctx, 0), 4096);
  if (path === null) return -EFAULT;
  if (path === 'long') return -E2BIG;
  const argv = readStringArray(ctx, argAddr(ctx, 1));
  if (typeof argv === 'number') return argv;
  const envp = readStringArray(ctx, argAddr(ctx, 2));
  if (typeof envp === 'number') return envp;
  const inode = k.files.vfs.lookup(path, k.files.pathContext(ctx.proc));
  if (typeof inode === 'number') return inode;
  if (inode.kind !== 'file') return -EACCES;
  if ((inode.meta.mode & 0o111) === 0) return -EACCES;
  const bytes = inode.read(0, inode.size);
  if (bytes.length < 4 || bytes[0] !== 0x7f || decodeUtf8(bytes.subarray(1, 4)) !== 'ELF') return -ENOEXEC;
  let loaded;
  try {
    loaded = loadImage(k, { bytes, path, inode: Number(inode.meta.ino) }, argv, envp, ctx.proc.personality);
  } catch (err) {
    if (err instanceof ExecError) return -ENOEXEC;
    throw err;
  }
  replaceImage(k, ctx.task, loaded.mm, loaded.loaded, path, argv);
  return 0;
}

// include/uapi/linux/wait.h
const WNOHANG = 1;
const WUNTRACED = 2;
const WCONTINUED = 8;

/** What wait4 can report about one child, in the order wait_consider_task checks: exit, stop, continue. */
function waitStatus(c: Process, options: number): { status: number; reap: boolean } | null {
  if (c.exitStatus !== null) return { status: c.exitSignal !== null ? c.exitSignal | (c.coreDumped ? 0x80 : 0) : (c.exitStatus & 0xff) << 8, reap: true };
  if (options & WUNTRACED && c.stopReport !== null) return { status: (c.stopReport << 8) | 0x7f, reap: false }; // WIFSTOPPED
  if (options & WCONTINUED && c.continuedReport) return { status: 0xffff, reap: false }; // WIFCONTINUED
  return null;
}

/** wait4(pid, wstatus, options, rusage): exited children, and stopped/continued ones when asked (wait(2)). */
export function sysWait4(ctx: SysCtx): SysResult {
  const want = argNum(ctx, 0);
  const statusAddr = argAddr(ctx, 1);
  const options = argNum(ctx, 2);
  const kids = ctx.proc.children.filter((c) => !c.reaped && (want === -1 || want === 0 || c.pid === want || (want < -1 && c.pid === -want)));
  if (kids.length === 0) return -ECHILD;
  let done: Process | undefined;
  let report: { status: number; reap: boolean } | null = null;
  for (const c of kids) {
    report = waitStatus(c, options);
    if (report) {
      done = c;
      break;
    }
  }
  if (!done || !report) {
    if (options & WNOHANG) return 0;
    ctx.task.waitingOn = `child:${ctx.proc.pid}`;
    return BLOCK;
  }
  if (statusAddr !== 0) {
    const b = new Uint8Array(4);
    new DataView(b.buffer).setInt32(0, report.status, true);
    if (!ctx.mm.write(statusAddr, b)) return -EFAULT;
  }
  const ru = argAddr(ctx, 3);
  if (ru !== 0 && !ctx.mm.write(ru, new Uint8Array(144))) return -EFAULT;
  // A stop or continue is reported once (the kernel clears the flag as it reports it).
  if (report.reap) ctx.k.reap(done);
  else if (report.status === 0xffff) done.continuedReport = false;
  else done.stopReport = null;
  return done.pid;
}

