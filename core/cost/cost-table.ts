// The cycle cost model: one documented table of what each boundary event costs on an
// emulated 3 GHz core. Labs may change any row (e.g. page-table isolation on, which
// adds a CR3 switch to every kernel entry and exit). Defaults are typical of recent
// x86-64 hardware without mitigations: a null syscall round trip of ~250 cycles
// (entry + exit + dispatch + cache misses + ~50 entry-path instructions), a vDSO
// clock_gettime (~35 instructions, no mode switch) ~13× cheaper than the syscall,
// a process context switch of ~1.6 µs (registers, scheduler, CR3, cold caches),
// and a fraction of a cycle per byte a syscall copies between user and kernel memory.

export interface CostTable {
  /** Emulated clock, cycles per nanosecond. */
  cyclesPerNs: number;
  /** Each retired guest instruction (a simple in-order approximation). */
  instruction: number;
  /** SYSCALL/SVC into the kernel: the privilege change and pipeline flush. */
  modeSwitchEntry: number;
  /** SYSRET/ERET/IRET back to user mode. */
  modeSwitchExit: number;
  /** int 0x80 through the IDT: gate lookup, descriptor checks, stack switch. */
  interruptGate: number;
  /** The dispatcher's table lookup and argument sanitising. */
  dispatch: number;
  /** Extra cache misses on kernel data touched by a syscall. */
  kernelCacheMisses: number;
  /** Reading the clocksource inside a time syscall (copying the timespec out is copyByte). */
  clockRead: number;
  /** A page walk after a TLB miss. */
  tlbMiss: number;
  /** Writing CR3 / TTBR0 (plus the TLB refill it causes, charged per later miss). */
  cr3Switch: number;
  /** Saving and restoring the register file on a context switch. */
  contextSwitchRegisters: number;
  /** Scheduler bookkeeping on a switch. */
  schedule: number;
  /** Cold caches after switching to another process. */
  contextSwitchCache: number;
  /** Servicing a minor page fault (allocate + zero + map). */
  pageFault: number;
  /** Building a signal frame and redirecting to the handler (the frame's bytes are priced here, not by copyByte). */
  signalDelivery: number;
  /**
   * Each byte copy_to_user / copy_from_user moves across the boundary (cycles per byte,
   * usually below 1): what makes a 64 KiB read() dearer than a 1-byte one.
   */
  copyByte: number;
  /** When true, every kernel entry and exit also switches CR3 (KPTI). */
  pageTableIsolation: boolean;
}

export const DEFAULT_COSTS: CostTable = {
  cyclesPerNs: 3,
  instruction: 1,
  modeSwitchEntry: 70,
  modeSwitchExit: 60,
  interruptGate: 150,
  dispatch: 15,
  kernelCacheMisses: 60,
  clockRead: 180,
  tlbMiss: 30,
  cr3Switch: 200,
  contextSwitchRegisters: 300,
  schedule: 900,
  contextSwitchCache: 3500,
  pageFault: 900,
  signalDelivery: 1200,
  // The kernel copies user data with `rep movsb` (copy_user_generic, ERMS/FSRM) or an
  // unrolled ldp/stp loop (arm64 copy_template.S); on warm, cached data both sustain
  // several bytes per cycle (Intel optimization manual: ERMSB moves a cache line per
  // few cycles), so ~5 bytes per cycle. A read() from the page cache pays a little more
  // per byte than the copy alone (a page lookup every 4 KiB); 0.2 is close to the slope
  // of a native 1 B..64 KiB read sweep on a recent x86-64 (~0.07 ns per byte at 3 GHz).
  copyByte: 0.2,
  pageTableIsolation: false,
};

export const COST_EVENTS = [
  'instructions',
  'modeSwitchEntry',
  'modeSwitchExit',
  'interruptGate',
  'dispatch',
  'kernelCacheMisses',
  'clockRead',
  'tlbMiss',
  'cr3Switch',
  'contextSwitchRegisters',
  'schedule',
  'contextSwitchCache',
  'pageFault',
  'signalDelivery',
  'copyByte',
] as const;
export type CostEvent = (typeof COST_EVENTS)[number];
type TableEvent = Exclude<CostEvent, 'instructions'>;

/** Each event's index in COST_EVENTS, for chargeAt on hot paths (`EV.dispatch`). */
export const EV = Object.fromEntries(COST_EVENTS.map((e, i) => [e, i])) as Readonly<Record<CostEvent, number>>;

/** Cycles charged per event type, and how often each happened. */
export class CostMeter {
  // Indexed by EV: a string-keyed record costs a megamorphic property lookup per charge,
  // which showed up at several percent of a null syscall's host time.
  private readonly cyc = new Float64Array(COST_EVENTS.length);
  private readonly cnt = new Float64Array(COST_EVENTS.length);
  /** Running sum of `cycles`, kept so the clock is cheap to read. */
  private sum = 0;
  constructor(public table: CostTable = { ...DEFAULT_COSTS }) {}

  /** Cycles charged so far, by event. */
  get cycles(): Record<CostEvent, number> {
    return this.record(this.cyc);
  }

  /** How often each event happened. */
  get counts(): Record<CostEvent, number> {
    return this.record(this.cnt);
  }

  /** Cycles charged so far as an array in COST_EVENTS order (a copy; cheap enough to sample per instruction). */
  cycleTotals(): number[] {
    const c = this.cyc;
    const out = new Array<number>(c.length);
    for (let i = 0; i < c.length; i++) out[i] = c[i]!;
    return out;
  }

  /** Cycles charged so far for one event (`ev` is EV.<event>). */
  cyclesAt(ev: number): number {
    return this.cyc[ev]!;
  }

  private record(from: Float64Array): Record<CostEvent, number> {
    const out = {} as Record<CostEvent, number>;
    COST_EVENTS.forEach((e, i) => (out[e] = from[i]!));
    return out;
  }

  /** Charge `times` occurrences of an event at the table's price; returns the cycles. */
  charge(event: TableEvent, times = 1): number {
    const c = this.table[event] * times;
    this.chargeAt(EV[event]!, c, times);
    return c;
  }

  /**
   * The same as charge for callers on a hot path: `ev` is EV.<event> and `cycles` the
   * price they read from `table` by its constant name (`meter.table.dispatch`).
   */
  chargeAt(ev: number, cycles: number, times = 1): void {
    this.cyc[ev] += cycles;
    this.cnt[ev] += times;
    this.sum += cycles;
  }

  instructions(n: number): void {
    this.chargeAt(EV.instructions!, n * this.table.instruction, n);
  }

  total(): number {
    return this.sum;
  }

  /** Emulated nanoseconds so far. */
  nowNs(): number {
    return this.total() / this.table.cyclesPerNs;
  }
}
