// vDSO calls as run events. A vDSO call never enters the kernel, so nothing traps:
// the kernel notices it through the clock read itself (rdtsc executed in user mode
// inside the vDSO page asks the kernel's TSC source). Each read belongs to the call
// whose return address is on the user stack; a second read for the same call is a
// seqlock retry. The event is emitted once the task next enters the kernel (or the
// run stops), with the value the call returned, its retries and its cycles, and no
// mode switch: the point a lab makes with it ("vDSO: no kernel entry").
//
// getcpu reads no clock, so it is not seen this way; the cycles are the instruction
// count of the function's fast path (plus one seqlock loop per retry) at the cost
// table's per-instruction price, counted once from the image.

import { disassemble } from '../../arch/x86_64/disassembler.js';
import type { Kernel } from '../kernel.js';
import type { Task } from '../task.js';
import { vdsoImage, type VdsoImage } from './vdso-image.js';
import { VVAR_CLOCKS, VVAR_TSC_BASE, VVAR_TSC_DEN, VVAR_TSC_NUM } from './vvar.js';
import { VDSO_FUNCTIONS } from './vdso-source.js';

interface PendingCall {
  fn: string;
  /** Where the call returns in the program: tells one call from the next. */
  caller: number;
  reads: number;
  ret: number;
  value: string;
}

/** Instructions on a function's fast path (branches not taken, calls followed), from the image. */
function pathLength(img: VdsoImage, start: number): number {
  const calls: number[] = [];
  let at = start;
  let n = 0;
  while (n < 500) {
    const d = disassemble(img.bytes.subarray(at, at + 16), at);
    n++;
    const call = /^call\s+0x([0-9a-f]+)$/.exec(d.text);
    if (call) {
      calls.push(at + d.length);
      at = parseInt(call[1]!, 16);
      continue;
    }
    if (d.text.startsWith('ret')) {
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
function instructionsBetween(img: VdsoImage, from: number, to: number): number[] {
  const out: number[] = [];
  for (let at = from; at < to; ) {
    out.push(at);
    at += disassemble(img.bytes.subarray(at, at + 16), at).length;
  }
  return out;
}

export class VdsoCalls {
  private readonly pending = new Map<Task, PendingCall>();
  private readonly img = vdsoImage();
  /** Public functions by image offset, highest first (to find the one holding an address). */
  private readonly starts = VDSO_FUNCTIONS.map((f) => [this.img.symbols.get(f)!, f.replace('__vdso_', '')] as const).sort((a, b) => b[0] - a[0]);
  private readonly lengths = new Map<string, number>(this.starts.map(([off, name]) => [name, pathLength(this.img, off)]));
  private readonly section = instructionsBetween(this.img, this.img.seqlock[0], this.img.seqlock[1]);
  private readonly retryLength = this.section.length;
  /**
   * A tick forces a retry only between the two loads of seq: after the first (section[0])
   * has run and before the second (the third instruction from the end, before cmp and jne).
   */
  private readonly cutFrom = this.section[1]!;
  private readonly cutTo = this.section[this.section.length - 3]!;
  /** Tasks whose read section a tick cut: their next clock read is a retry. */
  private readonly cut = new Set<Task>();

  constructor(private readonly k: Kernel) {}

  /** A timer tick interrupted `task` in user mode at vDSO offset `off`: true if its seqlock read must retry. */
  onTick(task: Task, off: number): boolean {
    if (off < this.cutFrom || off > this.cutTo) return false;
    this.cut.add(task);
    return true;
  }

  /** rdtsc ran; `tsc` is what it returns. Counts it against the vDSO call it belongs to. */
  onClockRead(tsc: number): void {
    const k = this.k;
    // Only the x86-64 vDSO exists (arm64 time calls go through svc).
    if (k.arch !== 'x86_64') return;
    const task = k.current;
    const cpu = k.x86.cpu;
    if (!task || cpu.cpl !== 3 || !k.recording) return;
    const base = task.proc.mm.vdsoBase;
    const off = cpu.rip - base;
    if (base === 0 || off < 0 || off >= 4096) return;
    // vread runs with [rsp] = the return into the public function, [rsp + 8] = the program's return address.
    const frame = task.proc.mm.read(Number(cpu.getReg(4)), 16);
    if (!frame) return;
    const v = new DataView(frame.buffer);
    const inner = Number(v.getBigUint64(0, true)) - base;
    const caller = Number(v.getBigUint64(8, true));
    const fn = this.starts.find(([start]) => start <= inner)?.[1];
    if (fn === undefined) return;
    const result = this.valueOf(fn, Number(cpu.getReg(1)) & 0xffffffff, tsc);
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
