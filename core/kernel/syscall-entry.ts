// do_syscall_64 and do_int80_syscall_32: the TypeScript behind the entry code's
// `call`. Bounds check, table lookup, SYSCALL_DEFINE-style argument sanitising,
// one place that writes the result register, the trace line, then the exit work.
// The common case (nobody recording, no signal pending) makes no bigint and no string:
// arguments travel as int32 halves (RawArgs) and handlers read them as numbers.

import type { StopReason } from '../arch/x86_64/cpu.js';
import { ENTRY_REGS_X86_64 as ENTRY_REGS } from '../trace/entry-regs.js';
import { formatReturn, formatSyscall, unknownSyscallName, UNKNOWN_SYSCALL_ARG_KINDS, type SysArgKind, type SysRetKind } from '../trace/strace-format.js';
import { EV } from '../cost/cost-table.js';
import { ENOSYS, ERESTARTNOHAND, ERESTARTSYS, ERESTART_RESTARTBLOCK, errnoName } from './errno.js';
import type { Kernel } from './kernel.js';
import { exitToUserMode, hasDeliverable, killPending } from './signal-delivery.js';
import { buildTable, rowFor, type SyscallRow, type TableEntry } from './syscall-table.js';
import { BLOCK, EntryCtx, RawArgs } from './syscalls/context.js';
import { nanosleepRemaining } from './syscalls/time.js';
import type { Task } from './task.js';
import { PT_REGS as R } from './x86_64/entry-source.js';
import type { PtRegs } from './x86_64/pt-regs.js';

const X86_TABLE = buildTable('x86_64');
const I386_TABLE = buildTable('i386');
const ARG_REGS_64: readonly number[] = [R.rdi, R.rsi, R.rdx, R.r10, R.r8, R.r9];
const ARG_REGS_32: readonly number[] = [R.rbx, R.rcx, R.rdx, R.rsi, R.rdi, R.rbp];
/** Scratch for the entry paths: dispatch copies what it needs, so one per module suffices. */
const RAW = new RawArgs();
const NO_ARGS: bigint[] = [];
/** Cycles the last recorded call spent copying to and from user memory (read by traceCall). */
let copiedCycles = 0;

function fillRaw(raw: RawArgs, regs: PtRegs, offs: readonly number[]): RawArgs {
  for (let i = 0; i < 6; i++) {
    raw.lo[i] = regs.lo(offs[i]!);
    raw.hi[i] = regs.hi(offs[i]!);
  }
  return raw;
}

/** The first n raw registers as bigints, for the trace. */
function rawBig(raw: RawArgs, n: number): bigint[] {
  const out: bigint[] = [];
  for (let i = 0; i < n; i++) out.push(raw.big(i));
  return out;
}

const toBig = (v: number | bigint): bigint => (typeof v === 'bigint' ? v : BigInt(v));

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
  /** The handler's result (a number in the common case; bigint for full 64-bit values). */
  ret: number | bigint;
  row: SyscallRow | null;
  /** The registers as a tracer sees them (strace prints these, not the sanitised values); empty when nobody records. */
  args: bigint[];
  /** In-out structs as they were on entry (strace decodes those before the call), when recording. */
  atEntry?: ReadonlyMap<number, Uint8Array>;
}

/**
 * Runs the call for any architecture's entry: `nr` as the entry decoded it, `raw` the six
 * argument registers (the caller's scratch; read before any handler runs), `entry` the
 * register snapshot when recording (entrySnapshot) or null. Returns 'blocked' when the
 * task went to sleep (the entry will be retried) and 'exited' when the call never returns.
 */
export function dispatch(k: Kernel, task: Task, table: TableEntry[], nr: number, raw: RawArgs, via: SyscallVia, entry: Record<string, string> | null): Outcome | 'blocked' | 'exited' {
  const meter = k.meter;
  meter.chargeAt(EV.dispatch!, meter.table.dispatch);
  copiedCycles = 0;
  const row = rowFor(table, nr);
  if (row === undefined || row === 'ni_syscall') return { ret: -ENOSYS, row: null, args: entry ? rawBig(raw, 6) : NO_ARGS };
  // Compat (int 0x80) arguments are 32-bit: the kernel ignores the upper halves.
  const ctx = new EntryCtx(k, task, k.arch, row.args, raw, via === 'int80');
  const shown = entry ? rawBig(raw, row.args.length) : NO_ARGS;
  if (entry && row.ret === 'noreturn') traceCall(k, task, row.name, shown, row.args.map((a) => a.kind), 0n, 'noreturn', via, entry);
  meter.chargeAt(EV.kernelCacheMisses!, meter.table.kernelCacheMisses);
  const atEntry = entry ? entryStructs(task, row, raw) : undefined;
  const copyBefore = entry ? meter.cyclesAt(EV.copyByte!) : 0;
  const result = row.impl(ctx);
  if (entry) copiedCycles = meter.cyclesAt(EV.copyByte!) - copyBefore;
  if (task.proc.sharedPending.length !== 0 && killPending(task.proc)) k.killProcess(task.proc, 9, false, { deferExitEvent: true });
  if (task.state === 'zombie' || task.proc.exitStatus !== null) {
    // The call never returned (kill(getpid(), SIGKILL), a fatal exec...): strace shows `= ?`.
    if (entry && row.ret !== 'noreturn') traceCall(k, task, row.name, shown, row.args.map((a) => a.kind), 0n, 'noreturn', via, entry);
    k.flushDeferredExit();
    return 'exited';
  }
  if (result === BLOCK) {
    if (hasDeliverable(k, task)) {
      if (row.restart === 'restart-block') {
        // Keep the deadline: restart_syscall resumes the same sleep if no handler runs.
        if (row.name === 'nanosleep') nanosleepRemaining(ctx, false);
        task.restartBlock = row.name === 'restart_syscall' ? task.restartBlock : row.name;
      } else {
        row.interrupted?.(ctx);
        task.syscallState = null;
      }
      return { ret: restartCode(row), row, args: shown, ...(atEntry ? { atEntry } : {}) };
    }
    return 'blocked';
  }
  // A number beyond 2^53 is normalised the way a bigint is: the register's signed value.
  return { ret: typeof result === 'number' && Number.isSafeInteger(result) ? result : BigInt.asIntN(64, BigInt(result)), row, args: shown, ...(atEntry ? { atEntry } : {}) };
}

/** The 'timespec-inout' arguments' bytes before the call rewrites them (ppoll's timeout). */
function entryStructs(task: Task, row: SyscallRow, raw: RawArgs): ReadonlyMap<number, Uint8Array> | undefined {
  let out: Map<number, Uint8Array> | undefined;
  row.args.forEach((a, i) => {
    if (a.kind !== 'timespec-inout') return;
    // The tracer's own read: no copy cost for the guest.
    const b = task.proc.mm.readUncharged(Number(BigInt.asIntN(64, raw.big(i))), 16);
    if (b) (out ??= new Map()).set(i, b.slice());
  });
  return out;
}

/** The registers as the kernel found them on entry (before the result overwrote RAX). */
function entrySnapshot(k: Kernel, regs: PtRegs): Record<string, string> | null {
  if (!k.recording) return null;
  const out: Record<string, string> = {};
  for (const r of ENTRY_REGS) out[r] = `0x${regs.get(r).toString(16)}`;
  return out;
}

export function traceCall(k: Kernel, task: Task, name: string, args: bigint[], kinds: readonly SysArgKind[], ret: bigint, retKind: SysRetKind, via: SyscallVia, entry: Record<string, string> | null, atEntry?: ReadonlyMap<number, Uint8Array>): void {
  if (!entry || (!k.options.onEvent && k.events.length >= 100_000)) return;
  const mm = task.proc.mm;
  // A compat (int 0x80) call can only name 32-bit addresses: read what the kernel read.
  const toAddr = via === 'int80' ? (a: bigint) => Number(BigInt.asUintN(32, a)) : (a: bigint) => Number(BigInt.asIntN(64, a));
  const line = formatSyscall({ name, args, argKinds: kinds, ret, arch: k.arch, retKind, ...(atEntry ? { atEntry } : {}) }, (addr, len) => mm.readUncharged(toAddr(addr), len));
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
    cycles: k.meter.table.modeSwitchEntry + k.meter.table.dispatch + k.meter.table.kernelCacheMisses + k.meter.table.modeSwitchExit + copiedCycles,
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
  const m = k.meter;
  m.chargeAt(EV.modeSwitchEntry!, m.table.modeSwitchEntry);
  if (m.table.pageTableIsolation) m.chargeAt(EV.cr3Switch!, m.table.cr3Switch);
}

export function leave(k: Kernel): void {
  const m = k.meter;
  m.chargeAt(EV.modeSwitchExit!, m.table.modeSwitchExit);
  if (m.table.pageTableIsolation) m.chargeAt(EV.cr3Switch!, m.table.cr3Switch);
}

/** SYSRET only when it restores exactly what pt_regs holds: RCX = RIP, R11 = RFLAGS, RIP canonical-low (entry_64.S). */
function sysretAllowed(regs: PtRegs): boolean {
  if (regs.lo(R.rcx) !== regs.lo(R.rip) || regs.hi(R.rcx) !== regs.hi(R.rip)) return false;
  if (regs.lo(R.r11) !== regs.lo(R.eflags) || regs.hi(R.r11) !== regs.hi(R.eflags)) return false;
  // Unsigned RIP < 0x7ffffffff000.
  const hi = regs.hi(R.rip) >>> 0;
  return hi < 0x7fff || (hi === 0x7fff && regs.lo(R.rip) >>> 0 < 0xfffff000);
}

export function handleSyscall(k: Kernel, task: Task, via: 'syscall'): StopReason | void {
  k.counters.syscalls++;
  enter(k);
  const x86 = k.x86;
  const regs = x86.ptRegs(task.kernelStackFrames);
  // do_syscall_64(regs, int nr): the number is the low 32 bits, compared unsigned.
  const nr = regs.lo(R.orig_rax) >>> 0;
  const entry = entrySnapshot(k, regs);
  const out = dispatch(k, task, X86_TABLE, nr, fillRaw(RAW, regs, ARG_REGS_64), via, entry);
  if (out === 'exited') return { kind: 'hook', value: 'exited' };
  if (out === 'blocked') return sleep(k, task, 'do_syscall_64');
  if (typeof out.ret === 'number') regs.setNum(R.rax, out.ret);
  else regs.set('rax', out.ret);
  if (entry) traceSyscall64(k, task, regs, out, via, entry);
  const stop = exitToUserMode(k, task, regs, true);
  if (stop) return stop;
  leave(k);
  x86.setHookReturn(sysretAllowed(regs) ? 1 : 0);
  if (k.yieldRequested) {
    k.yieldRequested = false;
    return { kind: 'hook', value: 'preempt' };
  }
}

export function handleInt80(k: Kernel, task: Task): StopReason | void {
  k.counters.int80++;
  k.meter.charge('interruptGate');
  const regs = k.ptRegs(task);
  const nr = regs.lo(R.orig_rax) >>> 0;
  const entry = entrySnapshot(k, regs);
  const out = dispatch(k, task, I386_TABLE, nr, fillRaw(RAW, regs, ARG_REGS_32), 'int80', entry);
  if (out === 'exited') return { kind: 'hook', value: 'exited' };
  if (out === 'blocked') return sleep(k, task, 'do_int80_syscall_32');
  // Compat syscalls return a 32-bit result, sign-extended into RAX.
  const ret = toBig(out.ret);
  regs.set('rax', BigInt.asUintN(64, BigInt.asIntN(32, ret)));
  if (out.row) {
    if (out.row.ret !== 'noreturn') traceCall(k, task, out.row.name, out.args, out.row.args.map((a) => a.kind), ret, out.row.ret ?? 'dec', 'int80', entry);
  } else traceCall(k, task, unknownSyscallName(nr), out.args, UNKNOWN_SYSCALL_ARG_KINDS, ret, 'dec', 'int80', entry);
  const stop = exitToUserMode(k, task, regs, true);
  if (stop) return stop;
  k.meter.charge('modeSwitchExit');
}

/** The trace line for a call that returned (recording only). */
function traceSyscall64(k: Kernel, task: Task, regs: PtRegs, out: Outcome, via: 'syscall', entry: Record<string, string>): void {
  const ret = toBig(out.ret);
  if (out.row?.name === 'restart_syscall') {
    traceRestart(k, task, ret, via, entry);
  } else if (out.row?.traceArgs) {
    // rt_sigreturn: the saved mask sits at uc_sigmask in the frame, 296 bytes above the RSP it was called with.
    const rsp = BigInt(entry.rsp ?? '0');
    traceCall(k, task, out.row.name, [rsp + 296n], out.row.traceArgs.map((a) => a.kind), ret, out.row.ret ?? 'dec', via, entry);
  } else if (out.row) {
    if (out.row.ret !== 'noreturn') traceCall(k, task, out.row.name, out.args, out.row.args.map((a) => a.kind), ret, out.row.ret ?? 'dec', via, entry, out.atEntry);
  } else {
    // strace shows the number as the kernel takes it: the low 32 bits, sign-extended.
    traceCall(k, task, `syscall_0x${BigInt.asUintN(64, BigInt.asIntN(32, regs.get('orig_rax'))).toString(16)}`, out.args, UNKNOWN_SYSCALL_ARG_KINDS, ret, 'dec', via, entry);
  }
}

/** Put the task to sleep inside the hook; when it next runs, the hook runs again (the call is retried). */
function sleep(k: Kernel, task: Task, label: 'do_syscall_64' | 'do_int80_syscall_32'): StopReason {
  task.state = 'sleeping';
  k.x86.retryHookOnResume(label);
  return { kind: 'hook', value: 'blocked' };
}
