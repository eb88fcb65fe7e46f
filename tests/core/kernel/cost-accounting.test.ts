import { describe, expect, it } from 'vitest';
import type { RunEvent } from '../../../core/trace/events.js';
import { runGuest } from './run-guest.js';

// One of each boundary event: syscalls, a demand-paged heap page, a handled signal,
// a fork (context switches and CR3 writes between two processes).
const EVERYTHING = `.intel_syntax noprefix
.global _start
.text
_start:
    mov eax, 39
    syscall
    mov eax, 12
    xor edi, edi
    syscall
    lea rdi, [rax + 4096]
    mov r12, rax
    mov eax, 12
    syscall
    mov byte ptr [r12], 1
    mov eax, 13
    mov edi, 10
    lea rsi, [rip + act]
    xor edx, edx
    mov r10d, 8
    syscall
    mov eax, 39
    syscall
    mov edi, eax
    mov eax, 62
    mov esi, 10
    syscall
    mov eax, 57
    syscall
    test rax, rax
    jnz parent
    mov eax, 60
    xor edi, edi
    syscall
parent:
    mov eax, 61
    mov rdi, -1
    xor esi, esi
    xor edx, edx
    xor r10d, r10d
    syscall
    mov eax, 60
    xor edi, edi
    syscall
handler:
    ret
restorer:
    mov eax, 15
    syscall
.data
act: .quad handler, 0x04000000, restorer, 0
`;

// A thread (CLONE_VM|CLONE_FS|CLONE_FILES|CLONE_SIGHAND|CLONE_THREAD) that exits at once,
// while the main thread sleeps: switches between threads of one process.
const THREAD = `.intel_syntax noprefix
.global _start
.text
_start:
    mov eax, 56
    mov edi, 0x10f00
    lea rsi, [rip + stack_top]
    xor edx, edx
    xor r10d, r10d
    xor r8d, r8d
    syscall
    test rax, rax
    jnz main
    mov eax, 60
    xor edi, edi
    syscall
main:
    mov eax, 35
    lea rdi, [rip + delay]
    xor esi, esi
    syscall
    mov eax, 231
    xor edi, edi
    syscall
.data
delay: .quad 0, 10000000
.bss
.balign 16
stack: .zero 8192
stack_top:
`;

describe('the cost model charges every boundary event where it happens', () => {
  it('syscalls, page faults, TLB misses, signals, context switches and CR3 writes all appear in the breakdown', () => {
    const r = runGuest(EVERYTHING);
    expect(r.stop).toMatchObject({ kind: 'exit', code: 0 });
    const s = r.machine.stats();
    const n = s.countsByEvent;
    expect(n.modeSwitchEntry).toBe(s.syscalls);
    expect(n.modeSwitchExit).toBeGreaterThanOrEqual(s.syscalls - 2); // exit/exit_group never return
    expect(n.dispatch).toBe(s.syscalls);
    expect(n.kernelCacheMisses).toBe(s.syscalls);
    expect(n.pageFault).toBeGreaterThan(0);
    expect(n.interruptGate).toBe(s.exceptions + s.timerInterrupts + s.int80);
    expect(n.tlbMiss).toBeGreaterThan(0);
    expect(n.signalDelivery).toBe(1);
    expect(n.contextSwitchRegisters).toBe(s.contextSwitches);
    expect(n.cr3Switch).toBe(s.cr3Switches);
    expect(s.cr3Switches).toBeGreaterThanOrEqual(3); // boot, to the child, back to the parent
    // Cycles per event are the table's price times the count.
    expect(s.cyclesByEvent.pageFault).toBe(n.pageFault! * r.machine.kernel.meter.table.pageFault);
    expect(s.cycles).toBe(Object.values(s.cyclesByEvent).reduce((a, b) => a + b, 0));
  });

  it('page-table isolation adds a CR3 write to every kernel entry and every exit', () => {
    const off = runGuest(EVERYTHING).machine.stats();
    const on = runGuest(EVERYTHING, { costs: { pageTableIsolation: true } }).machine.stats();
    // Syscall entries and exits, plus traps' IDT entries (their IRET exits are in modeSwitchExit); int 0x80 is not isolated here.
    const crossings = on.countsByEvent.modeSwitchEntry! + on.countsByEvent.modeSwitchExit! + on.countsByEvent.interruptGate! - 2 * on.int80;
    expect(on.countsByEvent.cr3Switch! - on.cr3Switches).toBe(crossings);
    expect(off.countsByEvent.cr3Switch).toBe(off.cr3Switches);
    expect(on.cycles).toBeGreaterThan(off.cycles);
  });

  it('switching between threads of one process does not write CR3; between processes it does', () => {
    const t = runGuest(THREAD);
    expect(t.stop).toMatchObject({ kind: 'exit', code: 0 });
    const switches = t.machine.events.filter((e): e is Extract<RunEvent, { type: 'context-switch' }> => e.type === 'context-switch');
    expect(switches.length).toBeGreaterThanOrEqual(1);
    for (const sw of switches) expect(sw).toMatchObject({ fromPid: 100, toPid: 100, cr3Switched: false });
    // Main → thread, then (the thread dead) back to main: only the first switch onto the CPU loaded CR3.
    expect(t.machine.stats().contextSwitches).toBeGreaterThanOrEqual(3);
    expect(t.machine.stats().cr3Switches).toBe(1);
    const f = runGuest(EVERYTHING);
    const procSwitches = f.machine.events.filter((e) => e.type === 'context-switch' && e.fromPid !== e.toPid);
    expect(procSwitches.length).toBeGreaterThan(0);
    for (const sw of procSwitches) expect(sw).toMatchObject({ cr3Switched: true });
  });
});
