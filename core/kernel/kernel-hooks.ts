// Which TypeScript runs behind each hook label of the entry code: the x86-64 labels
// (entry_64.S's C calls) and the arm64 ones (entry.S's el0t_64_* handlers).

import { handleEl0Irq, handleEl0Sync, handleEl1Sync } from './arm64/el0-handlers.js';
import type { CpuStop } from './kernel-arch.js';
import type { Kernel } from './kernel.js';
import { handleInt80, handleSyscall } from './syscall-entry.js';
import type { Task } from './task.js';
import { handleException, handleTimer } from './traps.js';

export function runKernelHook(k: Kernel, task: Task, label: string): CpuStop | void {
  switch (label) {
    case 'do_syscall_64':
      return handleSyscall(k, task, 'syscall');
    case 'do_int80_syscall_32':
      return handleInt80(k, task);
    case 'do_exception':
      return handleException(k, task);
    case 'do_timer_interrupt':
      return handleTimer(k, task);
    case 'el0t_64_sync_handler':
      return handleEl0Sync(k, task);
    case 'el0t_64_irq_handler':
      return handleEl0Irq(k, task);
    case 'el1h_64_sync_handler':
      return handleEl1Sync(k);
    default:
      return { kind: 'hook', value: `panic: unexpected exception (${label})` };
  }
}
