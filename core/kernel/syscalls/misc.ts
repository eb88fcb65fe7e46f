// uname and arch_prctl.

import { encodeUtf8 } from '../../util/utf8.js';
import { EFAULT, EINVAL, ENAMETOOLONG, EPERM, ERANGE } from '../errno.js';
import { argAddr, argNum, type SysCtx, type SysResult } from './context.js';
import type { Kernel } from '../kernel.js';
import type { Task } from '../task.js';
import * as L from '../x86_64/layout.js';

export const UTS = {
  sysname: 'Linux',
  nodename: 'syscall-lab',
  release: '6.1.0-syscall-lab',
  version: '#1 SMP PREEMPT_DYNAMIC Syscall Lab',
};

export function sysUname(ctx: SysCtx): SysResult {
  const buf = new Uint8Array(6 * 65);
  const fields = [UTS.sysname, UTS.nodename, UTS.release, UTS.version, ctx.arch === 'x86_64' ? 'x86_64' : 'aarch64', '(none)'];
  fields.forEach((f, i) => buf.set(encodeUtf8(f).subarray(0, 64), i * 65));
  return ctx.mm.write(argAddr(ctx, 0), buf) ? 0 : -EFAULT;
}

// arch/x86/include/uapi/asm/prctl.h
export const ARCH_SET_GS = 0x1001;
export const ARCH_SET_FS = 0x1002;
export const ARCH_GET_FS = 0x1003;
export const ARCH_GET_GS = 0x1004;

/** The user's FS/GS base: FS is loaded at every switch; in the kernel the user GS sits in KERNEL_GS_BASE. */
function setThreadBase(k: Kernel, task: Task, which: 'fs' | 'gs', base: number): void {
  if (which === 'fs') {
    task.fsBase = base;
    if (task === k.current) k.x86.cpu.setMsr(L.MSR_FS_BASE, BigInt.asUintN(64, BigInt(base)));
  } else if (task === k.current) {
    // In the kernel the user's GS base is parked in KERNEL_GS_BASE until swapgs.
    k.x86.cpu.setMsr(L.MSR_KERNEL_GS_BASE, BigInt.asUintN(64, BigInt(base)));
  }
}

function threadBase(k: Kernel, task: Task, which: 'fs' | 'gs'): number {
  if (which === 'fs') return task.fsBase;
  return task === k.current ? Number(BigInt.asIntN(64, k.x86.cpu.msr(L.MSR_KERNEL_GS_BASE))) : 0;
}

export function sysArchPrctl(ctx: SysCtx): SysResult {
  const code = argNum(ctx, 0);
  const addr = ctx.args[1]!;
  switch (code) {
    case ARCH_SET_FS:
    case ARCH_SET_GS: {
      // Linux refuses bases outside the user half (TASK_SIZE_MAX).
      if (addr >= 0x7ffffffff000n) return -EPERM;
      setThreadBase(ctx.k, ctx.task, code === ARCH_SET_FS ? 'fs' : 'gs', Number(addr));
      return 0;
    }
    case ARCH_GET_FS:
    case ARCH_GET_GS: {
      const b = new Uint8Array(8);
      new DataView(b.buffer).setBigUint64(0, BigInt(threadBase(ctx.k, ctx.task, code === ARCH_GET_FS ? 'fs' : 'gs')), true);
      return ctx.mm.write(argAddr(ctx, 1), b) ? 0 : -EFAULT;
    }
    default:
      return -EINVAL;
  }
}

/** getrusage(2): times from the cost model, faults and context switches as counted. */
export function sysGetrusage(ctx: SysCtx): SysResult {
  const who = argNum(ctx, 0);
  const RUSAGE_SELF = 0;
  const RUSAGE_CHILDREN = -1;
  const RUSAGE_THREAD = 1;
  if (who !== RUSAGE_SELF && who !== RUSAGE_CHILDREN && who !== RUSAGE_THREAD) return -EINVAL;
  const tasks = who === RUSAGE_THREAD ? [ctx.task] : who === RUSAGE_SELF ? ctx.proc.tasks : [];
  const cyclesPerUs = ctx.k.meter.table.cyclesPerNs * 1000;
  const sum = (f: (t: (typeof tasks)[number]) => number) => tasks.reduce((n, t) => n + f(t), 0);
  const b = new Uint8Array(144);
  const v = new DataView(b.buffer);
  const tv = (off: number, us: number) => {
    v.setBigInt64(off, BigInt(Math.floor(us / 1e6)), true);
    v.setBigInt64(off + 8, BigInt(Math.floor(us % 1e6)), true);
  };
  tv(0, sum((t) => t.rusage.userCycles) / cyclesPerUs);
  tv(16, sum((t) => t.rusage.systemCycles) / cyclesPerUs);
  v.setBigInt64(32, BigInt(Math.ceil(ctx.mm.committed / 1024)), true); // ru_maxrss (KiB)
  v.setBigInt64(64, BigInt(who === RUSAGE_CHILDREN ? 0 : ctx.proc.minorFaults), true); // ru_minflt
  v.setBigInt64(128, BigInt(sum((t) => t.rusage.voluntarySwitches)), true); // ru_nvcsw
  v.setBigInt64(136, BigInt(sum((t) => t.rusage.involuntarySwitches)), true); // ru_nivcsw
  return ctx.mm.write(argAddr(ctx, 1), b) ? 0 : -EFAULT;
}

/** getrandom(2) from the run's seeded generator. */
export function sysGetrandom(ctx: SysCtx): SysResult {
  const n = Math.min(argNum(ctx, 1), 33554431);
  if (n < 0) return -EINVAL;
  return ctx.mm.write(argAddr(ctx, 0), ctx.k.rng.bytes(n)) ? n : -EFAULT;
}

export function sysGetcwd(ctx: SysCtx): SysResult {
  const path = encodeUtf8(ctx.proc.cwd + '\0');
  if (argNum(ctx, 1) < path.length) return -ERANGE;
  return ctx.mm.write(argAddr(ctx, 0), path) ? path.length : -EFAULT;
}

export function sysChdir(ctx: SysCtx): SysResult {
  const path = ctx.mm.readCString(argAddr(ctx, 0), 4096);
  if (path === null) return -EFAULT;
  if (path === 'long') return -ENAMETOOLONG;
  const files = ctx.k.files;
  const dir = files.vfs.chdir(path, files.pathContext(ctx.proc));
  if (typeof dir === 'number') return dir;
  ctx.proc.cwd = path.startsWith('/') ? path : `${ctx.proc.cwd.replace(/\/$/, '')}/${path}`;
  return 0;
}

/** personality(2): 0xffffffff queries; ADDR_NO_RANDOMIZE (0x0040000) takes effect at the next execve. */
export function sysPersonality(ctx: SysCtx): SysResult {
  const old = ctx.proc.personality;
  const next = argNum(ctx, 0) >>> 0;
  if (next !== 0xffffffff) ctx.proc.personality = next;
  return old;
}
