// The strace-format printer: one syscall, signal or exit → the exact line strace 6.1
// prints on x86-64 (proved line by line against real strace output in
// tests/core/trace/). The kernel's syscall rows name each argument's kind with
// SysArgKind; the printer reads guest memory only through the readUser callback.

import type { Arch } from './events.js';
import { errnoName, errnoMessage, isRestartCode, EINTR, MAX_ERRNO } from '../kernel/errno.js';
import { signalName } from '../kernel/signal-names.js';
import { DEFAULT_MAX_STRLEN, formatByteBuffer, formatCString } from './strace-string.js';
import * as X from './strace-xlat.js';
import * as S from './strace-structs.js';
import { formatTermios, TERMIOS_SIZE } from './strace-termios.js';
import { STAT_LAYOUTS } from '../kernel/vfs/stat-layout.js';

/** Argument kinds whose value alone decides the rendering. */
export type SysArgSimpleKind =
  | 'int'
  | 'uint'
  | 'long'
  | 'ulong'
  | 'hex'
  | 'ptr'
  | 'fd'
  | 'dirfd'
  | 'size'
  | 'off'
  | 'path'
  | 'open-flags'
  | 'fd-flags'
  | 'at-flags'
  | 'mode'
  | 'prot'
  | 'mmap-flags'
  | 'whence'
  | 'clockid'
  | 'timespec-in'
  | 'timespec-out'
  | 'timeval-out'
  | 'signal'
  | 'sigset-in'
  | 'sigset-out'
  | 'sigaction-in'
  | 'sigaction-out'
  | 'sigprocmask-how'
  | 'stat-out'
  | 'utsname-out'
  | 'wait-status-out'
  | 'wait-options'
  | 'arch-prctl-code'
  | 'arch-prctl-addr'
  | 'ioctl-request'
  | 'ioctl-arg'
  | 'pipefd-out'
  | 'clone-flags'
  | 'itimer-which'
  | 'itimerval'
  | 'itimerval-out'
  | 'rusage-out'
  | 'tid-ptr'
  // Shorthands for the object kinds below with the length/count in the next argument.
  | 'buf-in'
  | 'buf-out'
  | 'iovec-in'
  | 'iovec-out'
  | 'pollfd';

/**
 * How one syscall argument is printed. Object forms name the argument holding a
 * length or count (`{ kind: 'buf-in', lenArg: 2 }` for write's buf). `buf-out`
 * prints `ret` bytes after the call, or the address if the call failed.
 */
export type SysArgKind =
  | SysArgSimpleKind
  | { kind: 'buf-in'; lenArg: number }
  | { kind: 'buf-out'; lenArg?: number }
  | { kind: 'iovec-in'; countArg: number }
  | { kind: 'iovec-out'; countArg: number }
  | { kind: 'pollfd'; countArg: number };

/** How the return value prints on success: `3`, `0x7f..` (mmap, brk), or `?` (exit). */
export type SysRetKind = 'dec' | 'hex' | 'noreturn';

export interface SyscallRecord {
  name: string;
  args: readonly bigint[];
  argKinds: readonly SysArgKind[];
  /** Raw return register (negative errno on failure; -512..-516 when interrupted). */
  ret: bigint;
  arch: Arch;
  retKind?: SysRetKind;
}

/** Reads guest memory after the call; null means unreadable (strace prints the address). */
export type ReadUser = (addr: bigint, len: number) => Uint8Array | null;

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

/** -errno when `ret` is an error return (-4095..-1), else null. */
export function errnoOf(ret: bigint): number | null {
  const s = BigInt.asIntN(64, ret);
  return s < 0n && s >= -BigInt(MAX_ERRNO) ? Number(-s) : null;
}

export function formatReturn(ret: bigint, retKind: SysRetKind = 'dec'): string {
  if (retKind === 'noreturn') return '?';
  const err = errnoOf(ret);
  if (err !== null) {
    const name = errnoName(err);
    if (isRestartCode(err)) return `? ${name} (${errnoMessage(err)})`;
    return name === null ? `-1 (errno ${err})` : `-1 ${name} (${errnoMessage(err)})`;
  }
  if (retKind === 'hex') return X.hex(BigInt.asUintN(64, ret));
  return BigInt.asIntN(64, ret).toString();
}

type ResolvedKind =
  | { kind: Exclude<SysArgSimpleKind, 'buf-in' | 'buf-out' | 'iovec-in' | 'iovec-out' | 'pollfd'> }
  | { kind: 'buf-in'; lenArg: number }
  | { kind: 'buf-out'; lenArg?: number }
  | { kind: 'iovec-in' | 'iovec-out' | 'pollfd'; countArg: number };

function resolve(k: SysArgKind, index: number): ResolvedKind {
  if (typeof k === 'object') return k;
  if (k === 'buf-in') return { kind: 'buf-in', lenArg: index + 1 };
  if (k === 'iovec-in' || k === 'iovec-out' || k === 'pollfd') return { kind: k, countArg: index + 1 };
  if (k === 'buf-out') return { kind: k };
  return { kind: k };
}

const EXIT_KINDS = new Set<string>([
  'buf-out',
  'iovec-out',
  'timespec-out',
  'timeval-out',
  'sigset-out',
  'sigaction-out',
  'stat-out',
  'utsname-out',
  'wait-status-out',
  'pipefd-out',
  'itimerval-out',
  'rusage-out',
]);

const GETTER_IOCTLS = new Set([0x5401n, 0x5413n, 0x541bn, 0x540fn]);

/** Is this argument printed when the call returns (so after `<... resumed>`)? */
function printedOnExit(rec: SyscallRecord, i: number): boolean {
  const k = resolve(rec.argKinds[i]!, i).kind;
  if (EXIT_KINDS.has(k)) return true;
  if (k === 'arch-prctl-addr') return ((rec.args[i - 1] ?? 0n) & 0xfn) >= 3n; // ARCH_GET_*
  if (k === 'ioctl-arg') return GETTER_IOCTLS.has((rec.args[i - 1] ?? 0n) & 0xffffffffn);
  return false;
}

class Ctx {
  readonly err: number | null;
  constructor(
    readonly rec: SyscallRecord,
    readonly read: ReadUser,
    readonly maxStrlen: number,
  ) {
    this.err = errnoOf(rec.ret);
  }
  get ok(): boolean {
    return this.err === null;
  }
  arg(i: number): bigint {
    return BigInt.asUintN(64, this.rec.args[i] ?? 0n);
  }
  /** Read a struct: NULL for 0, the address when unreadable. */
  struct(a: bigint, size: number, render: (b: Uint8Array) => string): string {
    if (a === 0n) return 'NULL';
    const b = this.read(a, size);
    return b === null || b.length < size ? S.addr(a) : render(b);
  }
}

const int32 = (v: bigint): string => BigInt.asIntN(32, v).toString();

/** printpath(): reads up to PATH_MAX page by page, so a string ending just before an unmapped page still prints. */
function readCString(read: ReadUser, a: bigint, max = 4096): Uint8Array | null {
  const chunks: Uint8Array[] = [];
  let total = 0;
  let p = a;
  while (total < max) {
    const n = Math.min(max - total, 4096 - Number(p & 0xfffn));
    const b = read(p, n);
    if (b === null) return total === 0 ? null : concat(chunks, total);
    chunks.push(b);
    total += b.length;
    if (b.includes(0)) break;
    p += BigInt(n);
  }
  return concat(chunks, total);
}

function concat(chunks: Uint8Array[], total: number): Uint8Array {
  const out = new Uint8Array(total);
  let o = 0;
  for (const c of chunks) {
    out.set(c, o);
    o += c.length;
  }
  return out;
}

function formatBuf(c: Ctx, a: bigint, len: bigint): string {
  if (a === 0n) return 'NULL';
  const n = Number(len > 0x7fffffffn ? 0x7fffffffn : len);
  const want = Math.min(n, c.maxStrlen);
  const b = want === 0 ? new Uint8Array(0) : c.read(a, want);
  if (b === null) return S.addr(a);
  return formatByteBuffer(b, n, c.maxStrlen);
}

function formatIovec(c: Ctx, a: bigint, count: number, dataSize: bigint | null): string {
  if (a === 0n) return 'NULL';
  const raw = c.read(a, count * 16);
  if (raw === null) return S.addr(a);
  const v = S.view(raw);
  const items: string[] = [];
  let left = dataSize;
  for (let i = 0; i < count; i++) {
    const base = v.getBigUint64(i * 16, true);
    const len = v.getBigUint64(i * 16 + 8, true);
    let shown = len;
    if (left !== null) {
      shown = len < left ? len : left;
      left -= shown;
    }
    items.push(`{iov_base=${formatBuf(c, base, shown)}, iov_len=${len}}`);
  }
  return `[${items.join(', ')}]`;
}

function formatArg(c: Ctx, i: number): string {
  const rk = resolve(c.rec.argKinds[i]!, i);
  const v = c.arg(i);
  const arch = c.rec.arch;
  switch (rk.kind) {
    case 'int':
    case 'fd':
      return int32(v);
    case 'uint':
      return BigInt.asUintN(32, v).toString();
    case 'long':
    case 'off':
      return BigInt.asIntN(64, v).toString();
    case 'ulong':
    case 'size':
      return v.toString();
    case 'hex':
      return X.hex(v);
    case 'ptr':
    case 'tid-ptr':
      return S.addr(v);
    case 'dirfd':
      return BigInt.asIntN(32, v) === -100n ? 'AT_FDCWD' : int32(v);
    case 'path': {
      if (v === 0n) return 'NULL';
      const b = readCString(c.read, v);
      return b === null ? S.addr(v) : formatCString(b, Math.min(b.length, 4096));
    }
    case 'buf-in':
      return formatBuf(c, v, c.arg(rk.lenArg));
    case 'buf-out':
      return c.ok ? formatBuf(c, v, BigInt.asUintN(64, c.rec.ret)) : S.addr(v);
    case 'open-flags':
      return X.formatOpenFlags(v & 0xffffffffn, arch);
    case 'fd-flags':
      return X.formatFdFlags(v & 0xffffffffn, arch);
    case 'at-flags':
      return X.formatFlags(v & 0xffffffffn, X.AT_FLAGS, 'AT_???');
    case 'mode':
      return S.formatOctalMode(Number(v & 0xffffffffn));
    case 'prot':
      return X.formatProt(v, arch);
    case 'mmap-flags':
      return X.formatMmapFlags(v, arch);
    case 'whence':
      return X.formatXval(v & 0xffffffffn, X.WHENCE, 'SEEK_???');
    case 'clockid':
      return X.formatXval(v & 0xffffffffn, X.CLOCK_IDS, 'CLOCK_???');
    case 'itimer-which':
      return X.formatXval(v & 0xffffffffn, X.ITIMER_WHICH, 'ITIMER_???');
    case 'sigprocmask-how':
      return X.formatXval(v & 0xffffffffn, X.SIGPROCMASK_HOW, 'SIG_???');
    case 'arch-prctl-code':
      return X.formatXval(v & 0xffffffffn, X.ARCH_PRCTL_CODES, 'ARCH_???');
    case 'wait-options':
      return X.formatFlags(v & 0xffffffffn, X.WAIT_OPTIONS, 'W???');
    case 'signal': {
      const n = Number(BigInt.asIntN(32, v));
      return n === 0 ? '0' : (signalName(n) ?? String(n));
    }
    case 'timespec-in':
      return c.struct(v, S.TIMESPEC_SIZE, S.formatTimespec);
    case 'timespec-out':
      // nanosleep's remainder is written when a signal cut the sleep short.
      return c.ok || c.err === EINTR || (c.err !== null && isRestartCode(c.err))
        ? c.struct(v, S.TIMESPEC_SIZE, S.formatTimespec)
        : S.addr(v);
    case 'timeval-out':
      return c.ok ? c.struct(v, S.TIMEVAL_SIZE, S.formatTimeval) : S.addr(v);
    case 'itimerval':
      return c.struct(v, S.ITIMERVAL_SIZE, S.formatItimerval);
    case 'itimerval-out':
      return c.ok ? c.struct(v, S.ITIMERVAL_SIZE, S.formatItimerval) : S.addr(v);
    case 'rusage-out':
      return c.ok ? c.struct(v, S.RUSAGE_SIZE, S.formatRusage) : S.addr(v);
    case 'sigset-in':
      return c.struct(v, 8, S.formatSigset);
    case 'sigset-out':
      return c.ok ? c.struct(v, 8, S.formatSigset) : S.addr(v);
    case 'sigaction-in':
      return c.struct(v, S.KERNEL_SIGACTION_SIZE, S.formatSigaction);
    case 'sigaction-out':
      return c.ok ? c.struct(v, S.KERNEL_SIGACTION_SIZE, S.formatSigaction) : S.addr(v);
    case 'stat-out':
      return c.ok ? c.struct(v, STAT_LAYOUTS[arch].size, (b) => S.formatStat(b, arch)) : S.addr(v);
    case 'utsname-out':
      return c.ok ? c.struct(v, S.UTSNAME_SIZE, S.formatUtsname) : S.addr(v);
    case 'wait-status-out':
      // Nothing is stored when no child changed state (WNOHANG → 0).
      return c.ok && BigInt.asIntN(64, c.rec.ret) > 0n
        ? c.struct(v, 4, (b) => S.formatWaitStatus(S.view(b).getInt32(0, true)))
        : S.addr(v);
    case 'pipefd-out':
      return c.ok ? c.struct(v, 8, (b) => `[${S.view(b).getInt32(0, true)}, ${S.view(b).getInt32(4, true)}]`) : S.addr(v);
    case 'arch-prctl-addr': {
      const code = c.arg(i - 1) & 0xffffffffn;
      if (code === 0x1003n || code === 0x1004n) {
        return c.ok ? c.struct(v, 8, (b) => `[${X.hex(S.view(b).getBigUint64(0, true))}]`) : S.addr(v);
      }
      return X.hex(v);
    }
    case 'ioctl-request':
      return X.formatIoctlRequest(v);
    case 'ioctl-arg':
      return formatIoctlArg(c, c.arg(i - 1) & 0xffffffffn, v);
    case 'iovec-in':
      return formatIovec(c, v, Number(c.arg(rk.countArg) & 0xffffn), null);
    case 'iovec-out':
      return c.ok ? formatIovec(c, v, Number(c.arg(rk.countArg) & 0xffffn), BigInt.asUintN(64, c.rec.ret)) : S.addr(v);
    case 'pollfd': {
      const n = Number(c.arg(rk.countArg) & 0xffffn);
      return c.struct(v, n * S.POLLFD_SIZE, (b) => S.formatPollfdsIn(b, n));
    }
    case 'clone-flags':
      return formatCloneFlags(v);
  }
}

function formatIoctlArg(c: Ctx, req: bigint, v: bigint): string {
  switch (req) {
    case 0x5401n: // TCGETS
      return c.ok ? c.struct(v, TERMIOS_SIZE, formatTermios) : S.addr(v);
    case 0x5402n: // TCSETS*
    case 0x5403n:
    case 0x5404n:
      return c.struct(v, TERMIOS_SIZE, formatTermios);
    case 0x5413n: // TIOCGWINSZ
      return c.ok ? c.struct(v, S.WINSIZE_SIZE, S.formatWinsize) : S.addr(v);
    case 0x5414n:
      return c.struct(v, S.WINSIZE_SIZE, S.formatWinsize);
    case 0x541bn: // FIONREAD
    case 0x540fn: // TIOCGPGRP
      return c.ok ? c.struct(v, 4, (b) => `[${S.view(b).getInt32(0, true)}]`) : S.addr(v);
    case 0x5410n:
    case 0x5421n:
      return c.struct(v, 4, (b) => `[${S.view(b).getInt32(0, true)}]`);
    default:
      return X.hex(v);
  }
}

function formatCloneFlags(v: bigint): string {
  const sig = Number(v & 0xffn);
  const rest = v & ~0xffn & 0xffffffffffffffffn;
  const sigName = signalName(sig) ?? String(sig);
  if (rest === 0n) return sig === 0 ? '0' : sigName;
  const f = X.formatFlags(rest, X.CLONE_FLAGS, 'CLONE_???');
  return sig === 0 ? f : `${f}|${sigName}`;
}

/** clone(2) is printed with named fields in a fixed order whatever the arch's argument order. */
function formatCloneArgs(c: Ctx): string[] {
  const flags = c.arg(0);
  // x86-64: clone(flags, stack, parent_tid, child_tid, tls); arm64: (flags, stack, parent_tid, tls, child_tid).
  const [ctid, tls] = c.rec.arch === 'x86_64' ? [c.arg(3), c.arg(4)] : [c.arg(4), c.arg(3)];
  const out = [`child_stack=${S.addr(c.arg(1))}`, `flags=${formatCloneFlags(flags)}`];
  if (flags & 0x100000n) {
    const ptid = c.arg(2);
    out.push(`parent_tid=${c.ok ? c.struct(ptid, 4, (b) => `[${S.view(b).getInt32(0, true)}]`) : S.addr(ptid)}`);
  }
  if (flags & 0x80000n) out.push(`tls=${S.addr(tls)}`);
  if (flags & 0x1200000n) out.push(`child_tidptr=${S.addr(ctid)}`);
  return out;
}

/** Which argument indices are shown (open's mode only with O_CREAT/O_TMPFILE). */
function shownArgs(rec: SyscallRecord): number[] {
  const out: number[] = [];
  for (let i = 0; i < rec.argKinds.length; i++) {
    const k = resolve(rec.argKinds[i]!, i).kind;
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
  return alignReturn(call, formatReturn(rec.ret, rec.retKind) + pollSuffix(c), opts.column ?? 0);
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
  return b === null ? '' : ` (${S.formatPollfdsOut(b, n)})`;
}

/** The siginfo fields a `--- SIG... ---` line shows. */
export interface SignalInfo {
  signo: number;
  code: number;
  /** SI_USER/SI_TKILL/SI_QUEUE and SIGCHLD: sender pid and uid. */
  pid?: number;
  uid?: number;
  /** SIGSEGV/SIGBUS/SIGILL/SIGFPE/SIGTRAP: faulting address. */
  addr?: bigint;
  /** SIGCHLD: exit code (CLD_EXITED) or signal number (CLD_KILLED/DUMPED/STOPPED). */
  status?: number;
  utime?: number;
  stime?: number;
}

export { siCodeName } from '../kernel/signal-names.js';
import { siCodeName } from '../kernel/signal-names.js';

/** `--- SIGSEGV {si_signo=SIGSEGV, si_code=SEGV_MAPERR, si_addr=0x...} ---` (strace printsiginfo). */
export function formatSignalLine(info: SignalInfo, prefix = ''): string {
  const name = signalName(info.signo) ?? String(info.signo);
  const code = siCodeName(info.signo, info.code) ?? String(info.code);
  const fields = [`si_signo=${name}`, `si_code=${code}`];
  const fromUser = info.code <= 0;
  if (fromUser) {
    fields.push(`si_pid=${info.pid ?? 0}`, `si_uid=${info.uid ?? 0}`);
  } else if (info.signo === 17) {
    const st = info.status ?? 0;
    // CLD_EXITED carries an exit code; the other CLD_* codes carry a signal.
    const status = info.code === 1 ? String(st) : (signalName(st) ?? String(st));
    fields.push(`si_pid=${info.pid ?? 0}`, `si_uid=${info.uid ?? 0}`, `si_status=${status}`);
    fields.push(`si_utime=${info.utime ?? 0}`, `si_stime=${info.stime ?? 0}`);
  } else if ([4, 5, 7, 8, 11].includes(info.signo) && (info.addr !== undefined || info.signo !== 5)) {
    fields.push(`si_addr=${S.addr(info.addr ?? 0n)}`);
  }
  return `${prefix}--- ${name} {${fields.join(', ')}} ---`;
}

/** `+++ exited with 0 +++`, `+++ killed by SIGSEGV (core dumped) +++`. */
export function formatExitLine(exit: { code: number } | { signal: number; coreDumped?: boolean }, prefix = ''): string {
  if ('code' in exit) return `${prefix}+++ exited with ${exit.code & 0xff} +++`;
  const name = signalName(exit.signal) ?? String(exit.signal);
  return `${prefix}+++ killed by ${name}${exit.coreDumped ? ' (core dumped)' : ''} +++`;
}
