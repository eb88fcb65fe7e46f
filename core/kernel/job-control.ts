// Job control (signal(7) "Stop" and "Cont" actions; kernel/signal.c prepare_signal,
// do_signal_stop, do_notify_parent_cldstop): a stop signal's default action stops
// every thread of the process, SIGCONT resumes them, and the parent hears of both
// through SIGCHLD (CLD_STOPPED / CLD_CONTINUED) and wait4's WUNTRACED / WCONTINUED.

import type { HookStop } from './kernel-arch.js';
import type { Kernel } from './kernel.js';
import { SA_NOCLDSTOP } from './sigaction-flags.js';
import { CLD_CONTINUED, CLD_STOPPED, SIGCHLD, SIGCONT, SIGSTOP, SIGTSTP, SIGTTIN, SIGTTOU, signalName } from './signal-names.js';
import type { PendingSignal, Process, Task } from './task.js';

/** How a SIGCHLD reaches the parent (signal-delivery's sendSignalToProcess). */
export type SendSignal = (k: Kernel, proc: Process, info: PendingSignal) => void;

export function isStopSignal(signo: number): boolean {
  return signo === SIGSTOP || signo === SIGTSTP || signo === SIGTTIN || signo === SIGTTOU;
}

function discard(proc: Process, drop: (signo: number) => boolean): void {
  proc.sharedPending = proc.sharedPending.filter((s) => !drop(s.signo));
  for (const t of proc.tasks) t.pending = t.pending.filter((s) => !drop(s.signo));
}

/** CLD_STOPPED / CLD_CONTINUED to the parent, unless its SIGCHLD action has SA_NOCLDSTOP (sigaction(2)). */
function notifyParent(k: Kernel, proc: Process, code: number, signo: number, send: SendSignal): void {
  const parent = proc.parent;
  if (!parent || parent.exitStatus !== null) return;
  if ((parent.handlers.actions[SIGCHLD]!.flags & SA_NOCLDSTOP) === 0n) {
    send(k, parent, { signo: SIGCHLD, code, pid: proc.pid, uid: 1000, addr: null, status: signo });
  }
  k.wake(`child:${parent.pid}`); // a wait4 with WUNTRACED / WCONTINUED may now return
}

/**
 * At generation time (prepare_signal): SIGCONT cancels pending stop signals and resumes
 * a stopped process, whatever its SIGCONT disposition; a stop signal cancels a pending SIGCONT.
 */
export function prepareSignal(k: Kernel, proc: Process, signo: number, send: SendSignal): void {
  if (isStopSignal(signo)) {
    discard(proc, (s) => s === SIGCONT);
    return;
  }
  if (signo !== SIGCONT) return;
  discard(proc, isStopSignal);
  if (!proc.stopped) return;
  proc.stopped = false;
  proc.stopReport = null;
  proc.continuedReport = true;
  for (const t of proc.tasks) if (t.state === 'stopped') k.makeRunnable(t);
  notifyParent(k, proc, CLD_CONTINUED, SIGCONT, send);
}

/**
 * do_signal_stop: the whole thread group stops. The current task leaves the CPU with
 * its kernel exit work unfinished; resumeAfterStop finishes it once SIGCONT arrives.
 */
export function stopProcess(k: Kernel, task: Task, signo: number, inSyscall: boolean, send: SendSignal): HookStop {
  const proc = task.proc;
  proc.stopped = true;
  proc.stopReport = signo;
  proc.continuedReport = false;
  for (const t of proc.tasks) {
    // A sleeping thread retries its call when continued (its hook is re-armed already).
    if (t.state === 'runnable' || t.state === 'sleeping') {
      t.state = 'stopped';
      t.waitingOn = null;
    }
  }
  task.stopResume = { inSyscall };
  const name = signalName(signo) ?? `SIG${signo}`;
  k.emit({ type: 'stop', pid: proc.pid, tid: task.tid, signo, name, line: `--- stopped by ${name} ---` });
  notifyParent(k, proc, CLD_STOPPED, signo, send);
  // x86-64: the exit path after the hook must IRET, as pt_regs may be rewritten when the
  // task resumes (arm64's kernel_exit always restores everything and erets).
  if (k.arch === 'x86_64') k.x86.setHookReturn(0);
  return { kind: 'hook', value: 'blocked' };
}
