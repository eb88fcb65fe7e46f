import { describe, expect, it } from 'vitest';
import type { RunEvent } from '../../../../core/trace/events.js';
import { runGuest } from '../run-guest.js';

// Finds the vDSO through AT_SYSINFO_EHDR and its functions through its ELF symbol table
// offsets (passed in), then calls clock_gettime(CLOCK_MONOTONIC) N times, time(&t) and
// gettimeofday(&tv, NULL) once each, then the clock_gettime syscall, and writes the
// last timespec, t and tv.
const program = (offsets: { clock: number; time: number; tod: number }, n: number) => `.intel_syntax noprefix
.global _start
.text
_start:
    mov rax, QWORD PTR [rsp]
    lea rbx, [rsp + 8 + rax*8 + 8]
1:  cmp QWORD PTR [rbx], 0
    lea rbx, [rbx + 8]
    jne 1b
2:  mov rax, QWORD PTR [rbx]
    cmp rax, 33
    je 3f
    add rbx, 16
    jmp 2b
3:  mov r12, QWORD PTR [rbx + 8]
    mov r13d, ${n}
4:  mov edi, 1
    lea rsi, [rip + ts]
    lea rax, [r12 + ${offsets.clock}]
    call rax
    dec r13d
    jnz 4b
    lea rdi, [rip + t]
    lea rax, [r12 + ${offsets.time}]
    call rax
    lea rdi, [rip + tv]
    xor esi, esi
    lea rax, [r12 + ${offsets.tod}]
    call rax
    mov eax, 228
    mov edi, 1
    lea rsi, [rip + ts2]
    syscall
    mov eax, 1
    mov edi, 1
    lea rsi, [rip + ts]
    mov edx, 40
    syscall
    mov eax, 60
    xor edi, edi
    syscall
.data
ts: .quad 0, 0
t:  .quad 0
tv: .quad 0, 0
ts2: .quad 0, 0
`;

import { vdsoImage } from '../../../../core/kernel/vdso/vdso-image.js';

const sym = (n: string) => vdsoImage().symbols.get(n)!;
const OFFSETS = { clock: sym('__vdso_clock_gettime'), time: sym('__vdso_time'), tod: sym('__vdso_gettimeofday') };
type VdsoEvent = Extract<RunEvent, { type: 'vdso-call' }>;

describe('vdso-call events', () => {
  it('records each vDSO call with its result, no kernel entry in between', () => {
    const r = runGuest(program(OFFSETS, 3));
    expect(r.stop).toMatchObject({ kind: 'exit', code: 0 });
    const calls = r.machine.events.filter((e): e is VdsoEvent => e.type === 'vdso-call');
    expect(calls.map((c) => c.fn)).toEqual(['clock_gettime', 'clock_gettime', 'clock_gettime', 'time', 'gettimeofday']);
    const v = new DataView(r.stdout.buffer);
    const q = (o: number) => v.getBigInt64(o, true);
    expect(calls[2]).toMatchObject({ pid: 100, ret: 0, value: `{tv_sec=${q(0)}, tv_nsec=${q(8)}}`, seqlockRetries: 0 });
    expect(calls[3]).toMatchObject({ ret: Number(q(16)), value: String(q(16)) });
    expect(calls[4]).toMatchObject({ ret: 0, value: `{tv_sec=${q(24)}, tv_usec=${q(32)}}` });
    // Only the real syscalls entered the kernel: the vDSO calls made no mode switch.
    expect(r.machine.events.filter((e) => e.type === 'syscall').map((e) => (e.type === 'syscall' ? e.name : ''))).toEqual(['clock_gettime', 'write', 'exit']);
    expect(r.machine.stats().syscalls).toBe(3);
    // Every call is emitted before the task's next kernel entry.
    const order = r.machine.events.map((e) => e.type);
    expect(order.indexOf('syscall')).toBeGreaterThan(order.lastIndexOf('vdso-call'));
    // The cost: the fast path's instructions, far below the syscall's.
    const sys = r.machine.events.find((e) => e.type === 'syscall');
    expect(calls[0]!.cycles).toBeGreaterThan(20);
    expect(calls[0]!.cycles * 3).toBeLessThan(sys?.type === 'syscall' ? sys.cycles : 0);
  });

  it('counts seqlock retries when timer ticks land inside the read section', () => {
    // A slow emulated clock (1 MHz) ticks every 1000 instructions, so some reads get cut.
    const r = runGuest(program(OFFSETS, 1000), { costs: { cyclesPerNs: 0.001 } }, 50_000_000);
    expect(r.stop).toMatchObject({ kind: 'exit', code: 0 });
    const calls = r.machine.events.filter((e): e is VdsoEvent => e.type === 'vdso-call' && e.fn === 'clock_gettime');
    expect(calls).toHaveLength(1000);
    const retried = calls.filter((c) => c.seqlockRetries > 0);
    expect(retried.length).toBeGreaterThan(0);
    const base = calls.find((c) => c.seqlockRetries === 0)!.cycles;
    for (const c of retried) expect(c.cycles).toBeGreaterThan(base);
    const total = calls.reduce((n, c) => n + c.seqlockRetries, 0);
    expect(total).toBe(r.machine.stats().vdsoSeqlockRetries);
  });
});
