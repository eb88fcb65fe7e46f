// The kernel's trap handlers behind the exception and timer entry stubs: page faults
// become demand paging or SIGSEGV, other exceptions become signals, the timer fires
// alarms, wakes sleepers and preempts.

import type { StopReason } from '../arch/x86_64/cpu.js';
import { VEC_PF } from '../mm/x86-64/fault.js';
import type { Kernel } from './kernel.js';
import { exitToUserMode, forceSignal, sendSignalToProcess } from './signal-delivery.js';
import { SIGALRM } from './signal-names.js';
import type { Task } from './task.js';
import { faultSignal } from './x86_64/faults.js';

const TIMESLICE_TICKS = 4;

/**
 * An exception or interrupt crosses the boundary through the IDT and leaves by IRET:
 * the gate's cost in, a mode switch out, and with page-table isolation a CR3 write each way.
 */
function chargeTrapEntryExit(k: Kernel): void {
  k.meter.charge('interruptGate');
  k.meter.charge('modeSwitchExit');
  if (k.meter.table.pageTableIsolation) k.meter.charge('cr3Switch', 2);
}

export function handleException(k: Kernel, task: Task): StopReason | void {
  k.counters.exceptions++;
  chargeTrapEntryExit(k);
  const cpu = k.x86.cpu;
  const vector = Number(cpu.getReg(6)); // RSI = vector, set by the stub
  const regs = k.ptRegs(task);
  const fromUser = (regs.get('cs') & 3n) === 3n;
  if (!fromUser) {
    return { kind: 'hook', value: `panic: kernel-mode exception ${vector} at 0x${regs.get('rip').toString(16)}` };
  }
  if (vector === VEC_PF) {
    const addr = cpu.cr2;
    const err = Number(regs.get('orig_rax'));
    const access = err & 0x10 ? 'exec' : err & 2 ? 'write' : 'read';
    const outcome = task.proc.mm.handleFault(addr, access);
    if (outcome === 'mapped') {
      k.meter.charge('pageFault');
      task.proc.minorFaults++;
      k.emit({ type: 'page-fault', pid: task.proc.pid, addr: `0x${BigInt.asUintN(64, BigInt(addr)).toString(16)}`, minor: true, cycles: k.meter.table.pageFault });
      return exitToUserMode(k, task, regs, false);
    }
    forceSignal(k, task, faultSignal(vector, outcome, addr, regs));
  } else {
    forceSignal(k, task, faultSignal(vector, 'maperr', 0, regs));
  }
  return exitToUserMode(k, task, regs, false);
}

export function handleTimer(k: Kernel, task: Task): StopReason | void {
  k.counters.timerInterrupts++;
  chargeTrapEntryExit(k);
  const regs = k.trapFrame(task);
  fireTimers(k);
  if (++k.sliceTicks >= TIMESLICE_TICKS && k.runQueue.some((t) => t.state === 'runnable')) {
    k.sliceTicks = 0;
    task.rusage.involuntarySwitches++;
    const s = exitToUserMode(k, task, regs, false);
    if (s) return s;
    return { kind: 'hook', value: 'preempt' };
  }
  return exitToUserMode(k, task, regs, false);
}

/** Alarms and interval timers that are due. */
export function fireTimers(k: Kernel): void {
  const now = k.monotonicNs();
  for (const proc of k.processes.values()) {
    if (proc.alarmAt !== null && proc.exitStatus === null && now >= proc.alarmAt) {
      proc.alarmAt = proc.itimerInterval > 0 ? proc.alarmAt + proc.itimerInterval : null;
      sendSignalToProcess(k, proc, { signo: SIGALRM, code: 0x80, pid: 0, uid: 0, addr: null });
    }
  }
  for (const t of k.tasks.values()) {
    if (t.state === 'sleeping' && t.wakeAt !== null && now >= t.wakeAt) k.makeRunnable(t);
  }
}
