// Syscall restart on arm64 (arch/arm64/kernel/signal.c do_signal): an interrupted call
// is re-run by backing pc up over the 4-byte svc with x0 = orig_x0; ERESTART_RESTARTBLOCK
// without a handler also sets x8 = __NR_restart_syscall (128). qemu-user cannot show
// this (the host kernel restarts its own call and the guest never sees it), so these
// follow what Linux does, as the x86-64 side's tests do.
import { describe, expect, it } from 'vitest';
import type { RunEvent } from '../../../../core/trace/events.js';
import { runGuest } from '../run-guest.js';

// The child sleeps 50 ms; the parent sleeps 10 ms, stops the child with SIGSTOP,
// continues it with SIGCONT and reaps it. The child's sleep resumes through
// restart_syscall and the child exits 7.
const STOP_CONT_SLEEP = `.global _start
.text
_start:
        mov     x0, #17                 // SIGCHLD
        mov     x1, #0
        mov     x2, #0
        mov     x3, #0
        mov     x4, #0
        mov     x8, #220                // clone
        svc     #0
        cbnz    x0, parent
        adr     x0, fifty_ms
        mov     x1, #0
        mov     x8, #101                // nanosleep
        svc     #0
        mov     x0, #7
        mov     x8, #93
        svc     #0
parent:
        mov     x19, x0
        adr     x0, ten_ms
        mov     x1, #0
        mov     x8, #101
        svc     #0
        mov     x0, x19
        mov     x1, #19                 // SIGSTOP
        mov     x8, #129                // kill
        svc     #0
        mov     x0, x19
        mov     x1, #18                 // SIGCONT
        mov     x8, #129
        svc     #0
        mov     x0, x19
        adr     x1, status
        mov     x2, #0
        mov     x3, #0
        mov     x8, #260                // wait4
        svc     #0
        adr     x1, status
        ldr     w0, [x1]
        lsr     w0, w0, #8              // WEXITSTATUS
        mov     x8, #93
        svc     #0
        .align  3
fifty_ms: .xword 0, 50000000
ten_ms:   .xword 0, 10000000
.data
        .align  2
status: .word   0
`;

type SyscallEvent = Extract<RunEvent, { type: 'syscall' }>;

describe('arm64 syscall restart', () => {
  it('resumes a nanosleep a stop signal interrupted through restart_syscall (x8 = 128, pc back over the svc)', () => {
    const r = runGuest(STOP_CONT_SLEEP, { arch: 'arm64', aslr: false });
    expect(r.stop).toMatchObject({ kind: 'exit', code: 7 });
    const child = r.machine.events.filter((e): e is SyscallEvent => e.type === 'syscall' && e.pid !== r.machine.events.find((x) => x.type === 'syscall')!.pid);
    const lines = child.map((e) => e.line);
    expect(lines).toEqual([
      'nanosleep({tv_sec=0, tv_nsec=50000000}, NULL) = ? ERESTART_RESTARTBLOCK (Interrupted by signal)',
      'restart_syscall(<... resuming interrupted nanosleep ...>) = 0',
      'exit(7) = ?',
    ]);
    const [sleep, restart] = child;
    // The restart entered with x8 = __NR_restart_syscall at the same svc (pc is the
    // address after it both times), and x0 was put back from orig_x0.
    expect(restart!.nr).toBe(128);
    expect(restart!.entryRegs.x8).toBe('0x80');
    expect(restart!.entryRegs.pc).toBe(sleep!.entryRegs.pc);
    expect(restart!.entryRegs.x0).toBe(sleep!.entryRegs.x0);
  });
});
