// Runaway guests end with a clear outcome, and the next machine is unaffected.
import { describe, expect, it } from 'vitest';
import { buildFromSource, Machine } from '../../../core/machine.js';
import type { KernelStop } from '../../../core/kernel/kernel.js';

function boot(body: string, limits = {}) {
  const src = `.intel_syntax noprefix\n.global _start\n.text\n_start:\n${body}\n`;
  const built = buildFromSource(src, 'x86_64');
  if (!built.ok) throw new Error(JSON.stringify(built.errors));
  let out = 0;
  const m = Machine.fromElf(built.program.elf, '/home/student/a.out', { arch: 'x86_64', limits, output: (_fd, b) => (out += b.length) });
  return { m, bytesOut: () => out };
}

function runTo(m: Machine, budget: number): KernelStop {
  return m.run(budget);
}

const HELLO = `    mov eax, 1\n    mov edi, 1\n    lea rsi, [rip + 9f]\n    mov edx, 2\n    syscall\n    mov eax, 60\n    xor edi, edi\n    syscall\n9: .ascii "ok"`;

describe('runaway guests', () => {
  it('an infinite loop stops at the instruction budget and can be continued', () => {
    const { m } = boot('1:  jmp 1b');
    expect(runTo(m, 100_000)).toEqual({ kind: 'budget' });
    expect(runTo(m, 100_000)).toEqual({ kind: 'budget' });
    expect(m.stats().instructions).toBeGreaterThanOrEqual(199_000);
  });

  it('a fork bomb is held at the process limit (fork → EAGAIN) and stays interruptible', () => {
    const { m } = boot(`1:  mov eax, 57\n    syscall\n    cmp rax, -11\n    jne 1b\n    mov eax, 60\n    mov edi, 42\n    syscall`, { processes: 8 });
    let most = 0;
    for (let i = 0; i < 8; i++) {
      expect(runTo(m, 50_000).kind).toBe('budget');
      most = Math.max(most, [...m.kernel.processes.values()].filter((p) => p.exitStatus === null).length);
    }
    expect(most).toBeLessThanOrEqual(8);
    const eagain = m.events.filter((e) => e.type === 'syscall' && e.name === 'fork' && e.errno === 'EAGAIN');
    expect(eagain.length).toBeGreaterThan(0);
  }, 120_000);

  it('an mmap bomb gets ENOMEM at the memory limit instead of exhausting the host', () => {
    const { m } = boot(
      `1:  mov eax, 9\n    xor edi, edi\n    mov esi, 0x1000000\n    mov edx, 3\n    mov r10d, 0x22\n    mov r8, -1\n    xor r9d, r9d\n    syscall\n    cmp rax, -12\n    je 2f\n    mov byte ptr [rax], 1\n    jmp 1b\n2:  mov eax, 60\n    mov edi, 12\n    syscall`,
      { memoryBytes: 64 * 1024 * 1024 },
    );
    const stop = runTo(m, 10_000_000);
    expect(stop).toEqual({ kind: 'exit', code: 12, signal: null, coreDumped: false });
  });

  it('an output flood is cut off at the output limit with a message', () => {
    const { m, bytesOut } = boot(`1:  mov eax, 1\n    mov edi, 1\n    lea rsi, [rip + 9f]\n    mov edx, 4096\n    syscall\n    jmp 1b\n9: .skip 4096, 0x41`, { outputBytes: 1 << 20 });
    let stop: KernelStop;
    for (;;) {
      stop = runTo(m, 1_000_000);
      if (stop.kind !== 'budget') break;
    }
    expect(stop.kind).toBe('limit');
    if (stop.kind === 'limit') expect(stop.message).toContain('more than 1048576 bytes of output');
    expect(bytesOut()).toBeLessThanOrEqual(1 << 20);
  });

  it('unbounded recursion ends in SIGSEGV at the stack limit', () => {
    const { m } = boot(`1:  sub rsp, 4096\n    mov qword ptr [rsp], 0\n    call 1b`);
    let stop: KernelStop;
    for (;;) {
      stop = runTo(m, 5_000_000);
      if (stop.kind !== 'budget') break;
    }
    expect(stop).toEqual({ kind: 'exit', code: null, signal: 11, coreDumped: false });
    const sig = m.events.find((e) => e.type === 'signal');
    expect(sig && sig.type === 'signal' ? sig.line : '').toMatch(/SIGSEGV \{si_signo=SIGSEGV, si_code=SEGV_MAPERR/);
  });

  it('the next machine after all of that runs normally', () => {
    const { m, bytesOut } = boot(HELLO);
    expect(runTo(m, 100_000)).toEqual({ kind: 'exit', code: 0, signal: null, coreDumped: false });
    expect(bytesOut()).toBe(2);
  });
});
