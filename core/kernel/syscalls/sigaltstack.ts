// sigaltstack(2): a per-thread alternate stack that handlers installed with SA_ONSTACK
// run on (kernel/signal.c do_sigaltstack). The classic use is a SIGSEGV handler that
// still has a stack to run on after the main stack overflowed.

import { EFAULT, EINVAL, ENOMEM, EPERM } from '../errno.js';
import type { AltStack, Task } from '../task.js';
import { argAddr, type SysCtx, type SysResult } from './context.js';

// include/uapi/linux/signal.h, arch/x86/include/uapi/asm/signal.h
export const SS_ONSTACK = 1;
export const SS_DISABLE = 2;
export const SS_AUTODISARM = 1 << 31;
/** The smallest alternate stack x86-64 accepts (MINSIGSTKSZ); arm64's is 5120 (KernelArch.minSigStackSize). */
export const MINSIGSTKSZ = 2048;

/** sas_ss_reset(): what execve and SS_AUTODISARM leave (a new task starts with flags 0 instead). */
export const NO_ALT_STACK: AltStack = { sp: 0, size: 0, flags: SS_DISABLE };

/** on_sig_stack(): is `sp` inside the task's alternate stack? (The top is inclusive: the stack grows down.) */
export function onAltStack(task: Task, sp: number): boolean {
  const a = task.altStack;
  // With SS_AUTODISARM the stack was disarmed on entry, so the task counts as off it.
  return a.size !== 0 && (a.flags & SS_AUTODISARM) === 0 && sp > a.sp && sp - a.sp <= a.size;
}

/** sas_ss_flags(): SS_DISABLE without a stack, SS_ONSTACK while running on it, else 0. */
export function altStackFlags(task: Task, sp: number): number {
  if (task.altStack.size === 0) return SS_DISABLE;
  return onAltStack(task, sp) ? SS_ONSTACK : 0;
}

/**
 * A stack_t. sigaltstack's old value reports sas_ss_flags(sp) | the stored flags; a
 * signal frame's uc_stack (__save_altstack, sp = null) holds the stored flags alone.
 */
export function encodeStack(task: Task, sp: number | null): Uint8Array {
  const b = new Uint8Array(24);
  const v = new DataView(b.buffer);
  v.setBigUint64(0, BigInt(task.altStack.sp), true);
  v.setUint32(8, ((sp === null ? 0 : altStackFlags(task, sp)) | task.altStack.flags) >>> 0, true);
  v.setBigUint64(16, BigInt(task.altStack.size), true);
  return b;
}

/** Install the stack_t in `b` as do_sigaltstack does (`minSize`: the arch's MINSIGSTKSZ); returns 0 or -errno. */
export function setAltStack(task: Task, b: Uint8Array, sp: number, minSize = MINSIGSTKSZ): number {
  const v = new DataView(b.buffer, b.byteOffset, 24);
  const ssSp = Number(BigInt.asIntN(64, v.getBigUint64(0, true)));
  const flags = v.getInt32(8, true);
  const size = Number(v.getBigUint64(16, true));
  // Changing the stack while running on it would pull it from under the handler.
  if (onAltStack(task, sp)) return -EPERM;
  const mode = flags & ~SS_AUTODISARM;
  if (mode !== SS_DISABLE && mode !== SS_ONSTACK && mode !== 0) return -EINVAL;
  // The flags are kept as given (SS_ONSTACK included), as do_sigaltstack stores them.
  if (mode === SS_DISABLE) {
    task.altStack = { sp: 0, size: 0, flags };
    return 0;
  }
  if (size < minSize) return -ENOMEM;
  task.altStack = { sp: ssSp, size, flags };
  return 0;
}

export function sysSigaltstack(ctx: SysCtx): SysResult {
  const ss = argAddr(ctx, 0);
  const oss = argAddr(ctx, 1);
  // current_user_stack_pointer(): RSP or SP_EL0 as the syscall's trap saved it.
  const sp = Number(BigInt.asIntN(64, ctx.k.trapFrame(ctx.task).stackPointer()));
  const old = encodeStack(ctx.task, sp);
  if (ss !== 0) {
    const b = ctx.mm.read(ss, 24);
    if (!b) return -EFAULT;
    const err = setAltStack(ctx.task, b, sp, ctx.k.archOps.minSigStackSize);
    if (err !== 0) return err;
  }
  if (oss !== 0 && !ctx.mm.write(oss, old)) return -EFAULT;
  return 0;
}
