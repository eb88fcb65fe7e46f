import { describe, expect, it } from 'vitest';
import { buildFromSource, Machine } from '../../../core/machine.js';
import { ENTRY_SOURCE } from '../../../core/kernel/x86_64/entry-source.js';
import { KernelPathWatch } from '../../../core/trace/kernel-path-watch.js';
import { buildTimeline, entryBoundaries, KernelPathRecorder, meterTotals } from '../../../core/trace/kernel-path.js';
import type { CostEvent } from '../../../core/cost/cost-table.js';
import { COST_EVENTS, DEFAULT_COSTS } from '../../../core/cost/cost-table.js';

const WRITE_EXIT = `.intel_syntax noprefix
.global _start
.text
_start:
    mov rax, 1
    mov rdi, 1
    lea rsi, [rip + msg]
    mov rdx, 3
    syscall
    mov rax, 60
    xor edi, edi
    syscall
.data
msg: .ascii "hi\\n"
`;

const INT80 = `.intel_syntax noprefix
.global _start
.text
_start:
    mov eax, 20
    int 0x80
    mov rax, 60
    xor edi, edi
    syscall
`;

function machine(source: string): Machine {
  const built = buildFromSource(source, 'x86_64');
  if (!built.ok) throw new Error(built.errors.map((e) => e.message).join('; '));
  return Machine.fromElf(built.program.elf, '/a.out', { arch: 'x86_64', seed: 1 });
}

/** Instructions between two labels/markers of the entry source, counted from the source text. */
function entryPushes(): number {
  const body = ENTRY_SOURCE.split('entry_SYSCALL_64:')[1]!.split('mov rdi, rsp')[0]!;
  return body.split('\n').filter((l) => /^\s+push\b/.test(l)).length;
}

const zero = (): Record<CostEvent, number> => Object.fromEntries(COST_EVENTS.map((e) => [e, 0])) as Record<CostEvent, number>;

describe('entryBoundaries', () => {
  it('reads the stages off a listing in objdump form', () => {
    const lines = [
      { addr: 100, text: 'swapgs' },
      { addr: 103, text: 'mov    QWORD PTR gs:0x0,rsp' },
      { addr: 112, text: 'push   0x2b' },
      { addr: 114, text: 'mov    rdi,rsp' },
      { addr: 117, text: 'call   0x200' },
      { addr: 122, text: 'test   al,al' },
      { addr: 124, text: 'sysretq' },
    ];
    const b = entryBoundaries([{ name: 'e', kind: 'entry', lines }], new Set([0x200]));
    expect([...b.entries()].sort((x, y) => x[0] - y[0])).toEqual([
      [100, 'swapgs'],
      [103, 'kernel-stack'],
      [112, 'pt_regs'],
      [114, 'dispatch'],
      [122, 'exit-work'],
      [124, 'sysret'],
      [0x200, 'handler'],
    ]);
  });
});

describe('meterTotals', () => {
  it('lists every cost event in COST_EVENTS order', () => {
    const c = Object.fromEntries(COST_EVENTS.map((e, i) => [e, i + 1])) as Record<CostEvent, number>;
    expect(Array.from(meterTotals(c))).toEqual(COST_EVENTS.map((_, i) => i + 1));
  });
});

describe('buildTimeline', () => {
  it('moves the hook’s mode-switch and dispatch charges to their stages', () => {
    const at = (addr: number, instructions: number, c: Partial<Record<CostEvent, number>>) => ({ addr, instructions, cycles: meterTotals({ ...zero(), ...c }) });
    const marks = [
      { stage: 'swapgs' as const, sample: at(1, 10, { instructions: 10 }) },
      { stage: 'handler' as const, sample: at(2, 11, { instructions: 11 }) },
      { stage: 'sysret' as const, sample: at(3, 12, { instructions: 12, modeSwitchEntry: 70, dispatch: 15, kernelCacheMisses: 60, modeSwitchExit: 60 }) },
    ];
    const t = buildTimeline(marks, at(4, 13, { instructions: 13, modeSwitchEntry: 70, dispatch: 15, kernelCacheMisses: 60, modeSwitchExit: 60 }), true, 1, null);
    const by = Object.fromEntries(t.stages.map((s) => [s.stage, s.cycles]));
    expect(by).toEqual({ syscall: 71, swapgs: 1, dispatch: 15, handler: 61, sysret: 61 });
    expect(t.totalCycles).toBe(209);
    expect(t.complete).toBe(true);
  });

  it('ignores samples outside a pass and keeps an unfinished pass incomplete', () => {
    const r = new KernelPathRecorder(new Map([[5, 'swapgs']]), new Set([5]), 1);
    r.observe(9, 3, { addr: 9, instructions: 1, cycles: meterTotals(zero()) });
    expect(r.timeline()).toBeNull();
    r.observe(5, 0, { addr: 5, instructions: 2, cycles: meterTotals(zero()) });
    expect(r.timeline()?.complete).toBe(false);
  });
});

describe('KernelPathWatch on the real entry code', () => {
  it('records every stage of a write with the cycles the meter charged', () => {
    const m = machine(WRITE_EXIT);
    const w = new KernelPathWatch(m);
    const cyclesBefore = m.stats().cycles;
    // Up to the return from write: run to the second syscall's entry.
    const entry = m.kernel.x86.symbol('entry_SYSCALL_64');
    expect(w.run(10_000, new Set([entry])).kind).toBe('breakpoint');
    const first = w.timeline()!;
    expect(first.complete).toBe(false);
    expect(first.stages.map((s) => s.stage)).toEqual(['syscall', 'swapgs']);
    expect(w.run(10_000, new Set([entry]))).toEqual({ kind: 'breakpoint', addr: entry });
    // The second stop opened a new pass: the write's pass is the last one finished.
    const t = w.recorder.finished()!;
    expect(t).not.toBeNull();
    expect(t.stages.map((s) => s.stage)).toEqual(['syscall', 'swapgs', 'kernel-stack', 'pt_regs', 'dispatch', 'handler', 'exit-work', 'sysret']);
    const st = Object.fromEntries(t.stages.map((s) => [s.stage, s]));
    expect(st.swapgs!.instructions).toBe(1);
    expect(st['kernel-stack']!.instructions).toBe(2);
    expect(st.pt_regs!.instructions).toBe(entryPushes());
    expect(st.dispatch!.charges.dispatch).toBe(DEFAULT_COSTS.dispatch);
    expect(st.syscall!.charges.modeSwitchEntry).toBe(DEFAULT_COSTS.modeSwitchEntry);
    expect(st.sysret!.charges.modeSwitchExit).toBe(DEFAULT_COSTS.modeSwitchExit);
    expect(st.handler!.charges.kernelCacheMisses).toBe(DEFAULT_COSTS.kernelCacheMisses);
    // The 3 bytes copy_from_user took from the buffer are the handler's work.
    expect(st.handler!.charges.copyByte).toBeCloseTo(3 * DEFAULT_COSTS.copyByte, 9);
    for (const s of t.stages) if (s.stage !== 'handler') expect(s.charges.copyByte).toBeUndefined();
    expect(st.sysret!.instructions).toBe(1);
    expect(t.line).toBe('write(1, "hi\\n", 3) = 3');
    expect(t.complete).toBe(true);
    // The path's cycles are part of what the whole run was charged.
    expect(t.totalCycles).toBeLessThan(m.stats().cycles - cyclesBefore);
  });

  it('records the same path when single-stepping as when running', () => {
    const run = machine(WRITE_EXIT);
    const wr = new KernelPathWatch(run);
    const entry = run.kernel.x86.symbol('entry_SYSCALL_64');
    wr.run(10_000, new Set([entry]));
    wr.run(10_000, new Set([entry]));
    const stepped = machine(WRITE_EXIT);
    const ws = new KernelPathWatch(stepped);
    const cpu = stepped.kernel.x86.cpu;
    // Step until the CPU stands at the syscall entry for the second time.
    let entries = 0;
    for (let i = 0; i < 1000 && entries < 2; i++) {
      ws.step();
      if (cpu.cpl === 0 && cpu.rip === entry) entries++;
    }
    expect(entries).toBe(2);
    expect(ws.recorder.finished()).toEqual(wr.recorder.finished());
    expect(ws.recorder.finished()?.complete).toBe(true);
  });

  it('follows int 0x80 through the IDT gate and out by iretq', () => {
    const m = machine(INT80);
    const w = new KernelPathWatch(m);
    const entry = m.kernel.x86.symbol('entry_SYSCALL_64');
    w.run(10_000, new Set([entry]));
    const t = w.recorder.finished()!;
    expect(t.stages.map((s) => s.stage)).toEqual(['syscall', 'swapgs', 'pt_regs', 'dispatch', 'handler', 'exit-work', 'sysret']);
    expect(t.stages[0]!.charges.interruptGate).toBe(DEFAULT_COSTS.interruptGate);
    expect(t.line).toMatch(/^getpid\(\) = \d+$/);
  });

  it('keeps the exit call as an incomplete pass', () => {
    const m = machine(WRITE_EXIT);
    const w = new KernelPathWatch(m);
    expect(w.run(10_000).kind).toBe('exit');
    const t = w.timeline()!;
    expect(t.complete).toBe(false);
    expect(t.line).toBe('exit(0) = ?');
  });
});
