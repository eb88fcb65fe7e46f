// Generating and delivering signals (kernel/signal.c, arch/x86/kernel/signal.c):
// pending queues, the choice of the next signal, default actions, handler frames,
// and the syscall-restart rules of signal(7) (ERESTARTSYS & co).

import type { HookStop, SignalStack, TrapFrame } from './kernel-arch.js';
import { formatSignalLine } from '../trace/strace-format.js';
import { EINTR, ERESTARTNOHAND, ERESTARTNOINTR, ERESTARTSYS, ERESTART_RESTARTBLOCK } from './errno.js';
import type { Kernel } from './kernel.js';
import { SIGKILL, SIGSEGV, signalDefaultAction, signalName } from './signal-names.js';
import { SA_NODEFER, SA_ONSTACK, SA_RESETHAND, SA_RESTART, SA_RESTORER, SA_SIGINFO, sigBit } from './sigaction-flags.js';
import { altStackFlags, encodeStack, NO_ALT_STACK, setAltStack, SS_AUTODISARM } from './syscalls/sigaltstack.js';
import type { PendingSignal, Process, Task } from './task.js';
import { prepareSignal, stopProcess } from './job-control.js';

void SA_SIGINFO; // x86-64 always builds the full rt frame; the flag only changes the handler's prototype

/** kill(2)-style: queue on the process; wake a task that does not block it. */
export function sendSignalToProcess(k: Kernel, proc: Process, info: PendingSignal): void {
  if (proc.exitStatus !== null) return;
  // SIGKILL is never delivered to a handler: the process dies the next time it would
  // run (or as the current syscall ends), and strace shows no signal line for it.
  if (info.signo === SIGKILL) {
    proc.sharedPending.push(info);
    for (const t of proc.tasks) if (t.state === 'sleeping' || t.state === 'stopped') k.makeRunnable(t);
    return;
  }
  prepareSignal(k, proc, info.signo, sendSignalToProcess);
  // Standard signals do not queue: a second instance while one is pending is merged.
  if (info.signo < 32 && proc.sharedPending.some((s) => s.signo === info.signo)) return;
  proc.sharedPending.push(info);
  wakeFor(k, proc, info.signo);
}

export function sendSignalToTask(k: Kernel, task: Task, info: PendingSignal): void {
  if (info.signo === SIGKILL) {
    sendSignalToProcess(k, task.proc, info);
    return;
  }
  prepareSignal(k, task.proc, info.signo, sendSignalToProcess);
  if (info.signo < 32 && task.pending.some((s) => s.signo === info.signo)) return;
  task.pending.push(info);
  wakeFor(k, task.proc, info.signo, task);
}

function wakeFor(k: Kernel, proc: Process, signo: number, only?: Task): void {
  for (const t of proc.tasks) {
    if (only && t !== only) continue;
    if (signo === SIGKILL || (t.blocked & sigBit(signo)) === 0n) {
      if (t.state === 'sleeping') k.makeRunnable(t);
      return;
    }
  }
}

/** A synchronous fault: it cannot be blocked or ignored (force_sig_fault). */
export function forceSignal(k: Kernel, task: Task, info: PendingSignal): void {
  const action = task.proc.handlers.actions[info.signo]!;
  if ((task.blocked & sigBit(info.signo)) !== 0n || action.handler === 1n) {
    task.blocked &= ~sigBit(info.signo);
    task.proc.handlers.actions[info.signo] = { handler: 0n, flags: 0n, restorer: 0n, mask: 0n };
  }
  task.pending.push(info);
  void k;
}

export function killPending(proc: Process): boolean {
  return proc.sharedPending.length !== 0 && proc.sharedPending.some((s) => s.signo === SIGKILL);
}

/** Is there a signal the task would take now (it is pending and not blocked)? */
export function hasDeliverable(k: Kernel, task: Task): boolean {
  return k.pendingFor(task).some((s) => s.signo === SIGKILL || (task.blocked & sigBit(s.signo)) === 0n);
}

function dequeue(task: Task): PendingSignal | null {
  // Synchronous (task-directed) signals first, then the lowest-numbered shared one.
  const pick = (list: PendingSignal[]): PendingSignal | null => {
    let best: PendingSignal | null = null;
    for (const s of list) if ((s.signo === SIGKILL || (task.blocked & sigBit(s.signo)) === 0n) && (!best || s.signo < best.signo)) best = s;
    if (best) list.splice(list.indexOf(best), 1);
    return best;
  };
  return pick(task.pending) ?? pick(task.proc.sharedPending);
}

function traceSignal(k: Kernel, task: Task, info: PendingSignal, disposition: 'handler' | 'default-terminate' | 'default-core' | 'ignore' | 'stop'): void {
  const line = formatSignalLine({ signo: info.signo, code: info.code, pid: info.pid, uid: info.uid, ...(info.addr !== null ? { addr: info.addr } : {}), ...(info.status !== undefined ? { status: info.status } : {}) });
  k.emit({
    type: 'signal',
    pid: task.proc.pid,
    tid: task.tid,
    signo: info.signo,
    name: signalName(info.signo) ?? `SIG${info.signo}`,
    code: String(info.code),
    addr: info.addr === null ? null : `0x${info.addr.toString(16)}`,
    disposition,
    line,
  });
}

/** Restart bookkeeping for a syscall the signal interrupted (handle_signal in arch/x86/kernel/signal.c). */
function fixSyscallRestart(task: Task, regs: TrapFrame, withHandler: boolean, restartFlag: boolean): void {
  const ret = regs.resultNumber();
  // Fast exit for every result that is not one of the ERESTART* codes (512..516).
  if (ret > -ERESTARTSYS || ret < -ERESTART_RESTARTBLOCK) return;
  const restart = () => regs.rewindSyscall();
  switch (-ret) {
    case ERESTART_RESTARTBLOCK:
      if (withHandler) {
        regs.setResult(BigInt(-EINTR));
        task.syscallState = null;
        task.restartBlock = null;
      } else {
        // The interrupted call resumes through restart_syscall.
        regs.rewindToRestartSyscall();
      }
      return;
    case ERESTARTNOHAND:
      if (withHandler) regs.setResult(BigInt(-EINTR));
      else restart();
      return;
    case ERESTARTSYS:
      if (withHandler && !restartFlag) regs.setResult(BigInt(-EINTR));
      else restart();
      return;
    case ERESTARTNOINTR:
      restart();
      return;
  }
}

/**
 * exit_to_user_mode: deliver one pending signal. Returns a StopReason when the
 * process died; sets the hook's return so the entry code leaves by IRET whenever
 * the registers were rewritten.
 */
export function exitToUserMode(k: Kernel, task: Task, regs: TrapFrame, inSyscall: boolean): HookStop | void {
  // The common case: nothing pending for this task or its process.
  if (task.pending.length === 0 && task.proc.sharedPending.length === 0) {
    if (inSyscall) fixSyscallRestart(task, regs, false, false);
    return;
  }
  for (;;) {
    const info = dequeue(task);
    if (!info) break;
    if (info.signo === SIGKILL) {
      k.killProcess(task.proc, SIGKILL, false);
      return { kind: 'hook', value: 'exited' };
    }
    const action = task.proc.handlers.actions[info.signo]!;
    if (action.handler === 1n) {
      traceSignal(k, task, info, 'ignore');
      continue;
    }
    if (action.handler === 0n) {
      const def = signalDefaultAction(info.signo);
      if (def === 'Stop') {
        traceSignal(k, task, info, 'stop');
        return stopProcess(k, task, info.signo, inSyscall, sendSignalToProcess);
      }
      if (def === 'Ign' || def === 'Cont') {
        traceSignal(k, task, info, 'ignore');
        continue;
      }
      traceSignal(k, task, info, def === 'Core' ? 'default-core' : 'default-terminate');
      // RLIMIT_CORE is 0 (the usual default), so a Core action kills without a dump, as strace reports natively.
      k.killProcess(task.proc, info.signo, false);
      return { kind: 'hook', value: 'exited' };
    }
    // A handler: fix up an interrupted syscall, then build the frame.
    if (inSyscall) fixSyscallRestart(task, regs, true, (action.flags & SA_RESTART) !== 0n);
    if ((action.flags & SA_RESTORER) === 0n && !k.archOps.hasSigreturnTrampoline) {
      // x86-64 has no kernel-provided trampoline: without sa_restorer the frame cannot return.
      traceSignal(k, task, info, 'handler');
      forceSignal(k, task, { signo: SIGSEGV, code: 0x80, pid: 0, uid: 0, addr: 0n });
      continue;
    }
    // After sigsuspend the frame keeps the mask from before it, so sigreturn restores that.
    const oldMask = task.savedMask ?? task.blocked;
    task.savedMask = null;
    const restorer = (action.flags & SA_RESTORER) !== 0n ? action.restorer : null;
    const ok = k.archOps.setupSignalFrame(task, task.proc.mm, info, action.handler, restorer, oldMask, frameStack(task, regs, action.flags, k.archOps.signalRedZone));
    traceSignal(k, task, info, 'handler');
    if (!ok) {
      // force_sigsegv: a SIGSEGV handler that cannot get a frame is reset, or this would never end.
      if (info.signo === SIGSEGV) task.proc.handlers.actions[SIGSEGV] = { handler: 0n, flags: 0n, restorer: 0n, mask: 0n };
      forceSignal(k, task, { signo: SIGSEGV, code: 0x80, pid: 0, uid: 0, addr: 0n });
      continue;
    }
    k.counters.signalsDelivered++;
    k.meter.charge('signalDelivery');
    task.blocked |= action.mask | ((action.flags & SA_NODEFER) === 0n ? sigBit(info.signo) : 0n);
    if ((action.flags & SA_RESETHAND) !== 0n) task.proc.handlers.actions[info.signo] = { handler: 0n, flags: 0n, restorer: 0n, mask: 0n };
    return;
  }
  if (inSyscall) fixSyscallRestart(task, regs, false, false);
}

/**
 * get_sigframe's stack choice: with SA_ONSTACK and an alternate stack the task is not
 * already on, the frame goes at the alternate stack's top (no red zone there). The
 * frame's uc_stack saves the settings; SS_AUTODISARM clears them while the handler runs.
 */
function frameStack(task: Task, regs: TrapFrame, flags: bigint, redZone: number): SignalStack {
  const sp = Number(BigInt.asIntN(64, regs.stackPointer()));
  const stack: SignalStack = { altTop: null, ucStack: encodeStack(task, null) };
  // x86-64 tests sp below the red zone; arm64's sigsp() tests regs->sp itself.
  if ((flags & SA_ONSTACK) !== 0n && altStackFlags(task, sp - redZone) === 0) {
    stack.altTop = BigInt(task.altStack.sp + task.altStack.size);
    if (task.altStack.flags & SS_AUTODISARM) task.altStack = { ...NO_ALT_STACK };
  }
  return stack;
}

/** A task continued after a stop finishes the exit work it stopped in (get_signal's loop goes on). */
export function resumeAfterStop(k: Kernel, task: Task): HookStop | void {
  const pending = task.stopResume;
  if (!pending) return;
  task.stopResume = null;
  return exitToUserMode(k, task, k.trapFrame(task), pending.inSyscall);
}

/** rt_sigreturn(2): restore what the frame saved; a corrupt frame is SIGSEGV. */
export function sigreturn(k: Kernel, task: Task): bigint {
  const restored = k.archOps.restoreSignalFrame(task, task.proc.mm);
  if (!restored) {
    forceSignal(k, task, { signo: SIGSEGV, code: 0x80, pid: 0, uid: 0, addr: 0n });
    return k.trapFrame(task).result();
  }
  task.blocked = restored.mask & ~(sigBit(SIGKILL) | sigBit(19));
  // restore_altstack: put back the settings saved in uc_stack; its errors are ignored, as in Linux.
  if (restored.ucStack) setAltStack(task, restored.ucStack, Number(BigInt.asIntN(64, k.trapFrame(task).stackPointer())), k.archOps.minSigStackSize);
  return restored.ret;
}
