// What the program saw, as opposed to the order the kernel traced it. An interrupted
// call is traced where it stopped (`read(...) = ? ERESTARTSYS`, as strace prints it),
// then comes the signal, then `rt_sigreturn(...) = -1 EINTR`: only at that point does
// the call's result become EINTR for the program (signal(7) "Interruption of system
// calls"). Checks run on this view, so `{ name: read, errno: EINTR }` after the signal
// matches, exactly as a student reading the trace would expect.

import type { RunEvent } from '../../../core/trace/events.js';

type SyscallEvent = RunEvent & { type: 'syscall' };

// Kernel-internal restart codes (include/linux/errno.h); never seen by user space.
const RESTART_CODES = /^(ERESTARTSYS|ERESTARTNOINTR|ERESTARTNOHAND|ERESTART_RESTARTBLOCK)$/;
const EINTR = 4;

export function visibleEvents(events: readonly RunEvent[]): RunEvent[] {
  const out: RunEvent[] = [];
  // Per thread, the interrupted calls awaiting their handler's rt_sigreturn (handlers nest).
  const pending = new Map<number, SyscallEvent[]>();
  for (const e of events) {
    if (e.type !== 'syscall') {
      out.push(e);
      continue;
    }
    if (e.errno !== null && RESTART_CODES.test(e.errno)) {
      const stack = pending.get(e.tid) ?? [];
      stack.push(e);
      pending.set(e.tid, stack);
      out.push(e);
      continue;
    }
    if (e.name === 'rt_sigreturn') {
      const call = pending.get(e.tid)?.pop();
      if (call && e.ret === -EINTR) {
        // Move the call to where its result became visible, with that result.
        out.splice(out.lastIndexOf(call), 1);
        out.push({
          ...call,
          ret: -EINTR,
          errno: 'EINTR',
          interrupted: true,
          restarted: false,
          line: withResult(call.line, '-1 EINTR (Interrupted system call)'),
        });
      }
    }
    out.push(e);
  }
  return out;
}

/** Replaces the result after the last ` = ` of a strace-format line (`= ? ERESTARTSYS (...)`). */
function withResult(line: string, result: string): string {
  const at = line.lastIndexOf(' = ');
  return at < 0 ? line : `${line.slice(0, at)} = ${result}`;
}
