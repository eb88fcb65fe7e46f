// The AArch64 kernel through the Machine facade: processes (clone/wait4), timer
// preemption through the EL0 IRQ vector, a read that blocks on stdin and is retried
// when input arrives, runToSyscall stopping in the entry code, and the step-by-step
// path from svc through the vector table, kernel_entry, the hook and eret.
import { describe, expect, it } from 'vitest';
import type { CostTable } from '../../../../core/cost/cost-table.js';
import { buildFromSource, Machine } from '../../../../core/machine.js';
import { viewMachine } from '../../../../core/machine-view.js';
import { KernelPathWatch } from '../../../../core/trace/kernel-path-watch.js';
import type { Arm64Arch } from '../../../../core/kernel/arm64/arm64-arch.js';

function boot(src: string, costs: Partial<CostTable> = {}): { m: Machine; out: () => string; lines: Map<number, number> } {
  const built = buildFromSource(src, 'arm64');
  if (!built.ok) throw new Error(JSON.stringify(built.errors));
  let out = '';
  // arch 'x86_64' on purpose: the ELF's e_machine must win.
  const m = Machine.fromElf(built.program.elf, '/home/student/a.out', { arch: 'x86_64', aslr: false, costs, output: (_fd, b) => (out += Buffer.from(b).toString()) });
  return { m, out: () => out, lines: built.program.lines };
}

const FORK_WAIT = `.global _start
.text
_start:
        mov     x0, #17                 // SIGCHLD
        mov     x1, #0
        mov     x2, #0
        mov     x3, #0
        mov     x4, #0
        mov     x8, #220
        svc     #0
        cbnz    x0, parent
        mov     x0, #1
        adr     x1, cmsg
        mov     x2, #6
        mov     x8, #64
        svc     #0
        mov     x0, #5
        mov     x8, #93
        svc     #0
parent:
        mov     x0, #-1
        adr     x1, status
        mov     x2, #0
        mov     x3, #0
        mov     x8, #260
        svc     #0
        mov     x0, #1
        adr     x1, pmsg
        mov     x2, #7
        mov     x8, #64
        svc     #0
        adr     x1, status
        ldr     w0, [x1]
        lsr     w0, w0, #8              // WEXITSTATUS
        mov     x8, #93
        svc     #0
cmsg:   .ascii  "child\\n"
pmsg:   .ascii  "parent\\n"
.data
        .align  2
status: .word   0
`;

// The parent never yields; only the timer can hand the CPU to the child, which
// writes and then kills the parent.
const PREEMPT_SPIN = `.global _start
.text
_start:
        mov     x0, #17                 // SIGCHLD
        mov     x1, #0
        mov     x2, #0
        mov     x3, #0
        mov     x4, #0
        mov     x8, #220                // clone: fork
        svc     #0
        cbz     x0, child
spin:   b       spin
child:
        mov     x0, #1
        adr     x1, msg
        mov     x2, #10
        mov     x8, #64
        svc     #0
        mov     x8, #173                // getppid
        svc     #0
        mov     x1, #15                 // SIGTERM
        mov     x8, #129                // kill
        svc     #0
        mov     x0, #0
        mov     x8, #93
        svc     #0
msg:    .ascii  "child ran\\n"
`;

const READ_ECHO = `.global _start
.text
_start:
        mov     x0, #0
        adr     x1, buf
        mov     x2, #16
        mov     x8, #63                 // read: blocks until the host pushes input
        svc     #0
        mov     x2, x0
        mov     x0, #1
        adr     x1, buf
        mov     x8, #64
        svc     #0
        mov     x0, #0
        mov     x8, #93
        svc     #0
.data
buf:    .skip   16
`;

// SA_RESTART: a read blocked on stdin is interrupted by SIGALRM, the handler runs,
// and the read is re-issued (pc backed over the svc, x0 = orig_x0) instead of EINTR.
const RESTART_READ = `.global _start
.text
_start:
        mov     x0, #14                 // SIGALRM
        adr     x1, act
        mov     x2, #0
        mov     x3, #8
        mov     x8, #134
        svc     #0
        mov     x0, #0                  // ITIMER_REAL, 1 ms
        adr     x1, itv
        mov     x2, #0
        mov     x8, #103
        svc     #0
        mov     x0, #0
        adr     x1, buf
        mov     x2, #16
        mov     x8, #63
        svc     #0
        mov     x2, x0
        mov     x0, #1
        adr     x1, buf
        mov     x8, #64
        svc     #0
        mov     x0, #0
        mov     x8, #93
        svc     #0
handler:
        mov     x0, #1
        adr     x1, tick
        mov     x2, #5
        mov     x8, #64
        svc     #0
        ret
restorer:
        mov     x8, #139
        svc     #0
tick:   .ascii  "tick\\n"
        .align  3
act:    .xword  handler, 0x14000000, restorer, 0    // SA_RESTORER | SA_RESTART
itv:    .xword  0, 0, 0, 1000
.data
buf:    .skip   16
`;

describe('arm64 kernel', () => {
  it('runs an AArch64 ELF whatever arch the options name (e_machine decides)', () => {
    const { m } = boot(READ_ECHO);
    expect(m.kernel.arch).toBe('arm64');
  });

  it('forks with clone(SIGCHLD) and reaps the child with wait4', () => {
    const { m, out } = boot(FORK_WAIT);
    expect(m.run(1_000_000)).toEqual({ kind: 'exit', code: 5, signal: null, coreDumped: false });
    expect(out()).toBe('child\nparent\n');
    const lines = m.events.filter((e) => e.type === 'syscall').map((e) => (e.type === 'syscall' ? e.name : ''));
    expect(lines).toEqual(['clone', 'write', 'exit', 'wait4', 'write', 'exit']);
  });

  it('preempts a spinning process with the timer interrupt (EL0 IRQ vector)', () => {
    // A slow emulated clock: a 1 ms tick every 10,000 instructions keeps the test short.
    const { m, out } = boot(PREEMPT_SPIN, { cyclesPerNs: 0.01 });
    expect(m.run(2_000_000)).toEqual({ kind: 'exit', code: null, signal: 15, coreDumped: false });
    expect(out()).toBe('child ran\n');
    expect(m.stats().timerInterrupts).toBeGreaterThanOrEqual(4);
    const switches = m.events.filter((e) => e.type === 'context-switch');
    expect(switches.some((e) => e.type === 'context-switch' && !e.voluntary && e.fromPid === 100 && e.toPid === 101)).toBe(true);
  });

  it('retries a read that blocked on stdin once input arrives, and reports the syscall with arm64 registers', () => {
    const { m, out } = boot(READ_ECHO);
    expect(m.run(100_000)).toEqual({ kind: 'blocked', on: 'stdin' });
    m.pushStdin(new TextEncoder().encode('typed\n'));
    expect(m.run(100_000).kind).toBe('exit');
    expect(out()).toBe('typed\n');
    const read = m.events.find((e) => e.type === 'syscall' && e.name === 'read');
    if (read?.type !== 'syscall') throw new Error('no read event');
    expect(read.arch).toBe('arm64');
    expect(read.via).toBe('svc');
    expect(read.nr).toBe(63);
    expect(read.entryRegs.x8).toBe('0x3f');
    expect(read.line).toBe('read(0, "typed\\n", 16) = 6');
    // ELR_EL1: the instruction after the svc.
    expect(BigInt(read.returnAddress) % 4n).toBe(0n);
  });

  it('stops runToSyscall in the entry code, at EL1, with the user state in ELR/SPSR', () => {
    const { m, lines } = boot(READ_ECHO);
    // Every EL0 exception enters at el0t_64_sync, the demand-paging instruction abort
    // of _start's page first: runToSyscall passes over it and stops at the svc.
    const cpu = (m.kernel.archOps as Arm64Arch).cpu;
    const entry = (m.kernel.archOps as Arm64Arch).symbol('el0t_64_sync');
    expect(m.runToSyscall(10_000)).toEqual({ kind: 'breakpoint', addr: entry });
    expect(Number(cpu.sysreg('ESR_EL1') >> 26n)).toBe(0x15); // EC_SVC64
    // The abort was taken on the way (a page fault was served in _start's page), and
    // ELR_EL1 points just after the program's first svc (source line 8).
    const svcAt = [...lines].find(([, line]) => line === 8)![0];
    const faults = m.events.flatMap((e) => (e.type === 'page-fault' ? [BigInt(e.addr)] : []));
    expect(faults.some((a) => a >> 12n === BigInt(svcAt) >> 12n)).toBe(true);
    expect(cpu.sysreg('ELR_EL1')).toBe(BigInt(svcAt) + 4n);
    const v = viewMachine(m, new Map());
    expect(v.arch).toBe('arm64');
    expect(v.privilege).toBe(1);
    expect(v.next[0]?.symbol).toBe('el0t_64_sync');
    expect(v.next[0]?.where).toBe('kernel');
    expect(v.next[0]?.text).toMatch(/^sub\s+sp, sp, #0x120/);
    const x8 = v.registers.find((r) => r.name === 'x8');
    expect(x8?.value).toBe('0x000000000000003f');
    expect(x8?.role).toMatch(/syscall number/);
  });
  it('still stops at a fault when the student put a breakpoint on the shared entry', () => {
    const { m } = boot(READ_ECHO);
    const a = m.kernel.archOps as Arm64Arch;
    m.setBreakpoints([a.symbol('el0t_64_sync')]);
    expect(m.runToSyscall(10_000)).toEqual({ kind: 'breakpoint', addr: a.symbol('el0t_64_sync') });
    expect(Number(a.cpu.sysreg('ESR_EL1') >> 26n)).toBe(0x20); // EC: instruction abort from a lower EL
    const watch = new KernelPathWatch(m);
    expect(watch.run(10_000, watch.entryPoints)).toEqual({ kind: 'breakpoint', addr: a.symbol('el0t_64_sync') });
  });
  it('restarts a read a SA_RESTART handler interrupted (ERESTARTSYS → the svc again)', () => {
    const { m, out } = boot(RESTART_READ);
    expect(m.run(200_000)).toEqual({ kind: 'blocked', on: 'stdin' });
    m.pushStdin(new TextEncoder().encode('hi\n'));
    expect(m.run(200_000)).toEqual({ kind: 'exit', code: 0, signal: null, coreDumped: false });
    expect(out()).toBe('tick\nhi\n');
    const lines = m.events.flatMap((e) => ('line' in e ? [e.line] : []));
    const at = lines.indexOf('read(0, 0x402000, 16) = ? ERESTARTSYS (To be restarted if SA_RESTART is set)');
    expect(at, lines.join('\n')).toBeGreaterThan(0);
    expect(lines.slice(at + 1, at + 5)).toEqual([
      '--- SIGALRM {si_signo=SIGALRM, si_code=SI_KERNEL} ---',
      'write(1, "tick\\n", 5) = 5',
      'rt_sigreturn({mask=[]}) = 0',
      'read(0, "hi\\n", 16) = 3',
    ]);
  });
  it('single-steps the svc path: kernel_entry, the hook, ret_to_user, eret back to EL0 after the svc', () => {
    const { m } = boot(READ_ECHO);
    m.pushStdin(new TextEncoder().encode('x'));
    m.runToSyscall(10_000); // passes over the instruction abort of _start's page
    const elr = (m.kernel.archOps as Arm64Arch).cpu.sysreg('ELR_EL1');
    const seen: string[] = [];
    for (let i = 0; i < 200 && viewMachine(m, new Map()).privilege === 1; i++) {
      const next = viewMachine(m, new Map()).next[0]!;
      seen.push(`${next.symbol ?? '?'} ${next.text.split(/\s+/)[0]}`);
      m.step();
    }
    const v = viewMachine(m, new Map());
    expect(v.privilege).toBe(0);
    expect(BigInt(v.registers.find((r) => r.name === 'pc')!.value)).toBe(elr);
    expect(v.registers.find((r) => r.name === 'x0')!.value).toBe('0x0000000000000001'); // read's result
    expect(seen[0]).toBe('el0t_64_sync sub');
    expect(seen).toContain('el0t_64_sync_handler udf');
    expect(seen).toContain('ret_to_user ldp');
    expect(seen.at(-1)).toMatch(/^ret_to_user\+0x[0-9a-f]+ eret$/);
  });
  it('drives an arm64 machine through KernelPathWatch (the worker\'s run/step path): run to syscall, then to exit', () => {
    const { m, out } = boot(READ_ECHO);
    m.pushStdin(new TextEncoder().encode('ok'));
    m.endStdin();
    const watch = new KernelPathWatch(m);
    expect([...watch.entryPoints]).toEqual([(m.kernel.archOps as Arm64Arch).symbol('el0t_64_sync')]);
    expect(watch.run(10_000, watch.entryPoints).kind).toBe('breakpoint');
    // Passed over _start's instruction abort: stopped on the read's svc.
    expect(Number((m.kernel.archOps as Arm64Arch).cpu.sysreg('ESR_EL1') >> 26n)).toBe(0x15);
    expect(m.kernel.archOps.cpu.breakpoints.size).toBe(0);
    expect(watch.step().kind).toBe('budget');
    expect(watch.run(100_000)).toEqual({ kind: 'exit', code: 0, signal: null, coreDumped: false });
    expect(out()).toBe('ok');
  });
});
