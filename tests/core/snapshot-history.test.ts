// Step back restores the state before the last action exactly: registers, every byte
// of physical memory, the kernel's counters and the syscall trace.

import { describe, expect, it } from 'vitest';
import { Machine } from '../../core/machine.js';
import { SnapshotHistory } from '../../core/snapshot-history.js';
import { build, CALLS } from './stepping-fixture.js';

interface Seen {
  regs: bigint[];
  rip: number;
  cpl: number;
  memory: Uint8Array;
  trace: string[];
  stdout: string;
  instructions: number;
  syscalls: number;
}

function harness() {
  const program = build(CALLS);
  let stdout = '';
  const history = new SnapshotHistory(() => {
    stdout = '';
    return Machine.fromElf(program.elf, '/home/student/a.out', { arch: 'x86_64', seed: 7, output: (_fd, b) => (stdout += new TextDecoder().decode(b)) });
  });
  const seen = (): Seen => {
    const m = history.machine;
    const cpu = m.kernel.x86.cpu;
    return {
      regs: Array.from({ length: 16 }, (_, i) => cpu.getReg(i)),
      rip: cpu.rip,
      cpl: cpu.cpl,
      memory: m.kernel.mem.bytes.slice(0, m.kernel.mem.sizeBytes),
      trace: m.events.flatMap((e) => ('line' in e ? [e.line] : [])),
      stdout,
      instructions: cpu.stats.instructions,
      syscalls: m.stats().syscalls,
    };
  };
  return { program, history, seen };
}

/** toEqual on megabytes of memory is slow and its diff unreadable: compare bytes apart. */
function expectSame(now: Seen, then: Seen): void {
  const { memory: a, ...restNow } = now;
  const { memory: b, ...restThen } = then;
  expect(restNow).toEqual(restThen);
  expect(Buffer.compare(a, b)).toBe(0);
}

function act(history: SnapshotHistory, ...calls: Parameters<SnapshotHistory['call']>[0][]): void {
  history.begin();
  for (const c of calls) history.call(c);
  history.end();
}

describe('SnapshotHistory', () => {
  it('step ×N through user code, the syscall entry and exit, then back ×N gives identical states', () => {
    const { history, seen } = harness();
    const states: Seen[] = [seen()];
    // Enough single steps to go into the kernel on write(2) and out again.
    const n = 300;
    for (let i = 0; i < n; i++) {
      act(history, { kind: 'step' });
      states.push(seen());
    }
    expect(states.at(-1)!.syscalls).toBeGreaterThan(0);
    expect(states.at(-1)!.stdout).toBe('ok\n');
    for (let i = n - 1; i >= 0; i--) {
      expect(history.stepBack()).toBeDefined();
      // Registers, privilege, counters, trace, output and every byte of physical memory
      // (page tables, kernel stacks, user pages).
      expectSame(seen(), states[i]!);
    }
    expect(history.depth).toBe(0);
    expect(history.stepBack()).toBeUndefined();
  }, 120_000);

  it('undoes a run to a breakpoint, a step over and a run to syscall, each to its exact predecessor', () => {
    const { program, history, seen } = harness();
    const start = program.symbols.get('_start')!;
    history.setBreakpoints([start]);
    const s0 = seen();
    act(history, { kind: 'run', budget: 1_000_000 });
    const s1 = seen();
    expect(s1.rip).toBe(start);
    act(history, { kind: 'step' });
    act(history, { kind: 'stepOver', budget: 1_000_000 });
    const s3 = seen();
    expect(s3.regs[0]).toBe(120n);
    act(history, { kind: 'runToSyscall', budget: 1_000_000 });
    expect(seen().cpl).toBe(0);
    expect(history.stepBack()?.stop).toEqual({ kind: 'budget' });
    expectSame(seen(), s3);
    history.stepBack();
    history.stepBack();
    expectSame(seen(), s1);
    expect(history.stepBack()?.stop).toBeNull();
    expectSame(seen(), s0);
    // The breakpoint the student set is still set after going back.
    expect(history.machine.breakpoints).toEqual([start]);
  });

  it('replays breakpoint changes made between actions at the point they were made', () => {
    const { program, history, seen } = harness();
    const start = program.symbols.get('_start')!;
    const exitLine = CALLS.split('\n').findIndex((l) => l.includes('mov rax, 60')) + 1;
    const exitAddr = [...program.lines.entries()].find(([, l]) => l === exitLine)![0];
    history.setBreakpoints([start]);
    act(history, { kind: 'run', budget: 1_000_000 });
    history.setBreakpoints([exitAddr]);
    act(history, { kind: 'run', budget: 1_000_000 });
    const atExit = seen();
    expect(atExit.rip).toBe(exitAddr);
    act(history, { kind: 'step' });
    history.stepBack();
    expectSame(seen(), atExit);
  });
});
