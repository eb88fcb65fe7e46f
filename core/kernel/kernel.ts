// The kernel: tasks, the scheduler, time, and the run loop that drives the CPU.
// Syscall dispatch lives in syscall-entry.ts, signal delivery in signal-delivery.ts,
// program loading in exec.ts; this file ties them to the CPU through the arch glue.

import { CostMeter, DEFAULT_COSTS } from '../cost/cost-table.js';
import { OutOfPhysicalMemory, PhysicalMemory } from '../mm/phys-memory.js';
import { VdsoMapping } from './vdso/vdso-mapping.js';
import { fireTimers } from './traps.js';
import type { Arch, RunEvent } from '../trace/events.js';
import { formatExitLine } from '../trace/strace-format.js';
import { KernelFiles } from './files.js';
import { DEFAULT_LIMITS, type KernelOptions, type KernelStop, type Limits } from './kernel-types.js';
import { AddressSpace } from './mm/address-space.js';
import { SignalHandlers, newRusage, type PendingSignal, type Process, type SavedContext, type Task } from './task.js';
import { X86Arch } from './x86_64/x86-arch.js';
import { Arm64Arch } from './arm64/arm64-arch.js';
import type { CpuStop, KernelArch, TrapFrame } from './kernel-arch.js';
import type { StopReason as X86Stop } from '../arch/x86_64/cpu.js';
import type { StopReason as Arm64Stop } from '../arch/arm64/types.js';
import { runKernelHook } from './kernel-hooks.js';
import { accountSwitch } from './context-switch.js';
import { killPending, resumeAfterStop, sendSignalToProcess, sigreturn } from './signal-delivery.js';
import { SeededRandom } from './random.js';
import { SIGCHLD, SIGKILL } from './signal-names.js';

export type { KernelOptions, KernelStop, Limits } from './kernel-types.js';
export { DEFAULT_LIMITS } from './kernel-types.js';

const TICK_NS = 1_000_000; // HZ = 1000

export class Kernel {
  readonly mem: PhysicalMemory;
  readonly meter: CostMeter;
  readonly limits: Limits;
  readonly arch: Arch;
  /** The architecture glue (x86-64 or AArch64): everything that touches the CPU. */
  readonly archOps: KernelArch;
  readonly files: KernelFiles;
  readonly rng: SeededRandom;
  readonly aslr: boolean;
  readonly tasks = new Map<number, Task>();
  readonly processes = new Map<number, Process>();
  current: Task | null = null;
  /** Tasks ready to run, in order (the scheduler's run queue). */
  readonly runQueue: Task[] = [];
  /** Pids start where a freshly booted system's user processes would; the first one's parent is init (1). */
  private nextPid = 100;
  init: Process | null = null;
  private idleNs = 0;
  readonly realtimeBaseNs: number;
  private nextTickNs = TICK_NS;
  /** Timer ticks the running task has had since it was scheduled. */
  sliceTicks = 0;
  outputBytes = 0;
  limitHit: string | null = null;
  readonly events: RunEvent[] = [];
  private readonly onEvent: ((e: RunEvent) => void) | undefined;
  /** Counted for --stats: mode switches into the kernel by cause. */
  readonly counters = { syscalls: 0, int80: 0, exceptions: 0, timerInterrupts: 0, contextSwitches: 0, cr3Switches: 0, signalsDelivered: 0, vdsoSeqlockRetries: 0 };
  /** The vDSO and vvar pages shared by every process. */
  readonly vdso: VdsoMapping;
  /** Instructions retired when the current CPU slice began (time counts them as they run). */
  private sliceStart = 0;

  constructor(readonly options: KernelOptions) {
    this.arch = options.arch;
    this.limits = { ...DEFAULT_LIMITS, ...options.limits };
    // Physical memory covers the guest limit plus the kernel's own pages and tables.
    this.mem = new PhysicalMemory(this.limits.memoryBytes + 64 * 1024 * 1024);
    this.meter = new CostMeter({ ...DEFAULT_COSTS, ...options.costs });
    this.rng = new SeededRandom(options.seed ?? 1);
    this.aslr = options.aslr ?? true;
    this.realtimeBaseNs = options.realtimeBaseNs ?? 1_767_225_600_000_000_000; // 2026-01-01T00:00:00Z
    this.onEvent = options.onEvent;
    // Hooks only ever stop the CPU with {kind: 'hook'}, which both CPUs' StopReason include.
    this.archOps =
      options.arch === 'arm64'
        ? new Arm64Arch(this.mem, (label) => this.onHook(label) as Arm64Stop | void)
        : new X86Arch(this.mem, (label) => this.onHook(label) as X86Stop | void);
    this.files = new KernelFiles(this, options.io);
    this.vdso = new VdsoMapping(this);
  }

  /** The x86-64 glue, for x86-only paths (int 0x80, arch_prctl, the IDT's exception stubs). */
  get x86(): X86Arch {
    if (this.archOps instanceof X86Arch) return this.archOps;
    throw new Error(`x86-64 register access on an ${this.arch} machine`);
  }

  // ---- time ----

  monotonicNs(): number {
    // Instructions of the slice in progress count too, so kernel time matches the TSC the vDSO reads.
    const pending = (this.archOps.cpu.stats.instructions - this.sliceStart) * this.meter.table.instruction;
    return (this.meter.total() + pending) / this.meter.table.cyclesPerNs + this.idleNs;
  }

  realtimeNs(): number {
    return this.realtimeBaseNs + this.monotonicNs();
  }

  cpuTimeNs(task: Task): number {
    return (task.rusage.userCycles + task.rusage.systemCycles) / this.meter.table.cyclesPerNs;
  }

  // ---- events ----

  get recording(): boolean {
    return this.options.record !== false;
  }

  emit(event: RunEvent): void {
    if (!this.recording) return;
    if (this.events.length < 100_000) this.events.push(event);
    this.onEvent?.(event);
  }

  // ---- processes and tasks ----

  allocPid(): number {
    return this.nextPid++;
  }

  newProcess(parent: Process | null, mm: AddressSpace): Process {
    const pid = this.allocPid();
    const proc: Process = {
      pid,
      ppid: parent ? parent.pid : 1,
      mm,
      handlers: parent ? parent.handlers.clone() : new SignalHandlers(),
      sharedPending: [],
      tasks: [],
      exitStatus: null,
      exitSignal: null,
      coreDumped: false,
      children: [],
      parent,
      minorFaults: 0,
      reaped: false,
      exe: parent?.exe ?? '',
      argv: parent ? [...parent.argv] : [],
      personality: parent?.personality ?? 0,
      auxv: parent?.auxv ?? [],
      alarmAt: null,
      stopped: false,
      stopReport: null,
      continuedReport: false,
      itimerInterval: 0,
      cwd: parent?.cwd ?? '/home/student',
    };
    parent?.children.push(proc);
    this.processes.set(pid, proc);
    return proc;
  }

  newAddressSpace(): AddressSpace {
    const counters = { minorFaults: 0 };
    const mm = new AddressSpace(this.mem, this.archOps.port, this.archOps.port.newRoot(), counters, this.limits.memoryBytes, this.archOps.layout.taskSize);
    this.archOps.watchCodeWrites(mm);
    mm.meter = this.meter;
    return mm;
  }

  newTask(proc: Process, tid: number, context: SavedContext): Task {
    const stack = this.archOps.allocKernelStack();
    const task: Task = {
      tid,
      proc,
      state: 'runnable',
      context,
      kernelStackTop: stack.top,
      kernelStackFrames: stack.frames,
      kernelStackSlot: stack.slot,
      blocked: 0n,
      pending: [],
      savedMask: null,
      clearChildTid: 0n,
      fsBase: (context as { fsBase: number }).fsBase,
      wakeAt: null,
      syscallState: null,
      waitingOn: null,
      rusage: newRusage(),
      restartBlock: null,
      stopResume: null,
      altStack: { sp: 0, size: 0, flags: 0 },
    };
    proc.tasks.push(task);
    this.tasks.set(tid, task);
    this.runQueue.push(task);
    return task;
  }

  ptRegs(task: Task) {
    return this.x86.ptRegs(task.kernelStackFrames);
  }

  /** The pt_regs the entry code saved for `task`, whichever the architecture. */
  trapFrame(task: Task): TrapFrame {
    return this.archOps.trapFrame(task);
  }

  /** wait4 collected this child: it is gone for good. */
  reap(proc: Process): void {
    proc.reaped = true;
    if (proc.parent) proc.parent.children = proc.parent.children.filter((c) => c !== proc);
    this.processes.delete(proc.pid);
  }

  // ---- exit ----

  /** A task is gone: its kernel stack is freed at the next schedule, when nothing runs on it. */
  bury(task: Task): void {
    task.state = 'zombie';
    this.tasks.delete(task.tid);
    this.deadTasks.push(task);
  }
  private deadTasks: Task[] = [];

  exitTask(task: Task, status: number): void {
    const proc = task.proc;
    this.bury(task);
    proc.tasks = proc.tasks.filter((t) => t !== task);
    if (task.clearChildTid !== 0n) proc.mm.write(Number(BigInt.asIntN(64, task.clearChildTid)), new Uint8Array(4));
    if (proc.tasks.length === 0) this.finishProcess(proc, status, null, false);
    else {
      // One thread of several: strace -f still reports it, under the thread's id.
      const code = (status >> 8) & 0xff;
      this.emit({ type: 'exit', pid: task.tid, status: code, signal: null, line: formatExitLine({ code }) });
    }
  }

  exitGroup(proc: Process, status: number): void {
    for (const t of [...proc.tasks]) this.bury(t);
    proc.tasks = [];
    this.finishProcess(proc, status, null, false);
  }

  /** Terminate by signal (default action), with strace's `+++ killed by ... +++`. */
  killProcess(proc: Process, signo: number, coreDumped: boolean, opts: { deferExitEvent?: boolean } = {}): void {
    for (const t of [...proc.tasks]) this.bury(t);
    proc.tasks = [];
    if (opts.deferExitEvent) this.deferExit = true;
    this.finishProcess(proc, signo, signo, coreDumped);
    this.deferExit = false;
  }

  /** An exit line held back so the syscall that caused it is traced first (kill(getpid(), SIGKILL) = ?). */
  private deferExit = false;
  private deferredExit: RunEvent | null = null;

  flushDeferredExit(): void {
    if (this.deferredExit) this.emit(this.deferredExit);
    this.deferredExit = null;
  }

  private finishProcess(proc: Process, status: number, signal: number | null, coreDumped: boolean): void {
    if (proc.exitStatus !== null) return;
    proc.exitStatus = signal === null ? (status >> 8) & 0xff : 0;
    proc.exitSignal = signal;
    proc.coreDumped = coreDumped;
    this.files.releaseProcess(proc);
    proc.mm.destroy();
    // Orphans are re-parented to init (pid 1, outside the machine): nobody waits for them.
    for (const child of proc.children) {
      child.parent = null;
      child.ppid = 1;
      if (child.exitStatus !== null) this.reap(child);
    }
    proc.children = [];
    const line = formatExitLine(signal === null ? { code: proc.exitStatus } : { signal, coreDumped });
    const exitEvent: RunEvent = { type: 'exit', pid: proc.pid, status: proc.exitStatus, signal, line };
    if (this.deferExit) this.deferredExit = exitEvent;
    else this.emit(exitEvent);
    const parent = proc.parent;
    if (parent && parent.exitStatus === null) {
      sendSignalToProcess(this, parent, { signo: SIGCHLD, code: signal === null ? 1 : coreDumped ? 3 : 2, pid: proc.pid, uid: 1000, addr: null, status: signal ?? proc.exitStatus });
      this.wake(`child:${parent.pid}`);
    } else proc.reaped = true;
  }

  // ---- sleeping and waking ----

  /** Wake every task sleeping on `key` so it retries its call. */
  wake(key: string): void {
    for (const t of this.tasks.values()) {
      if (t.state === 'sleeping' && t.waitingOn === key) this.makeRunnable(t);
    }
  }

  makeRunnable(task: Task): void {
    if (task.state !== 'sleeping' && task.state !== 'stopped') return;
    task.state = 'runnable';
    task.waitingOn = null;
    task.wakeAt = null;
    if (task !== this.current) this.runQueue.push(task);
  }

  /**
   * sched_yield: give up the CPU while staying runnable. Linux counts that as an
   * involuntary switch (nivcsw), and only when another task actually takes the CPU.
   */
  requestReschedule(task: Task): void {
    if (this.runQueue.some((t) => t.state === 'runnable' && t !== task)) task.rusage.involuntarySwitches++;
    this.yieldRequested = true;
  }
  /** Set by sched_yield: the syscall exit path preempts the caller. */
  yieldRequested = false;

  discardPending(proc: Process, signo: number): void {
    proc.sharedPending = proc.sharedPending.filter((s) => s.signo !== signo);
    for (const t of proc.tasks) t.pending = t.pending.filter((s) => s.signo !== signo);
  }

  sigreturn(task: Task): bigint {
    return sigreturn(this, task);
  }

  // ---- hooks: the TypeScript behind the entry code ----

  private onHook(label: string): CpuStop | void {
    const task = this.current;
    if (!task) return { kind: 'hook', value: 'panic: kernel hook with no current task' };
    const entered = this.meter.total();
    // A vDSO call the task made before this kernel entry has returned by now (the timer can cut into one).
    this.vdso.calls.onKernelEntry(task, label);
    const stop = runKernelHook(this, task, label);
    task.rusage.systemCycles += this.meter.total() - entered;
    return stop;
  }

  // ---- the run loop ----

  run(budget: number): KernelStop {
    const stop = this.runSlices(budget);
    this.vdso.calls.flushAll();
    return stop;
  }

  private runSlices(budget: number): KernelStop {
    const cpu = this.archOps.cpu;
    let left = budget;
    while (left > 0) {
      // The run ends when the first program has exited and no task is left (strace -f waits for all).
      if (this.init && this.init.exitStatus !== null && this.tasks.size === 0) return this.exitStop(this.init);
      if (this.limitHit) return { kind: 'limit', message: this.limitHit };
      if (!this.current) {
        const idle = this.scheduleNext();
        if (idle) return idle;
        continue;
      }
      const nsToTick = this.nextTickNs - this.monotonicNs();
      const slice = Math.max(1, Math.min(left, Math.ceil(nsToTick * this.meter.table.cyclesPerNs)));
      const before = cpu.stats.instructions;
      const missesBefore = cpu.stats.tlbMisses;
      this.sliceStart = before;
      let stop: CpuStop;
      try {
        stop = cpu.run(slice);
      } catch (err) {
        // Physical memory is bounded; running out ends the run with a clear message.
        if (err instanceof OutOfPhysicalMemory) return { kind: 'limit', message: `the program used more memory than the run allows (${this.limits.memoryBytes / 1048576} MiB)` };
        throw err;
      }
      const ran = cpu.stats.instructions - before;
      this.meter.instructions(ran);
      // Each TLB miss cost a page walk (user and kernel accesses alike).
      const misses = cpu.stats.tlbMisses - missesBefore;
      if (misses > 0) this.meter.charge('tlbMiss', misses);
      this.sliceStart = cpu.stats.instructions;
      if (this.archOps.inUserMode()) this.current.rusage.userCycles += ran;
      left -= Math.max(1, ran);
      if (this.monotonicNs() >= this.nextTickNs) this.tick();
      const result = this.afterCpuStop(stop);
      if (result) return result;
    }
    return { kind: 'budget' };
  }

  private exitStop(proc: Process): KernelStop {
    return { kind: 'exit', code: proc.exitSignal === null ? proc.exitStatus : null, signal: proc.exitSignal, coreDumped: proc.coreDumped };
  }

  private afterCpuStop(stop: CpuStop): KernelStop | null {
    switch (stop.kind) {
      case 'budget':
        return null;
      case 'breakpoint':
        return { kind: 'breakpoint', addr: stop.addr };
      case 'hlt':
      case 'wfi':
        return { kind: 'panic', message: 'the CPU halted in kernel mode' };
      case 'exception':
        if ('ec' in stop) return { kind: 'panic', message: `unhandled CPU exception EC 0x${stop.ec.toString(16)} at 0x${BigInt.asUintN(64, BigInt(stop.elr)).toString(16)} (VBAR_EL1 could not deliver it)` };
        return { kind: 'panic', message: `unhandled CPU exception ${stop.vector} at 0x${BigInt.asUintN(64, BigInt(stop.addr)).toString(16)} (the IDT could not deliver it)` };
      case 'hook': {
        const value = String(stop.value);
        if (value.startsWith('panic')) return { kind: 'panic', message: value.slice(7) };
        const task = this.current!;
        if (value === 'exited') {
          this.current = null;
          return null;
        }
        if (value === 'limit') return { kind: 'limit', message: this.limitHit ?? 'a run limit was reached' };
        task.context = this.archOps.saveContext();
        task.fsBase = this.archOps.userTls();
        // Sleeping or stopped, the task gave the CPU up: a voluntary switch (nvcsw), even when the CPU then idles.
        if (value === 'blocked' && (task.state === 'sleeping' || task.state === 'stopped')) task.rusage.voluntarySwitches++;
        if (value === 'preempt') {
          this.runQueue.push(task);
        }
        this.current = null;
        return null;
      }
    }
  }

  /** A timer tick: in user mode it arrives as an interrupt through the IDT. */
  private tick(): void {
    this.nextTickNs += TICK_NS;
    this.vdso.refresh();
    if (!this.current || !this.archOps.inUserMode()) return;
    // A tick inside the vDSO's seqlock read section changes seq under the reader: it will retry.
    const base = this.current.proc.mm.vdsoBase;
    if (base !== 0 && this.vdso.calls.onTick(this.current, this.archOps.pc() - base)) this.counters.vdsoSeqlockRetries++;
    this.archOps.deliverTimer();
  }

  /** Pick the next task; when none can run, advance idle time or report why we are stuck. */
  private scheduleNext(): KernelStop | null {
    // No task is on the CPU now, so the dead ones' kernel stacks can go.
    for (const t of this.deadTasks.splice(0)) {
      this.archOps.freeKernelStack(t.kernelStackSlot, t.kernelStackFrames);
      if (this.previous === t) this.previous = null;
    }
    for (;;) {
      const next = this.runQueue.shift();
      if (next) {
        if (next.state !== 'runnable' || !this.tasks.has(next.tid)) continue;
        if (killPending(next.proc)) {
          this.killProcess(next.proc, SIGKILL, false);
          continue;
        }
        this.switchTo(next);
        // Continued after a stop: deliver what is pending before user mode runs again.
        const resumed = resumeAfterStop(this, next);
        if (resumed) return this.afterCpuStop(resumed);
        return null;
      }
      const sleepers = [...this.tasks.values()].filter((t) => t.state === 'sleeping');
      if (sleepers.length === 0) {
        if (this.init && this.init.exitStatus !== null) return this.exitStop(this.init);
        return { kind: 'blocked', on: 'deadlock' };
      }
      const deadlines = [...sleepers.map((t) => t.wakeAt), ...[...this.processes.values()].map((p) => (p.exitStatus === null ? p.alarmAt : null))].filter(
        (d): d is number => d !== null,
      );
      if (deadlines.length === 0) {
        if (sleepers.some((t) => t.waitingOn === 'stdin')) return { kind: 'blocked', on: 'stdin' };
        return { kind: 'blocked', on: 'deadlock' };
      }
      // Nothing to run until the next deadline: the CPU idles and time jumps forward.
      const wakeAt = Math.min(...deadlines);
      if (wakeAt > this.monotonicNs()) this.idleNs += wakeAt - this.monotonicNs();
      while (this.nextTickNs <= this.monotonicNs()) this.nextTickNs += TICK_NS;
      fireTimers(this);
    }
  }

  private previous: Task | null = null;

  private switchTo(task: Task): void {
    const prev = this.previous;
    if (prev !== task) accountSwitch(this, prev, task);
    this.previous = task;
    this.current = task;
    this.archOps.setKernelStack(task.kernelStackTop);
    this.archOps.restoreContext(task.context, task.proc.mm.root);
    this.archOps.setTls(task.fsBase);
  }

  /** Charge output against the run's limit; false when the limit is crossed. */
  chargeOutput(bytes: number): boolean {
    this.outputBytes += bytes;
    if (this.outputBytes > this.limits.outputBytes) {
      this.limitHit = `the program wrote more than ${this.limits.outputBytes} bytes of output; it was stopped`;
      return false;
    }
    return true;
  }

  pendingFor(task: Task): PendingSignal[] {
    return [...task.pending, ...task.proc.sharedPending];
  }
}
