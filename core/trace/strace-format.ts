// The strace-format printer: one syscall, signal or exit → the exact line strace 6.1
// prints on x86-64 (proved line by line against real strace output in
// tests/core/trace/). The kernel's syscall rows name each argument's kind with
// SysArgKind; the printer reads guest memory only through the readUser callback.

import { errnoName, errnoMessage, isRestartCode } from '../kernel/errno.js';
import { signalName } from '../kernel/signal-names.js';
import { formatSiginfo, type SignalInfo } from './strace-siginfo.js';
import { DEFAULT_MAX_STRLEN } from './strace-string.js';
import * as X from './strace-xlat.js';
import * as S from './strace-structs.js';
import { Ctx, formatArg, formatCloneArgs } from './strace-args.js';
import { fcntlReturn, personalityReturn } from './strace-args-more.js';
import { FCNTL_NO_ARG } from './strace-xlat-more.js';
import { errnoOf, printedOnExit, resolve, type ReadUser, type SyscallRecord, type SysArgKind, type SysRetKind } from './strace-kinds.js';

export type { SysArgSimpleKind, SysArgKind, SysRetKind, SyscallRecord, ReadUser } from './strace-kinds.js';
export { errnoOf } from './strace-kinds.js';

export interface FormatOptions {
  /** strace -s (default 32). */
  maxStrlen?: number;
  /** strace -a: pad so ` = ` lands at this column. 0 (default) = `strace -a0`; strace's own default is 40. */
  column?: number;
  /** Text before the call, counted for alignment (`[pid  1234] ` from pidPrefix()). */
  prefix?: string;
  /** 'unfinished': `read(0,  <unfinished ...>`; 'resumed': `<... read resumed>...) = 5`. */
  phase?: 'complete' | 'unfinished' | 'resumed';
}

/** strace -f's per-line prefix, `[pid %5u] `. */
export function pidPrefix(pid: number): string {
  return `[pid ${String(pid).padStart(5, ' ')}] `;
}

/** Name strace gives a number it does not know: `syscall_0x2710`. Print its 6 args as 'hex'. */
export function unknownSyscallName(nr: number): string {
  return `syscall_0x${nr.toString(16)}`;
}
export const UNKNOWN_SYSCALL_ARG_KINDS: readonly SysArgKind[] = ['hex', 'hex', 'hex', 'hex', 'hex', 'hex'];

export function formatReturn(ret: bigint, retKind: SysRetKind = 'dec'): string {
  if (retKind === 'noreturn') return '?';
  const err = errnoOf(ret);
  if (err !== null) {
    const name = errnoName(err);
    if (isRestartCode(err)) return `? ${name} (${errnoMessage(err)})`;
    return name === null ? `-1 (errno ${err})` : `-1 ${name} (${errnoMessage(err)})`;
  }
  if (retKind === 'hex') return X.hex(BigInt.asUintN(64, ret));
  if (retKind === 'octal') return ret === 0n ? '0' : '0' + BigInt.asUintN(64, ret).toString(8);
  return BigInt.asIntN(64, ret).toString();
}
/** Which argument indices are shown (open's mode only with O_CREAT/O_TMPFILE). */
function shownArgs(rec: SyscallRecord): number[] {
  const out: number[] = [];
  for (let i = 0; i < rec.argKinds.length; i++) {
    const k = resolve(rec.argKinds[i]!, i).kind;
    if (k === 'ioctl-arg' && X.NO_ARG_IOCTLS.has((rec.args[i - 1] ?? 0n) & 0xffffffffn)) continue;
    if (k === 'fcntl-arg' && FCNTL_NO_ARG.has((rec.args[i - 1] ?? 0n) & 0xffffffffn)) continue;
    if (k === 'mode' && i > 0 && resolve(rec.argKinds[i - 1]!, i - 1).kind === 'open-flags') {
      const flags = rec.args[i - 1] ?? 0n;
      if ((flags & BigInt(X.O_CREAT | X.__O_TMPFILE)) === 0n) continue;
    }
    out.push(i);
  }
  return out;
}

/** Format one syscall as strace does. */
export function formatSyscall(rec: SyscallRecord, readUser: ReadUser, opts: FormatOptions = {}): string {
  const c = new Ctx(rec, readUser, opts.maxStrlen ?? DEFAULT_MAX_STRLEN);
  const phase = opts.phase ?? 'complete';
  const prefix = opts.prefix ?? '';
  const isClone = rec.argKinds.some((k) => k === 'clone-flags');
  let entry: string[];
  let exit: string[];
  if (isClone) {
    entry = formatCloneArgs(c);
    exit = [];
  } else {
    const shown = shownArgs(rec);
    const firstExit = shown.findIndex((i) => printedOnExit(rec, i));
    const split = firstExit < 0 ? shown.length : firstExit;
    entry = shown.slice(0, split).map((i) => formatArg(c, i));
    exit = shown.slice(split).map((i) => formatArg(c, i));
  }
  if (phase === 'unfinished') {
    const head = `${prefix}${rec.name}(${entry.join(', ')}${entry.length > 0 && exit.length > 0 ? ', ' : ''}`;
    return `${head} <unfinished ...>`;
  }
  let call: string;
  if (phase === 'resumed') {
    call = `${prefix}<... ${rec.name} resumed>${exit.join(', ')})`;
  } else {
    call = `${prefix}${rec.name}(${[...entry, ...exit].join(', ')})`;
  }
  const fcntlAt = rec.argKinds.indexOf('fcntl-cmd');
  const special = fcntlAt >= 0 ? fcntlReturn(c, c.arg(fcntlAt) & 0xffffffffn) : rec.argKinds[0] === 'personality' ? personalityReturn(c) : null;
  return alignReturn(call, (special ?? formatReturn(rec.ret, rec.retKind)) + pollSuffix(c), opts.column ?? 0);
}

/** strace: `) ` then pad to the -a column, then `= `. */
function alignReturn(call: string, ret: string, column: number): string {
  let s = call + ' ';
  if (s.length < column) s = s.padEnd(column, ' ');
  return `${s}= ${ret}`;
}

function pollSuffix(c: Ctx): string {
  const i = c.rec.argKinds.findIndex((k, idx) => resolve(k, idx).kind === 'pollfd');
  if (i < 0 || !c.ok) return '';
  const rk = resolve(c.rec.argKinds[i]!, i);
  if (rk.kind !== 'pollfd') return '';
  if (BigInt.asIntN(64, c.rec.ret) === 0n) return ' (Timeout)';
  const n = Number(c.arg(rk.countArg) & 0xffffn);
  const b = c.read(c.arg(i), n * S.POLLFD_SIZE);
  if (b === null) return '';
  // ppoll also shows the time left it wrote back: `left {tv_sec=0, tv_nsec=999998}`.
  const t = c.rec.argKinds.indexOf('timespec-inout');
  const ts = t < 0 || c.arg(t) === 0n ? null : c.read(c.arg(t), S.TIMESPEC_SIZE);
  return ` (${S.formatPollfdsOut(b, n)}${ts === null ? '' : `, left ${S.formatTimespec(ts)}`})`;
}

/** The siginfo fields a `--- SIG... ---` line shows. */
export type { SignalInfo } from './strace-siginfo.js';
export { siCodeName } from '../kernel/signal-names.js';

/** `--- SIGSEGV {si_signo=SIGSEGV, si_code=SEGV_MAPERR, si_addr=0x...} ---` (strace printsiginfo). */
export function formatSignalLine(info: SignalInfo, prefix = ''): string {
  return `${prefix}--- ${signalName(info.signo) ?? String(info.signo)} ${formatSiginfo(info)} ---`;
}

/** `+++ exited with 0 +++`, `+++ killed by SIGSEGV (core dumped) +++`. */
export function formatExitLine(exit: { code: number } | { signal: number; coreDumped?: boolean }, prefix = ''): string {
  if ('code' in exit) return `${prefix}+++ exited with ${exit.code & 0xff} +++`;
  const name = signalName(exit.signal) ?? String(exit.signal);
  return `${prefix}+++ killed by ${name}${exit.coreDumped ? ' (core dumped)' : ''} +++`;
}
