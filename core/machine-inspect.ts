// More of what the stepping UI shows of a stopped machine, beside machine-view.ts:
// the disassembly around the PC with its source lines, the current task's signal
// state, and its memory map in /proc/<pid>/maps form. Plain JSON-safe data.

import { procMaps } from './kernel/proc-files.js';
import { IDT_BASE, KERNEL_STACK_SIZE, KERNEL_TEXT, PERCPU } from './kernel/x86_64/layout.js';
import { SA_NOCLDSTOP, SA_NODEFER, SA_ONSTACK, SA_RESETHAND, SA_RESTART, SA_RESTORER, SA_SIGINFO } from './kernel/sigaction-flags.js';
import { signalName } from './kernel/signal-names.js';
import type { Task } from './kernel/task.js';
import { hex64, symbolize } from './machine-memory.js';
import type { Machine } from './machine.js';

export interface UserProgramInfo {
  /** Instruction address → source line. */
  lines: ReadonlyMap<number, number>;
  symbols: ReadonlyMap<string, number>;
  /** The program's source text (for showing its lines). */
  source: string;
}

export interface DisassemblyLine {
  addr: string;
  text: string;
  where: 'user' | 'kernel';
  symbol: string | null;
  /** Source line number and its text: the program's, or the kernel entry code's. */
  line: number | null;
  source: string | null;
  current: boolean;
}

/**
 * About `before` instructions before the PC and `after` from it. x86 code cannot be
 * decoded backwards, so the window starts at an instruction start the source map
 * knows (the program's or the entry code's); elsewhere (the vDSO) it starts at the PC.
 */
export function disassemblyWindow(m: Machine, program: UserProgramInfo, before = 4, after = 10): DisassemblyLine[] {
  const k = m.kernel;
  const arch = k.archOps;
  const cpu = arch.cpu;
  const text = arch.text;
  const pc = arch.pc();
  const kernel = pc < 0;
  const lines = kernel ? text.lines : program.lines;
  const sourceLines = (kernel ? text.source : program.source).split('\n');
  const starts = [...lines.keys()].filter((a) => a < pc && (a < 0) === kernel && pc - a < 256).sort((a, b) => a - b);
  // AArch64 instructions are all 4 bytes, so the window simply starts `before` words back.
  const fixed = k.arch === 'arm64';
  const start = fixed ? pc - 4 * before : lines.has(pc) ? (starts.at(-before) ?? starts[0] ?? pc) : pc;
  const count = fixed ? before + 1 + after : starts.filter((a) => a >= start).length + after;
  const kernelSource = text.source.split('\n');
  return cpu.disassembleAt(start, count).map((d) => {
    const inKernel = d.addr < 0;
    const line = (inKernel ? text.lines.get(d.addr) : program.lines.get(d.addr)) ?? null;
    const src = inKernel ? kernelSource : sourceLines;
    return {
      addr: hex64(d.addr),
      text: d.text,
      where: inKernel ? ('kernel' as const) : ('user' as const),
      symbol: symbolize(inKernel ? text.symbols : program.symbols, d.addr),
      line,
      source: line !== null ? (src[line - 1]?.trim() ?? null) : null,
      current: d.addr === pc,
    };
  });
}

export interface SignalHandlerView {
  signo: number;
  name: string;
  /** SIG_DFL, SIG_IGN, or the handler's address (with its symbol when known). */
  handler: string;
  flags: string[];
  /** Signals blocked while the handler runs (sa_mask). */
  mask: string[];
}

export interface SignalsView {
  pid: number;
  tid: number;
  blocked: string[];
  /** Pending for this thread, then for the whole process. */
  pending: { name: string; scope: 'thread' | 'process' }[];
  handlers: SignalHandlerView[];
}

// sigaction(2): the flags a student meets, in the order strace prints them.
const SA_FLAGS: [bigint, string][] = [
  [SA_NOCLDSTOP, 'SA_NOCLDSTOP'],
  [SA_SIGINFO, 'SA_SIGINFO'],
  [SA_RESTORER, 'SA_RESTORER'],
  [SA_ONSTACK, 'SA_ONSTACK'],
  [SA_RESTART, 'SA_RESTART'],
  [SA_NODEFER, 'SA_NODEFER'],
  [SA_RESETHAND, 'SA_RESETHAND'],
];

const nameOf = (signo: number): string => signalName(signo) ?? `signal ${signo}`;

export function signalSet(mask: bigint): string[] {
  const out: string[] = [];
  for (let s = 1; s <= 64; s++) if (mask & (1n << BigInt(s - 1))) out.push(nameOf(s));
  return out;
}

/** The task the UI talks about: the one on the CPU, else the first program's first thread. */
export function currentTask(m: Machine): Task | null {
  return m.kernel.current ?? m.kernel.init?.tasks[0] ?? null;
}

export function signalsView(m: Machine, program: UserProgramInfo): SignalsView | null {
  const task = currentTask(m);
  if (!task) return null;
  const handlers: SignalHandlerView[] = [];
  task.proc.handlers.actions.forEach((a, signo) => {
    if (signo === 0 || (a.handler === 0n && a.flags === 0n && a.mask === 0n)) return;
    const addr = Number(a.handler);
    const handler = a.handler === 0n ? 'SIG_DFL' : a.handler === 1n ? 'SIG_IGN' : `${hex64(a.handler)}${symbolize(program.symbols, addr) ? ` <${symbolize(program.symbols, addr)}>` : ''}`;
    handlers.push({ signo, name: nameOf(signo), handler, flags: SA_FLAGS.filter(([bit]) => (a.flags & bit) !== 0n).map(([, n]) => n), mask: signalSet(a.mask) });
  });
  return {
    pid: task.proc.pid,
    tid: task.tid,
    blocked: signalSet(task.blocked),
    pending: [...task.pending.map((p) => ({ name: nameOf(p.signo), scope: 'thread' as const })), ...task.proc.sharedPending.map((p) => ({ name: nameOf(p.signo), scope: 'process' as const }))],
    handlers,
  };
}

/** The current process's /proc/<pid>/maps text ('' when no process is left). */
export function mapsText(m: Machine): string {
  const task = currentTask(m);
  return task ? procMaps(m.kernel, task.proc.pid) : '';
}

/** A region of the kernel half this machine really uses (the kernel's maps are not in /proc/<pid>/maps). */
export interface KernelRegion {
  start: string;
  end: string;
  perms: string;
  name: string;
}

export function kernelRegions(m: Machine): KernelRegion[] {
  const k = m.kernel;
  if (k.arch !== 'x86_64') {
    // AArch64: the entry code's own extent (the other kernel regions are laid out differently).
    const addrs = [...k.archOps.text.symbols.values()];
    if (addrs.length === 0) return [];
    const lo = Math.min(...addrs);
    const hi = Math.ceil((Math.max(...addrs) + 16 - lo) / 4096) * 4096 + lo;
    return [{ start: hex64(lo), end: hex64(hi), perms: 'r-x', name: 'kernel text (vectors and entry code)' }];
  }
  const lastSymbol = Math.max(...k.x86.text.symbols.values());
  const textEnd = Math.ceil((lastSymbol + 16 - KERNEL_TEXT) / 4096) * 4096 + KERNEL_TEXT;
  const out: KernelRegion[] = [
    { start: hex64(KERNEL_TEXT), end: hex64(textEnd), perms: 'r-x', name: 'kernel text (entry code)' },
    { start: hex64(PERCPU), end: hex64(PERCPU + 4096), perms: 'rw-', name: 'per-CPU area' },
    { start: hex64(IDT_BASE), end: hex64(IDT_BASE + 4096), perms: 'r--', name: 'IDT' },
  ];
  const task = currentTask(m);
  if (task) out.push({ start: hex64(task.kernelStackTop - KERNEL_STACK_SIZE), end: hex64(task.kernelStackTop), perms: 'rw-', name: `kernel stack (tid ${task.tid})` });
  return out.sort((a, b) => (BigInt(a.start) < BigInt(b.start) ? -1 : 1));
}
