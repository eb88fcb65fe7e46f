// vDSO calls as run events. A vDSO call never enters the kernel, so nothing traps:
// the kernel notices it through the clock read itself (rdtsc, or mrs CNTVCT_EL0 on
// arm64, executed in user mode inside the vDSO page asks the kernel's counter source).
// Each read belongs to the call whose return address the reader holds (on the user
// stack on x86-64, in x17 on arm64); a second read for the same call is a seqlock retry. The event is emitted once the task next enters the kernel (or the
// run stops), with the value the call returned, its retries and its cycles, and no
// mode switch: the point a lab makes with it ("vDSO: no kernel entry").
//
// getcpu (x86-64) and clock_getres (arm64) read no clock, so they are not seen this
// way; the cycles are the instruction count of the function's fast path (plus one
// seqlock loop per retry) at the cost table's per-instruction price, counted once
// from the image. Each architecture's registers and instruction walk come from its
// VdsoAbi (x86-vdso-abi.ts, arm64-vdso-abi.ts); the bookkeeping here is shared.

import type { Kernel } from '../kernel.js';
import type { Task } from '../task.js';
import type { VdsoAbi } from './vdso-abi.js';
import { VVAR_CLOCKS, VVAR_TSC_BASE, VVAR_TSC_DEN, VVAR_TSC_NUM } from './vvar.js';

interface PendingCall {
  fn: string;
  /** Where the call returns in the program: tells one call from the next. */
  caller: number;
  reads: number;
  ret: number;
  value: string;
}

/** Instructions on a function's fast path (branches not taken, calls followed), from the image. */
function pathLength(abi: VdsoAbi, start: number): number {
  const calls: number[] = [];
  let at = start;
  let n = 0;
  while (n < 500) {
    const d = abi.step(at);
    n++;
    if (d.call !== null) {
      calls.push(at + d.length);
      at = d.call;
      continue;
    }
    if (d.ret) {
      const back = calls.pop();
      if (back === undefined) return n;
      at = back;
      continue;
    }
    at += d.length;
  }
  return n;
}

/** Offsets of the instructions in [from, to). */
function instructionsBetween(abi: VdsoAbi, from: number, to: number): number[] {
  const out: number[] = [];
  for (let at = from; at < to; ) {
    out.push(at);
    at += abi.step(at).length;
  }
  return out;
}

/** The timer interrupt's hooks (x86-64, arm64): a tick may land inside a call, which then goes on. */
const TIMER_HOOKS: ReadonlySet<string> = new Set(['do_timer_interrupt', 'el0t_64_irq_handler']);

export class VdsoCalls {
  private readonly pending = new Map<Task, PendingCall>();
  /** Public functions by image offset, highest first (to find the one holding an address). */
  private readonly starts: (readonly [number, string])[];
  private readonly lengths: Map<string, number>;
  private readonly retryLength: number;
  /**
   * A tick forces a retry only between the two loads of seq: after the first (section[0])
   * has run and before the second (the third instruction from the end, before the compare and branch).
   */
  private readonly cutFrom: number;
  private readonly cutTo: number;
  /** Tasks whose read section a tick cut: their next clock read is a retry. */
  private readonly cut = new Set<Task>();

  constructor(
    private readonly k: Kernel,
    private readonly abi: VdsoAbi,
  ) {
    const img = abi.img;
    this.starts = abi.functions.map(([sym, name]) => [img.symbols.get(sym)!, name] as const).sort((a, b) => b[0] - a[0]);
    this.lengths = new Map(this.starts.map(([off, name]) => [name, pathLength(abi, off)]));
    const section = instructionsBetween(abi, img.seqlock[0], img.seqlock[1]);
    this.retryLength = section.length;
    this.cutFrom = section[1]!;
    this.cutTo = section[section.length - 3]!;
  }

  /** A timer tick interrupted `task` in user mode at vDSO offset `off`: true if its seqlock read must retry. */
  onTick(task: Task, off: number): boolean {
    if (off < this.cutFrom || off > this.cutTo) return false;
    this.cut.add(task);
    return true;
  }

  /** The counter (rdtsc / CNTVCT_EL0) was read; `tsc` is what it returns. Counts it against the vDSO call it belongs to. */
  onClockRead(tsc: number): void {
    const k = this.k;
    const task = k.current;
    if (!task || !k.recording) return;
    const base = task.proc.mm.vdsoBase;
    if (base === 0) return;
    const read = this.abi.clockRead(task.proc.mm, base);
    if (!read) return;
    const { inner, caller } = read;
    const fn = this.starts.find(([start]) => start <= inner)?.[1];
    if (fn === undefined) return;
    const result = this.valueOf(fn, read.clock, tsc);
    const same = this.pending.get(task);
    const retry = this.cut.delete(task);
    if (retry && same && same.caller === caller && same.fn === fn) {
      same.reads++;
      same.ret = result.ret;
      same.value = result.value;
      return;
    }
    this.flush(task);
    this.pending.set(task, { fn, caller, reads: 1, ...result });
  }

  /** What the call returns, computed from vvar exactly as the vDSO's vread does. */
  private valueOf(fn: string, clock: number, tsc: number): { ret: number; value: string } {
    const vvar = this.k.vdso.vvarAddress;
    const dv = this.k.mem.view;
    const u64 = (o: number) => Number(dv.getBigUint64(vvar + o, true));
    const ticks = Math.max(0, Math.floor(tsc) - u64(VVAR_TSC_BASE));
    const ns = u64(VVAR_CLOCKS + clock * 16 + 8) + Math.floor((ticks * u64(VVAR_TSC_NUM)) / u64(VVAR_TSC_DEN));
    const sec = u64(VVAR_CLOCKS + clock * 16) + Math.floor(ns / 1e9);
    const nsec = ns % 1e9;
    if (fn === 'time') return { ret: sec, value: String(sec) };
    if (fn === 'gettimeofday') return { ret: 0, value: `{tv_sec=${sec}, tv_usec=${Math.floor(nsec / 1000)}}` };
    return { ret: 0, value: `{tv_sec=${sec}, tv_nsec=${nsec}}` };
  }

  /** `task` entered the kernel through hook `label`: unless it is the timer, its vDSO call has returned. */
  onKernelEntry(task: Task, label: string): void {
    if (this.pending.size !== 0 && !TIMER_HOOKS.has(label)) this.flush(task);
  }

  /** Emit the task's finished call, if any (it entered the kernel, or the run stopped). */
  flush(task: Task): void {
    const call = this.pending.get(task);
    if (!call) return;
    this.pending.delete(task);
    const retries = call.reads - 1;
    const instructions = (this.lengths.get(call.fn) ?? 0) + retries * this.retryLength;
    this.k.emit({ type: 'vdso-call', pid: task.proc.pid, tid: task.tid, fn: call.fn, ret: call.ret, value: call.value, seqlockRetries: retries, cycles: instructions * this.k.meter.table.instruction });
  }

  flushAll(): void {
    for (const task of [...this.pending.keys()]) this.flush(task);
    this.cut.clear();
  }
}
