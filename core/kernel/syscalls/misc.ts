// uname and arch_prctl.

import { encodeUtf8 } from '../../util/utf8.js';
import { EFAULT, EINVAL, EPERM } from '../errno.js';
import { argAddr, argNum, type SysCtx, type SysResult } from './context.js';

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

export function sysArchPrctl(ctx: SysCtx): SysResult {
  const code = argNum(ctx, 0);
  const addr = ctx.args[1]!;
  switch (code) {
    case ARCH_SET_FS:
    case ARCH_SET_GS: {
      // Linux refuses bases outside the user half (TASK_SIZE_MAX).
      if (addr >= 0x7ffffffff000n) return -EPERM;
      ctx.k.setThreadBase(ctx.task, code === ARCH_SET_FS ? 'fs' : 'gs', Number(addr));
      return 0;
    }
    case ARCH_GET_FS:
    case ARCH_GET_GS: {
      const b = new Uint8Array(8);
      new DataView(b.buffer).setBigUint64(0, BigInt(ctx.k.threadBase(ctx.task, code === ARCH_GET_FS ? 'fs' : 'gs')), true);
      return ctx.mm.write(argAddr(ctx, 1), b) ? 0 : -EFAULT;
    }
    default:
      return -EINVAL;
  }
}
