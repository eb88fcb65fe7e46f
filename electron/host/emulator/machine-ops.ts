// Worker operations on emulated machines: load a program (from source), run it with
// a budget, step it (into, over, back), set breakpoints, and report a MachineView.
// Machines live in the worker; the host refers to them by session id. Each session
// keeps a SnapshotHistory so Step back can restore the state before the last action.

import { performance } from 'node:perf_hooks';
import { buildFromSource, ExecError, Machine } from '../../../core/machine.js';
import { viewMachine } from '../../../core/machine-view.js';
import type { KernelStop } from '../../../core/kernel/kernel.js';
import { SnapshotHistory, type MachineCall, type MachineDriver } from '../../../core/snapshot-history.js';
import type { RunEvent } from '../../../core/trace/events.js';
import { KernelPathWatch } from '../../../core/trace/kernel-path-watch.js';
import type { UserProgramInfo } from '../../../core/machine-inspect.js';
import type { BreakpointsReply, LoadReply, LoadRequest, SessionState } from '../../common/types.js';
import { resolveBreakpoints, type BreakpointRequest } from './breakpoint-lines.js';
import { interrupted, registerArchitecture, registerOp, type ProgressSink } from './worker-ops.js';

interface Output {
  stdout: string;
  trace: string[];
  events: RunEvent[];
}

export interface Session {
  history: SnapshotHistory;
  /** The live machine and its kernel-path watch (both replaced when Step back boots afresh). */
  machine: Machine;
  watch: KernelPathWatch;
  lines: Map<number, number>;
  /** Source map, symbols and text of the user program (for the inspection views). */
  program: UserProgramInfo;
  /** Filled by the machine's output and event callbacks; replaced when a replay boots afresh. */
  out: Output;
  last: KernelStop | null;
}

const MAX_TEXT = 256 * 1024;
const MAX_LINES = 5000;
/** Instructions per slice of a run: small enough that progress and Stop are checked often. */
const SLICE = 5_000;
/** Progress goes to the host at most this often (ms); the UI redraws on each one. */
const PROGRESS_MS = 25;
const sessions = new Map<number, Session>();
let nextSession = 1;
const decoder = new TextDecoder();

function describe(stop: KernelStop | null): Pick<SessionState, 'status' | 'message' | 'exit'> {
  if (!stop) return { status: 'ready', message: null, exit: null };
  switch (stop.kind) {
    case 'exit':
      return { status: 'exited', message: null, exit: { code: stop.code, signal: stop.signal } };
    case 'blocked':
      return { status: 'blocked', message: stop.on === 'stdin' ? 'waiting for input on stdin' : 'every task is waiting: deadlock', exit: null };
    case 'breakpoint':
      return { status: 'breakpoint', message: null, exit: null };
    case 'budget':
      return { status: 'budget', message: 'instruction budget used up; run again to continue', exit: null };
    case 'limit':
      return { status: 'limit', message: stop.message, exit: null };
    case 'panic':
      return { status: 'panic', message: stop.message, exit: null };
  }
}

function state(id: number, s: Session): SessionState {
  const m = s.machine;
  return {
    sessionId: id,
    ...describe(s.last),
    stdout: s.out.stdout,
    trace: s.out.trace,
    events: s.out.events.slice(-500),
    view: viewMachine(m, s.lines),
    stepsBack: s.history.depth,
  };
}

export function session(payload: unknown): [number, Session] {
  const id = (payload as { sessionId: number }).sessionId;
  const s = sessions.get(id);
  if (!s) throw new Error(`no machine session ${id} (it may have been closed or the core restarted)`);
  return [id, s];
}

/** Calls progress() at most every PROGRESS_MS of wall time. */
function throttled(s: Session, progress: ProgressSink): () => void {
  let last = performance.now();
  return () => {
    const now = performance.now();
    if (now - last < PROGRESS_MS) return;
    last = now;
    const st = s.machine.stats();
    progress({ instructions: st.instructions, syscalls: st.syscalls });
  };
}

/** One user action on the session's history: the calls it makes are logged for replay. */
function action(s: Session, work: (call: (c: MachineCall) => KernelStop) => KernelStop | null): void {
  s.history.begin();
  const shown = work((c) => s.history.call(c)!);
  s.last = shown;
  s.history.end(shown);
}

registerArchitecture('x86_64');
registerArchitecture('arm64');

registerOp('machine.load', (payload): LoadReply => {
  const req = payload as LoadRequest;
  const built = buildFromSource(req.source, req.arch);
  if (!built.ok) return { ok: false, errors: built.errors.map((e) => ({ line: e.line, column: e.column, message: e.message })) };
  const stdin = req.stdin !== undefined ? new TextEncoder().encode(req.stdin) : null;
  // Boots the same machine every time it is called: the first load and every replay.
  let fresh: { machine: Machine; watch: KernelPathWatch; out: Output } | null = null;
  const boot = (): Machine => {
    const out: Output = { stdout: '', trace: [], events: [] };
    const machine = Machine.fromElf(built.program.elf, '/home/student/a.out', {
      arch: req.arch,
      seed: req.seed ?? 1,
      aslr: req.aslr ?? true,
      argv: ['./a.out'],
      output: (_fd, bytes) => {
        if (out.stdout.length < MAX_TEXT) out.stdout += decoder.decode(bytes);
      },
      onEvent: (e) => {
        if ('line' in e && out.trace.length < MAX_LINES) out.trace.push(e.line);
        if (out.events.length < 20_000) out.events.push(e);
      },
    });
    if (stdin) {
      machine.pushStdin(stdin);
      machine.endStdin();
    }
    fresh = { machine, watch: new KernelPathWatch(machine), out };
    if (s) Object.assign(s, fresh);
    return machine;
  };
  let s: Session | null = null;
  let history: SnapshotHistory;
  try {
    // Runs and steps go through the kernel-path watch, in the first run and in replays alike.
    history = new SnapshotHistory(boot, (): MachineDriver => driver(fresh!.machine, fresh!.watch));
  } catch (err) {
    if (err instanceof ExecError) return { ok: false, errors: [{ line: 1, column: 1, message: err.message }] };
    throw err;
  }
  const program = { lines: built.program.lines, symbols: built.program.symbols, source: req.source };
  const booted = fresh!;
  s = { history, ...booted, lines: built.program.lines, program, last: null };
  const id = nextSession++;
  sessions.set(id, s);
  return { ok: true, sessionId: id, state: state(id, s) };
});

/** The calls a user action makes, through the watch so the kernel-path timeline records them. */
function driver(machine: Machine, watch: KernelPathWatch): MachineDriver {
  return {
    run: (budget) => watch.run(budget),
    runToSyscall: (budget) => watch.run(budget, watch.entryPoints),
    step: () => watch.step(),
    stepOver: (budget) => machine.stepOver(budget, (n) => watch.run(n)),
  };
}

registerOp('machine.run', (payload, budget, progress) => {
  const [id, s] = session(payload);
  const untilSyscall = (payload as { until?: string }).until === 'syscall';
  const tick = throttled(s, progress);
  action(s, (call) => {
    // Run in slices so the host sees progress, Stop is honoured and the worker never goes quiet.
    let left = budget;
    for (;;) {
      const n = Math.min(SLICE, left);
      const stop = call({ kind: untilSyscall ? 'runToSyscall' : 'run', budget: n });
      left -= n;
      if (stop.kind !== 'budget' || left <= 0) return stop;
      if (interrupted()) return null; // stopped by the student: ready to continue
      tick();
    }
  });
  return state(id, s);
});

registerOp('machine.step', (payload) => {
  const [id, s] = session(payload);
  const count = (payload as { count?: number }).count ?? 1;
  action(s, (call) => {
    let stop: KernelStop = { kind: 'budget' };
    for (let i = 0; i < count && stop.kind === 'budget'; i++) stop = call({ kind: 'step' });
    // A step that simply finished is not a used-up budget: the machine is ready for more.
    return stop.kind === 'budget' ? null : stop;
  });
  return state(id, s);
});

registerOp('machine.stepOver', (payload, budget) => {
  const [id, s] = session(payload);
  action(s, (call) => {
    const before = s.machine.stats().instructions;
    const stop = call({ kind: 'stepOver', budget });
    if (stop.kind !== 'budget') return stop;
    // The call came back within the budget: ready. Otherwise say the budget ran out.
    return s.machine.stats().instructions - before < budget ? null : stop;
  });
  return state(id, s);
});

registerOp('machine.stepBack', (payload, _budget, progress) => {
  const [id, s] = session(payload);
  const restored = s.history.stepBack(throttled(s, progress));
  if (restored) s.last = restored.stop;
  return state(id, s);
});

registerOp('machine.setBreakpoints', (payload): BreakpointsReply => {
  const [id, s] = session(payload);
  const resolved = resolveBreakpoints(payload as BreakpointRequest, s.lines, s.machine.kernel.x86.text.lines);
  s.history.setBreakpoints(resolved.map((b) => b.addr));
  return { sessionId: id, breakpoints: resolved.map((b) => ({ where: b.where, line: b.line, requested: b.requested, addr: `0x${BigInt.asUintN(64, BigInt(b.addr)).toString(16)}` })) };
});

registerOp('machine.close', (payload) => {
  const id = (payload as { sessionId: number }).sessionId;
  return { closed: sessions.delete(id) };
});
