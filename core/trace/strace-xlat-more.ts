// More value tables for strace decoding (strace 6.1 src/xlat/*.in order):
// fcntl commands, rlimit resources, getrandom/access/madvise/sigaltstack flags.

import { formatFlags, formatXval, type Xlat } from './strace-xlat.js';

const x = (pairs: ReadonlyArray<readonly [number, string]>): Xlat => pairs.map(([v, n]) => [BigInt(v), n] as const);

export const F_DUPFD = 0n;
export const F_GETFD = 1n;
export const F_SETFD = 2n;
export const F_GETFL = 3n;
export const F_SETFL = 4n;
export const F_DUPFD_CLOEXEC = 1030n;

export const FCNTL_CMDS = x([
  [0, 'F_DUPFD'],
  [1, 'F_GETFD'],
  [2, 'F_SETFD'],
  [3, 'F_GETFL'],
  [4, 'F_SETFL'],
  [5, 'F_GETLK'],
  [6, 'F_SETLK'],
  [7, 'F_SETLKW'],
  [8, 'F_SETOWN'],
  [9, 'F_GETOWN'],
  [10, 'F_SETSIG'],
  [11, 'F_GETSIG'],
  [1024, 'F_SETLEASE'],
  [1025, 'F_GETLEASE'],
  [1030, 'F_DUPFD_CLOEXEC'],
  [1031, 'F_SETPIPE_SZ'],
  [1032, 'F_GETPIPE_SZ'],
]);

/** Commands that take no third argument: strace prints `fcntl(3, F_GETFL)`. */
export const FCNTL_NO_ARG: ReadonlySet<bigint> = new Set([1n, 3n, 9n, 11n, 1025n, 1032n]);

export const FD_FLAGS = x([[1, 'FD_CLOEXEC']]);

export const RLIMIT_RESOURCES = x([
  [0, 'RLIMIT_CPU'],
  [1, 'RLIMIT_FSIZE'],
  [2, 'RLIMIT_DATA'],
  [3, 'RLIMIT_STACK'],
  [4, 'RLIMIT_CORE'],
  [5, 'RLIMIT_RSS'],
  [6, 'RLIMIT_NPROC'],
  [7, 'RLIMIT_NOFILE'],
  [8, 'RLIMIT_MEMLOCK'],
  [9, 'RLIMIT_AS'],
  [10, 'RLIMIT_LOCKS'],
  [11, 'RLIMIT_SIGPENDING'],
  [12, 'RLIMIT_MSGQUEUE'],
  [13, 'RLIMIT_NICE'],
  [14, 'RLIMIT_RTPRIO'],
  [15, 'RLIMIT_RTTIME'],
]);

/** sprint_rlim64(): RLIM64_INFINITY, `8192*1024` for multiples of 1 KiB above 1024, else decimal. */
export function formatRlim(v: bigint): string {
  if (v === 0xffffffffffffffffn) return 'RLIM64_INFINITY';
  if (v > 1024n && v % 1024n === 0n) return `${v / 1024n}*1024`;
  return v.toString();
}

export const GETRANDOM_FLAGS = x([
  [1, 'GRND_NONBLOCK'],
  [2, 'GRND_RANDOM'],
  [4, 'GRND_INSECURE'],
]);

export const TIMER_FLAGS = x([[1, 'TIMER_ABSTIME']]);

export const RUSAGE_WHO = x([
  [0, 'RUSAGE_SELF'],
  [1, 'RUSAGE_THREAD'],
]);

/** getrusage's who: RUSAGE_CHILDREN is -1. */
export function formatRusageWho(v: bigint): string {
  return BigInt.asIntN(32, v) === -1n ? 'RUSAGE_CHILDREN' : formatXval(v & 0xffffffffn, RUSAGE_WHO, 'RUSAGE_???');
}

const ACCESS_MODES = x([
  [4, 'R_OK'],
  [2, 'W_OK'],
  [1, 'X_OK'],
]);

export function formatAccessMode(v: bigint): string {
  return v === 0n ? 'F_OK' : formatFlags(v, ACCESS_MODES, '?_OK');
}

export const MADVISE_ADVICE = x([
  [0, 'MADV_NORMAL'],
  [1, 'MADV_RANDOM'],
  [2, 'MADV_SEQUENTIAL'],
  [3, 'MADV_WILLNEED'],
  [4, 'MADV_DONTNEED'],
  [8, 'MADV_FREE'],
  [9, 'MADV_REMOVE'],
  [10, 'MADV_DONTFORK'],
  [11, 'MADV_DOFORK'],
  [12, 'MADV_MERGEABLE'],
  [13, 'MADV_UNMERGEABLE'],
  [14, 'MADV_HUGEPAGE'],
  [15, 'MADV_NOHUGEPAGE'],
  [16, 'MADV_DONTDUMP'],
  [17, 'MADV_DODUMP'],
  [18, 'MADV_WIPEONFORK'],
  [19, 'MADV_KEEPONFORK'],
  [20, 'MADV_COLD'],
  [21, 'MADV_PAGEOUT'],
]);

export const SS_FLAGS = x([
  [1, 'SS_ONSTACK'],
  [2, 'SS_DISABLE'],
  [0x80000000, 'SS_AUTODISARM'],
]);

/** getrandom's buffer: strace forces hex escapes (QUOTE_FORCE_HEX), truncated at -s. */
export function formatHexBuffer(bytes: Uint8Array, len: number, maxStrlen: number): string {
  let s = '"';
  for (const b of bytes.subarray(0, Math.min(len, maxStrlen))) s += '\\x' + b.toString(16).padStart(2, '0');
  return s + '"' + (len > maxStrlen ? '...' : '');
}


// include/uapi/linux/personality.h: the persona (low byte) and its flag bits, in
// strace's print order (src/xlat/personality_types.in, personality_flags.in).
export const PERSONALITY_TYPES: Xlat = x([
  [0x0000, 'PER_LINUX'],
  [0x0008, 'PER_LINUX32'],
]);
export const PERSONALITY_FLAGS: Xlat = x([
  [0x0020000, 'UNAME26'],
  [0x0040000, 'ADDR_NO_RANDOMIZE'],
  [0x0080000, 'FDPIC_FUNCPTRS'],
  [0x0100000, 'MMAP_PAGE_ZERO'],
  [0x0200000, 'ADDR_COMPAT_LAYOUT'],
  [0x0400000, 'READ_IMPLIES_EXEC'],
  [0x0800000, 'ADDR_LIMIT_32BIT'],
  [0x1000000, 'SHORT_INODE'],
  [0x2000000, 'WHOLE_SECONDS'],
  [0x4000000, 'STICKY_TIMEOUTS'],
  [0x8000000, 'ADDR_LIMIT_3GB'],
]);

// msync(2) flags (src/xlat/msync_flags.in).
export const MSYNC_FLAGS: Xlat = x([
  [1, 'MS_ASYNC'],
  [2, 'MS_INVALIDATE'],
  [4, 'MS_SYNC'],
]);
