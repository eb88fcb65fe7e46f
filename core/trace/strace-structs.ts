// Struct decoders for the strace printer: each takes the bytes the kernel read or
// wrote and renders them as strace 6.1 does (abbreviated, non -v output).

import type { Arch } from './events.js';
import { formatCString } from './strace-string.js';
import { formatFlags, hex, SA_FLAGS, SA_RESTORER, POLL_EVENTS } from './strace-xlat.js';
import { signalName } from '../kernel/signal-names.js';
import { readStatField, devMajor, devMinor } from '../kernel/vfs/stat-layout.js';

export function view(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

const s64 = (b: Uint8Array, off: number): bigint => view(b).getBigInt64(off, true);
const u64 = (b: Uint8Array, off: number): bigint => view(b).getBigUint64(off, true);

/** printaddr(): NULL or %#lx. */
export function addr(v: bigint): string {
  const u = BigInt.asUintN(64, v);
  return u === 0n ? 'NULL' : '0x' + u.toString(16);
}

export const TIMESPEC_SIZE = 16;
export function formatTimespec(b: Uint8Array): string {
  return `{tv_sec=${s64(b, 0)}, tv_nsec=${s64(b, 8)}}`;
}

export const TIMEVAL_SIZE = 16;
export function formatTimeval(b: Uint8Array, off = 0): string {
  return `{tv_sec=${s64(b, off)}, tv_usec=${s64(b, off + 8)}}`;
}

export const ITIMERSPEC_SIZE = 32;
export function formatItimerspec(b: Uint8Array): string {
  return `{it_interval=${formatTimespec(b.subarray(0, 16))}, it_value=${formatTimespec(b.subarray(16, 32))}}`;
}

export const ITIMERVAL_SIZE = 32;
export function formatItimerval(b: Uint8Array): string {
  return `{it_interval=${formatTimeval(b, 0)}, it_value=${formatTimeval(b, 16)}}`;
}

export const RUSAGE_SIZE = 144;
export function formatRusage(b: Uint8Array): string {
  return `{ru_utime=${formatTimeval(b, 0)}, ru_stime=${formatTimeval(b, 16)}, ...}`;
}

/** Name inside a sigset: `INT`, `RTMIN`, `RT_3`, or the bare number. */
function sigsetMember(signo: number): string {
  const n = signalName(signo);
  return n === null ? String(signo) : n.slice(3);
}

/**
 * sprintsigmask_n(): `[INT USR1]`; when 2/3 or more of the bits are set strace
 * prints the complement as `~[KILL STOP]`.
 */
export function formatSigset(b: Uint8Array): string {
  const words = Math.ceil(Math.min(b.length, 8) / 4);
  let mask = 0n;
  for (let i = 0; i < Math.min(b.length, 8); i++) mask |= BigInt(b[i]!) << BigInt(8 * i);
  const bits = words * 32;
  let pop = 0;
  for (let i = 0; i < bits; i++) if ((mask >> BigInt(i)) & 1n) pop++;
  let prefix = '';
  if (pop >= Math.floor((bits * 2) / 3)) {
    mask = ~mask & ((1n << BigInt(bits)) - 1n);
    prefix = '~';
  }
  const names: string[] = [];
  for (let i = 0; i < bits; i++) if ((mask >> BigInt(i)) & 1n) names.push(sigsetMember(i + 1));
  return `${prefix}[${names.join(' ')}]`;
}

/** Kernel `struct sigaction` (x86-64 and arm64 alike): handler, flags, restorer, mask. */
export const KERNEL_SIGACTION_SIZE = 32;
export function formatSigaction(b: Uint8Array): string {
  const handler = u64(b, 0);
  const flags = u64(b, 8);
  const restorer = u64(b, 16);
  const h = handler === 0n ? 'SIG_DFL' : handler === 1n ? 'SIG_IGN' : handler === 0xffffffffffffffffn ? 'SIG_ERR' : addr(handler);
  let s = `{sa_handler=${h}, sa_mask=${formatSigset(b.subarray(24, 32))}, sa_flags=${formatFlags(flags, SA_FLAGS, 'SA_???')}`;
  if (flags & SA_RESTORER) s += `, sa_restorer=${addr(restorer)}`;
  return s + '}';
}

const S_IFMT = 0o170000;
const FILE_TYPES: ReadonlyArray<readonly [number, string]> = [
  [0o140000, 'S_IFSOCK'],
  [0o120000, 'S_IFLNK'],
  [0o100000, 'S_IFREG'],
  [0o060000, 'S_IFBLK'],
  [0o040000, 'S_IFDIR'],
  [0o020000, 'S_IFCHR'],
  [0o010000, 'S_IFIFO'],
];

/** print_symbolic_mode_t(): `S_IFDIR|S_ISVTX|0777`. */
export function formatSymbolicMode(mode: number): string {
  const parts: string[] = [];
  const type = FILE_TYPES.find(([t]) => t === (mode & S_IFMT));
  if (type) parts.push(type[1]);
  if (mode & 0o4000) parts.push('S_ISUID');
  if (mode & 0o2000) parts.push('S_ISGID');
  if (mode & 0o1000) parts.push('S_ISVTX');
  parts.push(formatOctalMode(mode & 0o777));
  return parts.join('|');
}

/** `%#03o`: 0 → `000`, 0644 → `0644`. */
export function formatOctalMode(mode: number): string {
  return mode === 0 ? '000' : '0' + mode.toString(8);
}

/** Abbreviated stat: st_mode plus st_size, or st_rdev for device nodes. */
export function formatStat(b: Uint8Array, arch: Arch): string {
  const mode = Number(readStatField(b, arch, 'st_mode'));
  const type = mode & S_IFMT;
  let s = `{st_mode=${formatSymbolicMode(mode)}, `;
  if (type === 0o020000 || type === 0o060000) {
    const rdev = readStatField(b, arch, 'st_rdev');
    s += `st_rdev=makedev(${hex(BigInt(devMajor(rdev)))}, ${hex(BigInt(devMinor(rdev)))})`;
  } else {
    s += `st_size=${BigInt.asIntN(64, readStatField(b, arch, 'st_size'))}`;
  }
  return s + ', ...}';
}

export const UTSNAME_SIZE = 6 * 65;
export function formatUtsname(b: Uint8Array): string {
  const field = (i: number): string => formatCString(b.subarray(i * 65, i * 65 + 65), 65);
  return `{sysname=${field(0)}, nodename=${field(1)}, ...}`;
}

/** wait4 status word: `[{WIFEXITED(s) && WEXITSTATUS(s) == 3}]`. */
export function formatWaitStatus(status: number): string {
  let s: string;
  const sig = (n: number): string => signalName(n) ?? String(n);
  if ((status & 0x7f) === 0) s = `WIFEXITED(s) && WEXITSTATUS(s) == ${(status >> 8) & 0xff}`;
  else if ((status & 0xff) === 0x7f) s = `WIFSTOPPED(s) && WSTOPSIG(s) == ${sig((status >> 8) & 0xff)}`;
  else if (status === 0xffff) s = 'WIFCONTINUED(s)';
  else s = `WIFSIGNALED(s) && WTERMSIG(s) == ${sig(status & 0x7f)}${status & 0x80 ? ' && WCOREDUMP(s)' : ''}`;
  return `[{${s}}]`;
}

export const POLLFD_SIZE = 8;
/** poll's input array: `[{fd=5, events=POLLIN}, ...]`. */
export function formatPollfdsIn(b: Uint8Array, count: number): string {
  const items: string[] = [];
  for (let i = 0; i < count; i++) {
    const v = view(b);
    const fd = v.getInt32(i * 8, true);
    const events = BigInt(v.getUint16(i * 8 + 4, true));
    // The kernel skips a negative fd, and strace shows it without its events.
    items.push(fd < 0 ? `{fd=${fd}}` : `{fd=${fd}, events=${formatFlags(events, POLL_EVENTS, 'POLL???')}}`);
  }
  return `[${items.join(', ')}]`;
}

/** poll's result suffix: `[{fd=6, revents=POLLOUT}]` listing only fds with events. */
export function formatPollfdsOut(b: Uint8Array, count: number): string {
  const items: string[] = [];
  for (let i = 0; i < count; i++) {
    const v = view(b);
    const revents = BigInt(v.getUint16(i * 8 + 6, true));
    if (revents !== 0n) items.push(`{fd=${v.getInt32(i * 8, true)}, revents=${formatFlags(revents, POLL_EVENTS, 'POLL???')}}`);
  }
  return `[${items.join(', ')}]`;
}

export const WINSIZE_SIZE = 8;
export function formatWinsize(b: Uint8Array): string {
  const v = view(b);
  return `{ws_row=${v.getUint16(0, true)}, ws_col=${v.getUint16(2, true)}, ws_xpixel=${v.getUint16(4, true)}, ws_ypixel=${v.getUint16(6, true)}}`;
}
