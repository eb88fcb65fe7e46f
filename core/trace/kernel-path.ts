// The kernel-path timeline: which stages of the syscall entry and exit the CPU went
// through for the last system call, and what each cost in emulated cycles.
//
// Stages begin at addresses in the kernel's entry code (found from its own
// disassembly, so they follow the code if it changes) and are measured with the
// cost meter's running per-event totals sampled when the CPU reaches each one.
// Charges the kernel makes inside the TypeScript hook (do_syscall_64, el0_svc) are
// given to the stage they belong to by their kind: the mode switch in to the trap
// stage (`syscall` / `svc`), the table lookup to `dispatch`, signal delivery to
// `exit-work`, the mode switch out to the return stage (`sysret` / `eret`); the rest,
// including the bytes the handler copies to and from user memory (copyByte), is the
// handler's own work. Each architecture's stages are a PathPlan
// (kernel-path-stages.ts); this file reads x86-64's boundaries, kernel-path-arm64.ts
// AArch64's.
// Pure: no clock, no I/O — the caller passes the samples in.

import { COST_EVENTS, type CostEvent } from '../cost/cost-table.js';
import { X86_PATH, type EntryLine, type KernelPathStage, type PathPlan, type StageBoundaries } from './kernel-path-stages.js';

export { ARM64_PATH, ARM64_PATH_STAGES, ARM64_STAGE_LABELS, KERNEL_PATH_STAGES, STAGE_LABELS, X86_PATH } from './kernel-path-stages.js';
export type { EntryLine, KernelPathStage, PathPlan, StageBoundaries } from './kernel-path-stages.js';

const norm = (text: string): string => text.trim().replace(/\s+/g, ' ');

/**
 * Read the stage boundaries off the entry code. `entries` are the listings that
 * start at an entry point (entry_SYSCALL_64, entry_INT80_compat) or an exit path
 * label; `hooks` are the addresses whose `call` runs the TypeScript handler.
 */
export function entryBoundaries(entries: { name: string; kind: 'entry' | 'exit'; lines: EntryLine[] }[], hooks: ReadonlySet<number>): StageBoundaries {
  const out: StageBoundaries = new Map();
  for (const listing of entries) {
    let pushed = false;
    let afterCall = false;
    listing.lines.forEach((line, i) => {
      const t = norm(line.text);
      if (listing.kind === 'entry' && i === 0) out.set(line.addr, 'swapgs');
      else if (listing.kind === 'entry' && i === 1 && !t.startsWith('push')) out.set(line.addr, 'kernel-stack');
      if (afterCall) {
        out.set(line.addr, 'exit-work');
        afterCall = false;
      }
      if (listing.kind === 'entry' && !pushed && t.startsWith('push')) {
        out.set(line.addr, 'pt_regs');
        pushed = true;
      }
      if (t === 'mov rdi,rsp' && pushed) out.set(line.addr, 'dispatch');
      const call = /^call (0x[0-9a-f]+|-?\d+)/.exec(t);
      if (call) {
        const target = Number(BigInt.asIntN(64, BigInt(call[1]!)));
        if (hooks.has(target)) {
          out.set(target, 'handler');
          afterCall = true;
        }
      }
      if (t === 'sysretq' || t === 'sysret' || t === 'iretq') out.set(line.addr, 'sysret');
    });
  }
  return out;
}

/** The cost meter's per-event cycle totals, in COST_EVENTS order (an array: sampling is on the hot path). */
export type MeterTotals = ArrayLike<number>;

/**
 * Copy a meter's per-event totals into sample form. Spelled out field by field: a
 * loop over string keys was the hottest thing in a recorded run (see
 * bench/kernel-path-watch.ts); a test keeps the order equal to COST_EVENTS.
 */
export function meterTotals(c: Readonly<Record<CostEvent, number>>): MeterTotals {
  return [
    c.instructions,
    c.modeSwitchEntry,
    c.modeSwitchExit,
    c.interruptGate,
    c.dispatch,
    c.kernelCacheMisses,
    c.clockRead,
    c.tlbMiss,
    c.cr3Switch,
    c.contextSwitchRegisters,
    c.schedule,
    c.contextSwitchCache,
    c.pageFault,
    c.signalDelivery,
    c.copyByte,
  ];
}

export interface PathSample {
  addr: number;
  /** Instructions retired so far (the CPU's counter). */
  instructions: number;
  /** The cost meter's per-event cycle totals at this point. */
  cycles: MeterTotals;
}

export interface StageCost {
  stage: KernelPathStage;
  label: string;
  instructions: number;
  cycles: number;
  /** Cycles by cost-table event (only the non-zero ones). */
  charges: Partial<Record<CostEvent, number>>;
}

export interface KernelPathTimeline {
  /** false while the CPU is still inside the path (or the call never returned, e.g. exit). */
  complete: boolean;
  stages: StageCost[];
  totalCycles: number;
  /** The strace line of the call this path served, once the handler has run. */
  line: string | null;
}

interface Mark {
  stage: KernelPathStage;
  sample: PathSample;
}

/** Charges made inside the hook that belong to another stage (see the header). */
function moved(event: CostEvent, plan: PathPlan): KernelPathStage | undefined {
  switch (event) {
    case 'modeSwitchEntry':
    case 'interruptGate':
      return plan.trap;
    case 'dispatch':
      return 'dispatch';
    case 'signalDelivery':
      return 'exit-work';
    case 'modeSwitchExit':
      return plan.ret;
    default:
      return undefined;
  }
}

function diff(a: MeterTotals, b: MeterTotals): Partial<Record<CostEvent, number>> {
  const out: Partial<Record<CostEvent, number>> = {};
  COST_EVENTS.forEach((event, i) => {
    const d = b[i]! - a[i]!;
    if (d !== 0) out[event] = d;
  });
  return out;
}

function add(into: Partial<Record<CostEvent, number>>, event: CostEvent, cycles: number): void {
  into[event] = (into[event] ?? 0) + cycles;
}

/**
 * Build the timeline from the marks of one pass through the entry code.
 * `end` is the first sample back in user mode, or (with `complete` false) the
 * latest sample of a pass still in progress; null when there is none yet.
 * `instructionCycles` is the cost of one retired instruction (the syscall itself).
 */
export function buildTimeline(marks: readonly Mark[], end: PathSample | null, complete: boolean, instructionCycles: number, line: string | null, plan: PathPlan = X86_PATH): KernelPathTimeline {
  const stages = new Map<KernelPathStage, StageCost>();
  const stage = (s: KernelPathStage): StageCost => {
    let c = stages.get(s);
    if (!c) {
      c = { stage: s, label: plan.labels[s] ?? s, instructions: 0, cycles: 0, charges: {} };
      stages.set(s, c);
    }
    return c;
  };
  // The syscall (svc) instruction retired in user mode, just before the first mark.
  const sys = stage(plan.trap);
  sys.instructions = 1;
  add(sys.charges, 'instructions', instructionCycles);
  marks.forEach((m, i) => {
    const next = marks[i + 1]?.sample ?? end;
    if (!next) {
      stage(m.stage);
      return;
    }
    const into = stage(m.stage);
    into.instructions += Math.max(0, next.instructions - m.sample.instructions);
    const d = diff(m.sample.cycles, next.cycles);
    // KPTI charges cr3Switch on entry and again on exit: half to each side.
    const cr3 = d.cr3Switch ?? 0;
    if (m.stage === 'handler' && cr3 > 0) {
      delete d.cr3Switch;
      add(stage(plan.trap).charges, 'cr3Switch', cr3 / 2);
      add(stage(plan.ret).charges, 'cr3Switch', cr3 / 2);
    }
    for (const [event, cycles] of Object.entries(d) as [CostEvent, number][]) {
      const target = m.stage === 'handler' ? (moved(event, plan) ?? 'handler') : m.stage;
      add(stage(target).charges, event, cycles);
    }
  });
  const ordered = plan.order.filter((s) => stages.has(s)).map((s) => {
    const c = stages.get(s)!;
    c.cycles = Object.values(c.charges).reduce((a, b) => a + b, 0);
    return c;
  });
  return { complete: complete && end !== null, stages: ordered, totalCycles: ordered.reduce((a, s) => a + s.cycles, 0), line };
}

/**
 * Follows the CPU through the entry code, one sample per stop. A new pass starts
 * at an entry point; it ends at the first sample back in user mode.
 */
export class KernelPathRecorder {
  private marks: Mark[] = [];
  private open = false;
  /** The last pass that ended, kept raw: building a timeline per syscall would slow long runs. */
  private done: { marks: Mark[]; end: PathSample | null; line: string | null } | null = null;
  /** Set by the caller when the handler has produced the call's trace line. */
  line: string | null = null;

  constructor(
    readonly boundaries: StageBoundaries,
    readonly entryPoints: ReadonlySet<number>,
    private readonly instructionCycles: number,
    readonly plan: PathPlan = X86_PATH,
  ) {}

  /** Call whenever the CPU stopped: at `addr`, in privilege `cpl` (0 kernel, 3 user). */
  observe(addr: number, cpl: number, sample: PathSample): void {
    if (cpl !== 0) {
      if (this.open && this.marks.at(-1)?.stage === this.plan.ret) {
        this.done = { marks: this.marks, end: sample, line: this.line };
        this.open = false;
        this.marks = [];
      }
      return;
    }
    const stage = this.boundaries.get(addr);
    if (stage === undefined) return;
    if (this.entryPoints.has(addr)) {
      const last = this.marks.at(-1);
      if (this.open && last && last.sample.addr === addr && last.sample.instructions === sample.instructions) return;
      // A pass that never came back (exit, a kill) is kept as the last, incomplete.
      if (this.open) this.done = { marks: this.marks, end: null, line: this.line };
      this.marks = [{ stage, sample }];
      this.line = null;
      this.open = true;
      return;
    }
    if (!this.open) return;
    const last = this.marks.at(-1)!;
    if (last.stage === stage) return;
    this.marks.push({ stage, sample });
  }

  /**
   * An exception that is not a system call entered the kernel (an arm64 abort through
   * the same vector slot): a pass still open (its task blocked, another one ran) is
   * cut off there and kept as the last, incomplete, so the fault's path is not added to it.
   */
  abandon(): void {
    if (!this.open) return;
    this.done = { marks: this.marks, end: null, line: this.line };
    this.open = false;
    this.marks = [];
  }

  /** The last pass that ended (came back to user mode, or was cut off by a new entry). */
  finished(): KernelPathTimeline | null {
    const d = this.done;
    return d ? buildTimeline(d.marks, d.end, d.end !== null, this.instructionCycles, d.line, this.plan) : null;
  }

  /** The pass in progress (measured up to `now`) if any, else the last finished one. */
  timeline(now: PathSample | null = null): KernelPathTimeline | null {
    if (this.open) return buildTimeline(this.marks, now, false, this.instructionCycles, this.line, this.plan);
    return this.finished();
  }
}
