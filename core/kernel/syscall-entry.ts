// do_syscall_64 and do_int80_syscall_32: the TypeScript behind the entry code's
// `call`. Bounds check, table lookup, SYSCALL_DEFINE-style argument sanitising,
// one place that writes the result register, the trace line, then the exit work.

import type { StopReason } from '../arch/x86_64/cpu.js';
import { formatReturn, formatSyscall, unknownSyscallName, UNKNOWN_SYSCALL_ARG_KINDS, type SysArgKind, type SysRetKind } from '../trace/strace-format.js';
import { ENOSYS, ERESTARTNOHAND, ERESTARTSYS, ERESTART_RESTARTBLOCK, errnoName } from './errno.js';
import type { Kernel } from './kernel.js';
import { exitToUserMode, hasDeliverable, killPending } from './signal-delivery.js';
import { buildTable, rowFor, sanitize, type SyscallRow, type TableEntry } from './syscall-table.js';
import { BLOCK, type SysCtx } from './syscalls/context.js';
import { nanosleepRemaining } from './syscalls/time.js';
import type { Task } from './task.js';
import type { PtRegs } from './x86_64/pt-regs.js';

const X86_TABLE = buildTable('x86_64');
const I386_TABLE = buildTable('i386');
const ARG_REGS_64 = ['rdi', 'rsi', 'rdx', 'r10', 'r8', 'r9'] as const;
const ARG_REGS_32 = ['rbx', 'rcx', 'rdx', 'rsi', 'rdi', 'rbp'] as const;
const ENTRY_REGS = ['rax', 'rdi', 'rsi', 'rdx', 'r10', 'r8', 'r9', 'rcx', 'r11', 'rip', 'rsp', 'orig_rax'] as const;

function restartCode(row: SyscallRow): number {
  switch (row.restart) {
    case 'restart-block':
      return -ERESTART_RESTARTBLOCK;
    case 'restartnohand':
      return -ERESTARTNOHAND;
    case 'eintr':
      return -4;
    default:
      return -ERESTARTSYS;
  }
}

/** How the call entered: SYSCALL, int 0x80, or arm64's svc #0. */
export type SyscallVia = 'syscall' | 'int80' | 'svc';

interface Outcome {
  ret: bigint;
  row: SyscallRow | null;
  /** The registers as a tracer sees them (strace prints these, not the sanitised values). */
  args: bigint[];
}

/** Runs the call; returns null when the task went to sleep (the entry will be retried). */
export function dispatch(k: Kernel, task: Task, table: TableEntry[], nr: number, raw: bigint[], via: SyscallVia, entry: Record<string, string> | null): Outcome | 'blocked' | 'exited' {
  k.meter.charge('dispatch');
  const row = rowFor(table, nr);
  if (row === undefined || row === 'ni_syscall') return { ret: BigInt(-ENOSYS), row: null, args: raw };
  // Compat (int 0x80) arguments are 32-bit: the kernel ignores the upper halves.
  const args = row.args.map((a, i) => sanitize(via === 'int80' ? BigInt.asUintN(32, raw[i]!) : raw[i]!, a.type));
  const ctx: SysCtx = { k, task, proc: task.proc, mm: task.proc.mm, arch: k.arch, args };
  const shown = raw.slice(0, row.args.length);
  if (row.ret === 'noreturn') traceCall(k, task, row.name, shown, row.args.map((a) => a.kind), 0n, 'noreturn', via, entry);
  k.meter.charge('kernelCacheMisses');
  const result = row.impl(ctx);
  if (killPending(task.proc)) k.killProcess(task.proc, 9, false, { deferExitEvent: true });
  if (task.state === 'zombie' || task.proc.exitStatus !== null) {
    // The call never returned (kill(getpid(), SIGKILL), a fatal exec...): strace shows `= ?`.
    if (row.ret !== 'noreturn') traceCall(k, task, row.name, shown, row.args.map((a) => a.kind), 0n, 'noreturn', via, entry);
    k.flushDeferredExit();
    return 'exited';
  }
  if (result === BLOCK) {
    if (hasDeliverable(k, task)) {
      if (row.restart === 'restart-block') {
        // Keep the deadline: restart_syscall resumes the same sleep if no handler runs.
        if (row.name === 'nanosleep') nanosleepRemaining(ctx, false);
        task.restartBlock = row.name === 'restart_syscall' ? task.restartBlock : row.name;
      } else task.syscallState = null;
      return { ret: BigInt(restartCode(row)), row, args: shown };
    }
    return 'blocked';
  }
  return { ret: BigInt.asIntN(64, BigInt(result)), row, args: shown };
}

/** The registers as the kernel found them on entry (before the result overwrote RAX). */
function entrySnapshot(k: Kernel, regs: PtRegs): Record<string, string> | null {
  if (!k.recording) return null;
  const out: Record<string, string> = {};
  for (const r of ENTRY_REGS) out[r] = `0x${regs.get(r).toString(16)}`;
  return out;
}

export function traceCall(k: Kernel, task: Task, name: string, args: bigint[], kinds: readonly SysArgKind[], ret: bigint, retKind: SysRetKind, via: SyscallVia, entry: Record<string, string> | null): void {
  if (!entry || (!k.options.onEvent && k.events.length >= 100_000)) return;
  const mm = task.proc.mm;
  // A compat (int 0x80) call can only name 32-bit addresses: read what the kernel read.
  const toAddr = via === 'int80' ? (a: bigint) => Number(BigInt.asUintN(32, a)) : (a: bigint) => Number(BigInt.asIntN(64, a));
  const line = formatSyscall({ name, args, argKinds: kinds, ret, arch: k.arch, retKind }, (addr, len) => mm.read(toAddr(addr), len));
  const entryRegs = entry;
  const sret = Number(BigInt.asIntN(64, ret));
  const errno = sret < 0 && sret >= -4095 ? errnoName(-sret) : null;
  k.emit({
    type: 'syscall',
    pid: task.proc.pid,
    tid: task.tid,
    arch: k.arch,
    via,
    nr: Number(BigInt.asIntN(32, BigInt(entry.orig_rax ?? entry.x8 ?? '0'))),
    name,
    args: args.map((a) => `0x${BigInt.asUintN(64, a).toString(16)}`),
    returnAddress: entry.rip ?? entry.pc ?? '0x0',
    ret: sret,
    errno,
    line,
    entryRegs,
    interrupted: errno !== null && (errno.startsWith('ERESTART') || errno === 'EINTR'),
    restarted: errno !== null && errno.startsWith('ERESTART'),
    cycles: k.meter.table.modeSwitchEntry + k.meter.table.dispatch + k.meter.table.kernelCacheMisses + k.meter.table.modeSwitchExit,
  });
}

/** strace's line for the kernel-internal restart: `restart_syscall(<... resuming interrupted nanosleep ...>) = 0`. */
export function traceRestart(k: Kernel, task: Task, ret: bigint, via: SyscallVia, entry: Record<string, string>): void {
  const what = task.restartBlock ?? 'system call';
  const line = `restart_syscall(<... resuming interrupted ${what} ...>) = ${formatReturn(ret)}`;
  const sret = Number(ret);
  const errno = sret < 0 && sret >= -4095 ? errnoName(-sret) : null;
  k.emit({ type: 'syscall', pid: task.proc.pid, tid: task.tid, arch: k.arch, via, nr: k.arch === 'arm64' ? 128 : 219, name: 'restart_syscall', args: [], ret: sret, errno, line, entryRegs: entry, returnAddress: entry.rip ?? entry.pc ?? '0x0', interrupted: false, restarted: true, cycles: 0 });
  if (errno === null || !errno.startsWith('ERESTART')) task.restartBlock = null;
}

export function enter(k: Kernel): void {
  k.meter.charge('modeSwitchEntry');
  if (k.meter.table.pageTableIsolation) k.meter.charge('cr3Switch');
}

export function leave(k: Kernel): void {
  k.meter.charge('modeSwitchExit');
  if (k.meter.table.pageTableIsolation) k.meter.charge('cr3Switch');
}

export function handleSyscall(k: Kernel, task: Task, via: 'syscall'): StopReason | void {
  k.counters.syscalls++;
  enter(k);
  const regs = k.ptRegs(task);
  // do_syscall_64(regs, int nr): the number is the low 32 bits, compared unsigned.
  const nr = Number(BigInt.asUintN(32, regs.get('orig_rax')));
  const raw = ARG_REGS_64.map((r) => regs.get(r));
  const entry = entrySnapshot(k, regs);
  const out = dispatch(k, task, X86_TABLE, nr, raw, via, entry);
  if (out === 'exited') return { kind: 'hook', value: 'exited' };
  if (out === 'blocked') return sleep(k, task, 'do_syscall_64');
  regs.set('rax', out.ret);
  if (out.row?.name === 'restart_syscall') {
    if (entry) traceRestart(k, task, out.ret, via, entry);
  } else if (out.row?.traceArgs) {
    // rt_sigreturn: the saved mask sits at uc_sigmask in the frame, 296 bytes above the RSP it was called with.
    const rsp = BigInt(entry?.rsp ?? '0');
    traceCall(k, task, out.row.name, [rsp + 296n], out.row.traceArgs.map((a) => a.kind), out.ret, out.row.ret ?? 'dec', via, entry);
  } else if (out.row) {
    if (out.row.ret !== 'noreturn') traceCall(k, task, out.row.name, out.args, out.row.args.map((a) => a.kind), out.ret, out.row.ret ?? 'dec', via, entry);
  } else {
    // strace shows the number as the kernel takes it: the low 32 bits, sign-extended.
    traceCall(k, task, `syscall_0x${BigInt.asUintN(64, BigInt.asIntN(32, regs.get('orig_rax'))).toString(16)}`, out.args, UNKNOWN_SYSCALL_ARG_KINDS, out.ret, 'dec', via, entry);
  }
  const stop = exitToUserMode(k, task, regs, true);
  if (stop) return stop;
  leave(k);
  // SYSRET only when it restores exactly what pt_regs holds (entry_64.S's checks).
  const rip = regs.get('rip');
  const sysretOk = regs.get('rcx') === rip && regs.get('r11') === regs.get('eflags') && rip < 0x7ffffffff000n;
  k.x86.setHookReturn(sysretOk ? 1 : 0);
  if (k.yieldRequested) {
    k.yieldRequested = false;
    return { kind: 'hook', value: 'preempt' };
  }
}

export function handleInt80(k: Kernel, task: Task): StopReason | void {
  k.counters.int80++;
  k.meter.charge('interruptGate');
  const regs = k.ptRegs(task);
  const nr = Number(BigInt.asUintN(32, regs.get('orig_rax')));
  const raw = ARG_REGS_32.map((r) => regs.get(r));
  const entry = entrySnapshot(k, regs);
  const out = dispatch(k, task, I386_TABLE, nr, raw, 'int80', entry);
  if (out === 'exited') return { kind: 'hook', value: 'exited' };
  if (out === 'blocked') return sleep(k, task, 'do_int80_syscall_32');
  // Compat syscalls return a 32-bit result, sign-extended into RAX.
  regs.set('rax', BigInt.asUintN(64, BigInt.asIntN(32, out.ret)));
  if (out.row) {
    if (out.row.ret !== 'noreturn') traceCall(k, task, out.row.name, out.args, out.row.args.map((a) => a.kind), out.ret, out.row.ret ?? 'dec', 'int80', entry);
  } else traceCall(k, task, unknownSyscallName(nr), out.args, UNKNOWN_SYSCALL_ARG_KINDS, out.ret, 'dec', 'int80', entry);
  const stop = exitToUserMode(k, task, regs, true);
  if (stop) return stop;
  k.meter.charge('modeSwitchExit');
}

/** Put the task to sleep inside the hook; when it next runs, the hook runs again (the call is retried). */
function sleep(k: Kernel, task: Task, label: 'do_syscall_64' | 'do_int80_syscall_32'): StopReason {
  task.state = 'sleeping';
  k.x86.retryHookOnResume(label);
  return { kind: 'hook', value: 'blocked' };
}
