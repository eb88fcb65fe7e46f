// The TypeScript behind the arm64 entry code's `bl`: el0t_64_sync_handler reads
// ESR_EL1 and routes by exception class (arch/arm64/kernel/entry-common.c): SVC →
// el0_svc (the same syscall dispatch as x86-64, with number x8, arguments x0-x5,
// result x0), aborts → demand paging or SIGSEGV, anything else → a signal.
// el0t_64_irq_handler is the timer tick.

import { EC_SVC64 } from '../../arch/arm64/exceptions.js';
import type { CpuStop } from '../kernel-arch.js';
import type { Kernel } from '../kernel.js';
import { exitToUserMode, forceSignal } from '../signal-delivery.js';
import { dispatch, enter, leave, traceCall, traceRestart } from '../syscall-entry.js';
import { RawArgs } from '../syscalls/context.js';
import { buildTable } from '../syscall-table.js';
import type { Task } from '../task.js';
import { handleTimer } from '../traps.js';
import { ENTRY_REGS_ARM64 as ENTRY_REGS } from '../../trace/entry-regs.js';
import { UNKNOWN_SYSCALL_ARG_KINDS } from '../../trace/strace-format.js';
import type { Arm64Arch } from './arm64-arch.js';
import { abortAccess, abortSignal, exceptionSignal, isAbort } from './faults.js';
import type { Arm64PtRegs } from './pt-regs.js';
import { SIGFRAME_MASK_OFFSET } from './signal-frame.js';

const ARM64_TABLE = buildTable('arm64');
/** Scratch argument registers for dispatch (it copies what it needs). */
const RAW = new RawArgs();

function arm64(k: Kernel): Arm64Arch {
  return k.archOps as Arm64Arch;
}

export function handleEl0Sync(k: Kernel, task: Task): CpuStop | void {
  const a = arm64(k);
  const esr = Number(a.cpu.sysreg('ESR_EL1') & 0xffffffffn);
  const ec = esr >>> 26;
  const regs = a.trapFrame(task);
  if (ec === EC_SVC64) return el0Svc(k, task, regs);
  k.counters.exceptions++;
  const iss = esr & 0x1ffffff;
  const far = Number(BigInt.asIntN(64, a.cpu.sysreg('FAR_EL1')));
  const pc = Number(BigInt.asIntN(64, regs.get('pc')));
  if (isAbort(ec) && (iss & 0x3c) !== 0x20) {
    // Translation, access-flag and permission faults: a user address may be demand-paged.
    const outcome = far >= 0 ? task.proc.mm.handleFault(far, abortAccess(ec, iss)) : 'maperr';
    if (outcome === 'mapped') {
      k.meter.charge('pageFault');
      task.proc.minorFaults++;
      k.emit({ type: 'page-fault', pid: task.proc.pid, addr: `0x${BigInt.asUintN(64, BigInt(far)).toString(16)}`, minor: true, cycles: k.meter.table.pageFault });
      return exitToUserMode(k, task, regs, false);
    }
    forceSignal(k, task, abortSignal(outcome, far));
  } else {
    forceSignal(k, task, exceptionSignal(ec, iss, pc, far, regs.get('sp')));
  }
  return exitToUserMode(k, task, regs, false);
}

export function handleEl0Irq(k: Kernel, task: Task): CpuStop | void {
  return handleTimer(k, task);
}

/** A synchronous exception taken from EL1 itself is a kernel bug: stop with what ESR/ELR say. */
export function handleEl1Sync(k: Kernel): CpuStop {
  const cpu = arm64(k).cpu;
  const ec = Number(cpu.sysreg('ESR_EL1') >> 26n) & 0x3f;
  return { kind: 'hook', value: `panic: kernel-mode exception EC 0x${ec.toString(16)} at 0x${cpu.sysreg('ELR_EL1').toString(16)} (FAR 0x${cpu.sysreg('FAR_EL1').toString(16)})` };
}

function entrySnapshot(k: Kernel, regs: Arm64PtRegs): Record<string, string> | null {
  if (!k.recording) return null;
  const out: Record<string, string> = {};
  for (const r of ENTRY_REGS) out[r] = `0x${regs.get(r).toString(16)}`;
  return out;
}

/** el0_svc → invoke_syscall (arch/arm64/kernel/syscall.c). */
function el0Svc(k: Kernel, task: Task, regs: Arm64PtRegs): CpuStop | void {
  k.counters.syscalls++;
  enter(k);
  regs.set('orig_x0', regs.x(0));
  // scno is the low 32 bits of x8, compared unsigned against __NR_syscalls.
  const nr = Number(BigInt.asUintN(32, regs.x(8)));
  regs.syscallno = nr | 0;
  for (let i = 0; i < 6; i++) RAW.set(i, regs.x(i));
  const entry = entrySnapshot(k, regs);
  const out = dispatch(k, task, ARM64_TABLE, nr, RAW, 'svc', entry);
  if (out === 'exited') return { kind: 'hook', value: 'exited' };
  if (out === 'blocked') {
    task.state = 'sleeping';
    k.archOps.retryHookOnResume('el0t_64_sync_handler');
    return { kind: 'hook', value: 'blocked' };
  }
  const ret = typeof out.ret === 'bigint' ? out.ret : BigInt(out.ret);
  regs.setResult(ret);
  if (out.row?.name === 'restart_syscall') {
    if (entry) traceRestart(k, task, ret, 'svc', entry);
  } else if (out.row?.traceArgs) {
    // rt_sigreturn: the restored mask sits at uc.uc_sigmask in the frame at the sp it was called with.
    const sp = BigInt(entry?.sp ?? '0');
    traceCall(k, task, out.row.name, [sp + BigInt(SIGFRAME_MASK_OFFSET)], out.row.traceArgs.map((t) => t.kind), ret, out.row.ret ?? 'dec', 'svc', entry);
  } else if (out.row) {
    if (out.row.ret !== 'noreturn') traceCall(k, task, out.row.name, out.args, out.row.args.map((t) => t.kind), ret, out.row.ret ?? 'dec', 'svc', entry, out.atEntry);
  } else {
    traceCall(k, task, `syscall_0x${nr.toString(16)}`, out.args, UNKNOWN_SYSCALL_ARG_KINDS, ret, 'dec', 'svc', entry);
  }
  const stop = exitToUserMode(k, task, regs, true);
  if (stop) return stop;
  leave(k);
  if (k.yieldRequested) {
    k.yieldRequested = false;
    return { kind: 'hook', value: 'preempt' };
  }
}
