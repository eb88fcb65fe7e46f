// What a context switch costs and records: the register save/restore and scheduler
// work always, and a CR3 (TTBR0) write with its cold caches only when the address
// space really changes — never between threads, not even after a sibling died.

import type { Kernel } from './kernel.js';
import type { Task } from './task.js';

export function accountSwitch(k: Kernel, prev: Task | null, next: Task): void {
  const t = k.meter.table;
  k.counters.contextSwitches++;
  k.meter.charge('contextSwitchRegisters');
  k.meter.charge('schedule');
  const cr3Switched = k.archOps.currentRoot() !== next.proc.mm.root;
  if (cr3Switched) {
    k.counters.cr3Switches++;
    k.meter.charge('cr3Switch');
    k.meter.charge('contextSwitchCache');
  }
  if (!prev) return;
  const cycles = t.contextSwitchRegisters + t.schedule + (cr3Switched ? t.cr3Switch + t.contextSwitchCache : 0);
  k.emit({ type: 'context-switch', fromPid: prev.proc.pid, toPid: next.proc.pid, voluntary: prev.state === 'sleeping', cr3Switched, cycles });
}
