// Rendering of one syscall argument by its SysArgKind, reading guest memory
// through the ReadUser callback (strace prints the address when it cannot).

import { isRestartCode, EINTR } from '../kernel/errno.js';
import { signalName } from '../kernel/signal-names.js';
import { formatByteBuffer, formatCString } from './strace-string.js';
import * as X from './strace-xlat.js';
import * as S from './strace-structs.js';
import { formatTermios, TERMIOS_SIZE } from './strace-termios.js';
import { STAT_LAYOUTS } from '../kernel/vfs/stat-layout.js';
import { countDirents64 } from '../kernel/vfs/dirents.js';
import { decodeSiginfo, formatSiginfo, SIGINFO_SIZE } from './strace-siginfo.js';
import { formatMoreArg } from './strace-args-more.js';
import { errnoOf, resolve, type ReadUser, type SyscallRecord } from './strace-kinds.js';

export class Ctx {
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

/** An iovec array; `dataSize` 'none' prints only the buffer addresses (a failed readv, as strace does). */
function formatIovec(c: Ctx, a: bigint, count: number, dataSize: bigint | null | 'none'): string {
  if (a === 0n) return 'NULL';
  const raw = c.read(a, count * 16);
  if (raw === null) return S.addr(a);
  const v = S.view(raw);
  const items: string[] = [];
  let left = dataSize;
  for (let i = 0; i < count; i++) {
    const base = v.getBigUint64(i * 16, true);
    const len = v.getBigUint64(i * 16 + 8, true);
    if (left === 'none') {
      items.push(`{iov_base=${S.addr(base)}, iov_len=${len}}`);
      continue;
    }
    let shown = len;
    if (left !== null) {
      shown = len < left ? len : left;
      left -= shown;
    }
    items.push(`{iov_base=${formatBuf(c, base, shown)}, iov_len=${len}}`);
  }
  return `[${items.join(', ')}]`;
}

export function formatArg(c: Ctx, i: number): string {
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
    case 'timespec-inout': {
      const b = c.rec.atEntry?.get(i);
      return b ? S.formatTimespec(b) : c.struct(v, S.TIMESPEC_SIZE, S.formatTimespec);
    }
    case 'sigset-sized':
      return c.arg(i + 1) === 8n ? c.struct(v, 8, S.formatSigset) : S.addr(v);
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
      return formatIovec(c, v, Number(c.arg(rk.countArg) & 0xffffn), c.ok ? BigInt.asUintN(64, c.rec.ret) : 'none');
    case 'pollfd': {
      const n = Number(c.arg(rk.countArg) & 0xffffn);
      return c.struct(v, n * S.POLLFD_SIZE, (b) => S.formatPollfdsIn(b, n));
    }
    case 'clone-flags':
      return formatCloneFlags(v);
    case 'dirents-out': {
      if (!c.ok) return S.addr(v);
      const n = Number(BigInt.asUintN(64, c.rec.ret));
      const b = n === 0 ? new Uint8Array(0) : c.read(v, n);
      return b === null ? S.addr(v) : `${S.addr(v)} /* ${countDirents64(b)} entries */`;
    }
    case 'siginfo-in':
      return c.struct(v, SIGINFO_SIZE, (b) => formatSiginfo(decodeSiginfo(b)));
    case 'itimerspec-in':
      return c.struct(v, S.ITIMERSPEC_SIZE, S.formatItimerspec);
    case 'itimerspec-out':
      return c.ok ? c.struct(v, S.ITIMERSPEC_SIZE, S.formatItimerspec) : S.addr(v);
    case 'sigreturn-mask':
      return c.struct(v, 8, (b) => `{mask=${S.formatSigset(b)}}`);
    default:
      return formatMoreArg(c, i, rk.kind);
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
    case 0x540bn: // TCFLSH
      return X.formatXval(v & 0xffffffffn, X.TCFLSH_QUEUES, 'TC???');
    case 0x540en: // TIOCSCTTY
      return BigInt.asIntN(32, v).toString();
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
export function formatCloneArgs(c: Ctx): string[] {
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

