// The arm64 kernel-path timeline: stages read off the AArch64 entry code (vector slot,
// kernel_entry, el0_svc, kernel_exit, eret), mirroring kernel-path.test.ts for x86-64.
import { describe, expect, it } from 'vitest';
import { buildFromSource, Machine } from '../../../core/machine.js';
import { ENTRY_SOURCE } from '../../../core/kernel/arm64/entry-source.js';
import type { Arm64Arch } from '../../../core/kernel/arm64/arm64-arch.js';
import { KernelPathWatch } from '../../../core/trace/kernel-path-watch.js';
import { arm64EntryBoundaries } from '../../../core/trace/kernel-path-arm64.js';
import { ARM64_PATH, ARM64_PATH_STAGES, KernelPathRecorder, meterTotals } from '../../../core/trace/kernel-path.js';
import { COST_EVENTS, DEFAULT_COSTS, type CostEvent } from '../../../core/cost/cost-table.js';

const WRITE_EXIT = `.global _start
.text
_start:
        mov     x0, #1
        adr     x1, msg
        mov     x2, #3
        mov     x8, #64                 // write
        svc     #0
        mov     x0, #0
        mov     x8, #93                 // exit
        svc     #0
msg:    .ascii  "hi\\n"
`;

function machine(): Machine {
  const built = buildFromSource(WRITE_EXIT, 'arm64');
  if (!built.ok) throw new Error(built.errors.map((e) => e.message).join('; '));
  return Machine.fromElf(built.program.elf, '/a.out', { arch: 'arm64', seed: 1 });
}

const arm64 = (m: Machine) => m.kernel.archOps as Arm64Arch;

/** Instructions of the entry source between two markers, counted from the source text. */
function sourceLines(from: string, to: string): number {
  const body = ENTRY_SOURCE.split(from)[1]!.split(to)[0]!;
  return body.split('\n').filter((l) => /^\s+[a-z]/.test(l)).length;
}

/** Step until the CPU stands on the write's svc, in user mode. */
function toWriteSvc(m: Machine, w: KernelPathWatch): number {
  const a = arm64(m);
  for (let i = 0; i < 1000; i++) {
    if (a.inUserMode() && a.cpu.disassembleAt(a.pc(), 1)[0]!.text.startsWith('svc')) return a.cpu.stats.instructions;
    w.step();
  }
  throw new Error('no svc reached');
}

describe('arm64EntryBoundaries', () => {
  it('reads the stages off listings in the disassembler’s form', () => {
    const b = arm64EntryBoundaries(
      {
        vector: [{ addr: 0x400, text: 'b\tffff800010000800' }],
        entry: [
          { addr: 0x800, text: 'sub\tsp, sp, #0x120' },
          { addr: 0x804, text: 'stp\tx0, x1, [sp]' },
          { addr: 0x808, text: 'mov\tx0, sp' },
          { addr: 0x80c, text: 'bl\t940' },
          { addr: 0x810, text: 'b\t8d0' },
        ],
        exit: [
          { addr: 0x8d0, text: 'ldp\tx21, x22, [sp, #256]' },
          { addr: 0x8d4, text: 'eret' },
        ],
      },
      new Set([0x940]),
    );
    expect([...b.entries()].sort((x, y) => x[0] - y[0])).toEqual([
      [0x400, 'vector'],
      [0x800, 'kernel_entry'],
      [0x808, 'dispatch'],
      [0x810, 'exit-work'],
      [0x8d0, 'kernel_exit'],
      [0x8d4, 'eret'],
      [0x940, 'handler'],
    ]);
  });
});

describe('KernelPathWatch on the arm64 entry code', () => {
  it('records every stage of a write in order; the instructions add up to those retired from svc to eret', () => {
    const m = machine();
    const w = new KernelPathWatch(m);
    const a = arm64(m);
    const before = toWriteSvc(m, w);
    // Through the kernel and back to EL0, one instruction (or hook) at a time.
    w.step();
    expect(a.inUserMode()).toBe(false);
    expect(a.pc()).toBe(Number(BigInt.asIntN(64, a.cpu.sysreg('VBAR_EL1'))) + 0x400);
    while (!a.inUserMode()) w.step();
    const retired = a.cpu.stats.instructions - before;
    const t = w.recorder.finished()!;
    expect(t.complete).toBe(true);
    expect(t.line).toBe('write(1, "hi\\n", 3) = 3');
    expect(t.stages.map((s) => s.stage)).toEqual([...ARM64_PATH_STAGES]);
    const st = Object.fromEntries(t.stages.map((s) => [s.stage, s]));
    expect(st.svc!.instructions).toBe(1);
    expect(st.vector!.instructions).toBe(1);
    expect(st.kernel_entry!.instructions).toBe(sourceLines('el0t_64_sync:\n', '    mov x0, sp'));
    expect(st.dispatch!.instructions).toBe(2); // mov x0, sp; bl el0t_64_sync_handler
    expect(st.handler!.instructions).toBe(0); // TypeScript: no guest instructions
    expect(st['exit-work']!.instructions).toBe(1); // b ret_to_user
    expect(st.kernel_exit!.instructions).toBe(sourceLines('ret_to_user:\n', '    eret'));
    expect(st.eret!.instructions).toBe(1);
    expect(t.stages.reduce((n, s) => n + s.instructions, 0)).toBe(retired);
    // The hook's charges land in their stages.
    expect(st.svc!.charges.modeSwitchEntry).toBe(DEFAULT_COSTS.modeSwitchEntry);
    expect(st.dispatch!.charges.dispatch).toBe(DEFAULT_COSTS.dispatch);
    expect(st.handler!.charges.kernelCacheMisses).toBe(DEFAULT_COSTS.kernelCacheMisses);
    expect(st.handler!.charges.copyByte).toBeCloseTo(3 * DEFAULT_COSTS.copyByte, 9); // "hi\n" copied in
    expect(st.eret!.charges.modeSwitchExit).toBe(DEFAULT_COSTS.modeSwitchExit);
    expect(st.kernel_entry!.label).toMatch(/save x0–x30/);
  });

  it('records the same path when running as when single-stepping', () => {
    const run = machine();
    const wr = new KernelPathWatch(run);
    const entry = arm64(run).symbol('el0t_64_sync');
    // Stop at the exit call's entry: the write's pass is the last one finished.
    for (let i = 0; i < 4 && !wr.recorder.finished(); i++) wr.run(10_000, new Set([entry]));
    const stepped = machine();
    const ws = new KernelPathWatch(stepped);
    const a = arm64(stepped);
    for (let i = 0; i < 1000 && !ws.recorder.finished(); i++) ws.step();
    expect(a.inUserMode()).toBe(true);
    expect(ws.recorder.finished()).toEqual(wr.recorder.finished());
    expect(ws.recorder.finished()?.stages.map((s) => s.stage)).toEqual([...ARM64_PATH_STAGES]);
  });

  it('does not take the instruction abort of the first fetch (same vector slot) for a system call', () => {
    const m = machine();
    const w = new KernelPathWatch(m);
    // _start's page is faulted in through the entry first: the run passes over it
    // (no pass recorded for it) and stops when the write's svc gets there.
    expect(w.run(10_000, w.entryPoints).kind).toBe('breakpoint');
    expect(m.events.some((e) => e.type === 'page-fault')).toBe(true);
    expect(Number(arm64(m).cpu.sysreg('ESR_EL1') >> 26n)).toBe(0x15);
    expect(w.recorder.finished()).toBeNull();
    expect(w.run(100_000).kind).toBe('exit');
    const t = w.timeline()!;
    expect(t.complete).toBe(false);
    expect(t.line).toBe('exit(0) = ?');
    expect(w.recorder.finished()!.line).toBe('write(1, "hi\\n", 3) = 3');
  });
});

describe('KernelPathRecorder.abandon', () => {
  it('cuts an open pass off as the last, incomplete one; later boundaries are ignored until a new entry', () => {
    const zero = meterTotals(Object.fromEntries(COST_EVENTS.map((e) => [e, 0])) as Record<CostEvent, number>);
    const r = new KernelPathRecorder(new Map([[1, 'vector'], [2, 'kernel_entry'], [3, 'eret']]), new Set([1]), 1, ARM64_PATH);
    r.observe(1, 0, { addr: 1, instructions: 1, cycles: zero });
    r.abandon();
    // The fault's own path: not added to the abandoned pass.
    r.observe(2, 0, { addr: 2, instructions: 2, cycles: zero });
    r.observe(3, 0, { addr: 3, instructions: 3, cycles: zero });
    r.observe(9, 3, { addr: 9, instructions: 4, cycles: zero });
    const t = r.finished()!;
    expect(t.complete).toBe(false);
    expect(t.stages.map((s) => s.stage)).toEqual(['svc', 'vector']);
  });
});
