// Worker operations on emulated machines: load a program (from source), run it with
// a budget, single-step it, and report a MachineView. Machines live in the worker;
// the host refers to them by session id.

import { buildFromSource, ExecError, Machine } from '../../../core/machine.js';
import { viewMachine } from '../../../core/machine-view.js';
import type { KernelStop } from '../../../core/kernel/kernel.js';
import type { RunEvent } from '../../../core/trace/events.js';
import { KernelPathWatch } from '../../../core/trace/kernel-path-watch.js';
import type { UserProgramInfo } from '../../../core/machine-inspect.js';
import type { LoadReply, LoadRequest, SessionState } from '../../common/types.js';
import { registerArchitecture, registerOp } from './worker-ops.js';

export interface Session {
  machine: Machine;
  lines: Map<number, number>;
  /** Source map, symbols and text of the user program (for the inspection views). */
  program: UserProgramInfo;
  /** Drives runs and steps, recording the kernel-path timeline. */
  watch: KernelPathWatch;
  /** Filled by the machine's output and event callbacks. */
  out: { stdout: string; trace: string[]; events: RunEvent[] };
  last: KernelStop | null;
}

const MAX_TEXT = 256 * 1024;
const MAX_LINES = 5000;
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
  return { sessionId: id, ...describe(s.last), stdout: s.out.stdout, trace: s.out.trace, events: s.out.events.slice(-500), view: viewMachine(s.machine, s.lines) };
}

export function session(payload: unknown): [number, Session] {
  const id = (payload as { sessionId: number }).sessionId;
  const s = sessions.get(id);
  if (!s) throw new Error(`no machine session ${id} (it may have been closed or the core restarted)`);
  return [id, s];
}

registerArchitecture('x86_64');
registerArchitecture('arm64');

registerOp('machine.load', (payload): LoadReply => {
  const req = payload as LoadRequest;
  const built = buildFromSource(req.source, req.arch);
  if (!built.ok) return { ok: false, errors: built.errors.map((e) => ({ line: e.line, column: e.column, message: e.message })) };
  const out = { stdout: '', trace: [] as string[], events: [] as RunEvent[] };
  let machine: Machine;
  try {
    machine = Machine.fromElf(built.program.elf, '/home/student/a.out', {
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
  } catch (err) {
    if (err instanceof ExecError) return { ok: false, errors: [{ line: 1, column: 1, message: err.message }] };
    throw err;
  }
  const program = { lines: built.program.lines, symbols: built.program.symbols, source: req.source };
  const s: Session = { machine, lines: built.program.lines, program, watch: new KernelPathWatch(machine), out, last: null };
  if (req.stdin !== undefined) {
    s.machine.pushStdin(new TextEncoder().encode(req.stdin));
    s.machine.endStdin();
  }
  const id = nextSession++;
  sessions.set(id, s);
  return { ok: true, sessionId: id, state: state(id, s) };
});

registerOp('machine.run', (payload, budget, progress) => {
  const [id, s] = session(payload);
  const untilSyscall = (payload as { until?: string }).until === 'syscall';
  // Run in slices so the host sees progress and a long run stays responsive.
  const slice = 1_000_000;
  let left = budget;
  for (;;) {
    const n = Math.min(slice, left);
    s.last = s.watch.run(n, untilSyscall ? s.watch.entryPoints : undefined);
    left -= n;
    if (s.last.kind !== 'budget' || left <= 0) break;
    progress({ instructions: s.machine.stats().instructions, syscalls: s.machine.stats().syscalls });
  }
  return state(id, s);
});

registerOp('machine.step', (payload) => {
  const [id, s] = session(payload);
  const count = (payload as { count?: number }).count ?? 1;
  for (let i = 0; i < count; i++) {
    s.last = s.watch.step();
    if (s.last.kind !== 'budget') break;
  }
  // A step that simply finished is not a used-up budget: the machine is ready for more.
  if (s.last?.kind === 'budget') s.last = null;
  return state(id, s);
});

registerOp('machine.close', (payload) => {
  const id = (payload as { sessionId: number }).sessionId;
  return { closed: sessions.delete(id) };
});
