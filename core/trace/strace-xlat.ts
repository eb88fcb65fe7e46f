// Value → name tables for the arguments strace decodes symbolically, in strace's
// own print order (src/xlat/*.in, strace 6.1), plus the two printers it uses:
// printflags (names joined by `|`, leftover bits as hex, `0x40 /* PROT_??? */`
// when nothing matched) and printxval (a name or `0x7 /* SEEK_??? */`).

import type { Arch } from './events.js';
import { ARCH_OPEN_BITS, O_APPEND, O_CLOEXEC, O_CREAT, O_NONBLOCK } from '../kernel/vfs/open-flags.js';

export type Xlat = ReadonlyArray<readonly [bigint, string]>;

export function hex(v: bigint): string {
  return v === 0n ? '0' : '0x' + v.toString(16);
}

/** printflags64(): every table entry whose bits are all set, in table order. */
export function formatFlags(value: bigint, table: Xlat, unknownTag: string, zero = '0'): string {
  if (value === 0n) {
    const z = table.find(([v]) => v === 0n);
    return z ? z[1] : zero;
  }
  const parts: string[] = [];
  let rest = value;
  for (const [bits, name] of table) {
    if (bits !== 0n && (rest & bits) === bits) {
      parts.push(name);
      rest &= ~bits;
    }
  }
  if (parts.length === 0) return `${hex(value)} /* ${unknownTag} */`;
  if (rest !== 0n) parts.push(hex(rest));
  return parts.join('|');
}

/** printxval(): a single named value, else hex followed by an `X_???` comment. */
export function formatXval(value: bigint, table: Xlat, unknownTag: string): string {
  const hit = table.find(([v]) => v === value);
  return hit ? hit[1] : `${hex(value)} /* ${unknownTag} */`;
}

const x = (pairs: ReadonlyArray<readonly [number | bigint, string]>): Xlat =>
  pairs.map(([v, n]) => [BigInt(v), n] as const);

// open flag values live with the VFS (x86-64 and arm64 differ in four bits).
export { O_ACCMODE, O_CREAT, O_APPEND, O_NONBLOCK, O_CLOEXEC } from '../kernel/vfs/open-flags.js';
export const __O_TMPFILE = 0o20000000;

function openModeFlags(arch: Arch): Xlat {
  const a = ARCH_OPEN_BITS[arch];
  const O_DSYNC = 0o10000;
  const __O_SYNC = 0o4000000;
  return x([
    [O_CREAT, 'O_CREAT'],
    [0o200, 'O_EXCL'],
    [0o400, 'O_NOCTTY'],
    [0o1000, 'O_TRUNC'],
    [O_APPEND, 'O_APPEND'],
    [O_NONBLOCK, 'O_NONBLOCK'],
    [__O_SYNC | O_DSYNC, 'O_SYNC'],
    [__O_SYNC, '__O_SYNC'],
    [O_DSYNC, 'O_DSYNC'],
    [a.O_DIRECT, 'O_DIRECT'],
    [a.O_LARGEFILE, 'O_LARGEFILE'],
    [a.O_NOFOLLOW, 'O_NOFOLLOW'],
    [0o1000000, 'O_NOATIME'],
    [O_CLOEXEC, 'O_CLOEXEC'],
    [0o10000000, 'O_PATH'],
    [__O_TMPFILE | a.O_DIRECTORY, 'O_TMPFILE'],
    [__O_TMPFILE, '__O_TMPFILE'],
    [a.O_DIRECTORY, 'O_DIRECTORY'],
    [0o20000, 'FASYNC'],
  ]);
}

const ACCESS_MODES = ['O_RDONLY', 'O_WRONLY', 'O_RDWR', 'O_ACCMODE'] as const;

/** open/openat flags: the access mode always comes first (strace tprint_open_modes). */
export function formatOpenFlags(value: bigint, arch: Arch): string {
  const acc = ACCESS_MODES[Number(value & 3n)]!;
  const rest = value & ~3n;
  if (rest === 0n) return acc;
  return acc + '|' + formatFlags(rest, openModeFlags(arch), 'O_???').replace(/ \/\* O_\?\?\? \*\/$/, '');
}

/** pipe2/dup3/eventfd style flags: no access mode, 0 prints as `0`. */
export function formatFdFlags(value: bigint, arch: Arch): string {
  return formatFlags(value, openModeFlags(arch), 'O_???');
}

export function formatProt(value: bigint, arch: Arch): string {
  const table: Array<readonly [number, string]> = [
    [0, 'PROT_NONE'],
    [1, 'PROT_READ'],
    [2, 'PROT_WRITE'],
    [4, 'PROT_EXEC'],
    [8, 'PROT_SEM'],
  ];
  if (arch === 'arm64') table.push([0x10, 'PROT_BTI'], [0x20, 'PROT_MTE']);
  table.push([0x01000000, 'PROT_GROWSDOWN'], [0x02000000, 'PROT_GROWSUP']);
  return formatFlags(value, x(table), 'PROT_???');
}

/** mmap flags: the sharing type (low 2 bits) is a value, the rest are flags. */
export function formatMmapFlags(value: bigint, arch: Arch): string {
  // Type 0 prints as MAP_FILE (its value is 0), as strace 6.1 does.
  const types = ['MAP_FILE', 'MAP_SHARED', 'MAP_PRIVATE', 'MAP_SHARED_VALIDATE'];
  const parts = [types[Number(value & 3n)]!];
  let rest = value & ~3n;
  const table: Array<readonly [number, string]> = [
    [0x8, 'MAP_DROPPABLE'],
    [0x10, 'MAP_FIXED'],
    [0x20, 'MAP_ANONYMOUS'],
  ];
  if (arch === 'x86_64') table.push([0x40, 'MAP_32BIT'], [0x80, 'MAP_ABOVE4G']);
  table.push(
    [0x4000, 'MAP_NORESERVE'],
    [0x8000, 'MAP_POPULATE'],
    [0x10000, 'MAP_NONBLOCK'],
    [0x100, 'MAP_GROWSDOWN'],
    [0x800, 'MAP_DENYWRITE'],
    [0x1000, 'MAP_EXECUTABLE'],
    [0x2000, 'MAP_LOCKED'],
    [0x20000, 'MAP_STACK'],
    [0x40000, 'MAP_HUGETLB'],
    [0x80000, 'MAP_SYNC'],
  );
  // With MAP_HUGETLB, bits 26..31 carry log2(page size) (MAP_HUGE_SHIFT).
  const hugeBits = value & 0x40000n ? rest & (0x3fn << 26n) : 0n;
  rest &= ~hugeBits;
  if (!(value & 0x40000n)) table.push([0x4000000, 'MAP_UNINITIALIZED']);
  table.push([0x100000, 'MAP_FIXED_NOREPLACE']);
  for (const [bits, name] of table) {
    const b = BigInt(bits);
    if ((rest & b) === b) {
      parts.push(name);
      rest &= ~b;
    }
  }
  if (hugeBits !== 0n) parts.push(`${hugeBits >> 26n}<<MAP_HUGE_SHIFT`);
  if (rest !== 0n) parts.push(hex(rest));
  return parts.join('|');
}

export const WHENCE = x([
  [0, 'SEEK_SET'],
  [1, 'SEEK_CUR'],
  [2, 'SEEK_END'],
  [3, 'SEEK_DATA'],
  [4, 'SEEK_HOLE'],
]);

export const CLOCK_IDS = x([
  [0, 'CLOCK_REALTIME'],
  [1, 'CLOCK_MONOTONIC'],
  [2, 'CLOCK_PROCESS_CPUTIME_ID'],
  [3, 'CLOCK_THREAD_CPUTIME_ID'],
  [4, 'CLOCK_MONOTONIC_RAW'],
  [5, 'CLOCK_REALTIME_COARSE'],
  [6, 'CLOCK_MONOTONIC_COARSE'],
  [7, 'CLOCK_BOOTTIME'],
  [8, 'CLOCK_REALTIME_ALARM'],
  [9, 'CLOCK_BOOTTIME_ALARM'],
  [11, 'CLOCK_TAI'],
]);

export const SIGPROCMASK_HOW = x([
  [0, 'SIG_BLOCK'],
  [1, 'SIG_UNBLOCK'],
  [2, 'SIG_SETMASK'],
]);

export const ITIMER_WHICH = x([
  [0, 'ITIMER_REAL'],
  [1, 'ITIMER_VIRTUAL'],
  [2, 'ITIMER_PROF'],
]);

export const ARCH_PRCTL_CODES = x([
  [0x1001, 'ARCH_SET_GS'],
  [0x1002, 'ARCH_SET_FS'],
  [0x1003, 'ARCH_GET_FS'],
  [0x1004, 'ARCH_GET_GS'],
  [0x1011, 'ARCH_GET_CPUID'],
  [0x1012, 'ARCH_SET_CPUID'],
]);

export const SA_FLAGS = x([
  [0x04000000, 'SA_RESTORER'],
  [0x08000000, 'SA_ONSTACK'],
  [0x10000000, 'SA_RESTART'],
  [0x20000000, 'SA_INTERRUPT'],
  [0x40000000, 'SA_NODEFER'],
  [0x80000000, 'SA_RESETHAND'],
  [4, 'SA_SIGINFO'],
  [1, 'SA_NOCLDSTOP'],
  [2, 'SA_NOCLDWAIT'],
]);
export const SA_RESTORER = 0x04000000n;

export const WAIT_OPTIONS = x([
  [1, 'WNOHANG'],
  [2, 'WSTOPPED'], // strace's name for WUNTRACED (same bit)
  [4, 'WEXITED'],
  [8, 'WCONTINUED'],
  [0x01000000, 'WNOWAIT'],
  [0x20000000, '__WNOTHREAD'],
  [0x40000000, '__WALL'],
  [0x80000000, '__WCLONE'],
]);

export const AT_FLAGS = x([
  [0x100, 'AT_SYMLINK_NOFOLLOW'],
  [0x200, 'AT_REMOVEDIR'],
  [0x400, 'AT_SYMLINK_FOLLOW'],
  [0x800, 'AT_NO_AUTOMOUNT'],
  [0x1000, 'AT_EMPTY_PATH'],
]);

export const CLONE_FLAGS = x([
  [0x100, 'CLONE_VM'],
  [0x200, 'CLONE_FS'],
  [0x400, 'CLONE_FILES'],
  [0x800, 'CLONE_SIGHAND'],
  [0x1000, 'CLONE_PIDFD'],
  [0x2000, 'CLONE_PTRACE'],
  [0x4000, 'CLONE_VFORK'],
  [0x8000, 'CLONE_PARENT'],
  [0x10000, 'CLONE_THREAD'],
  [0x20000, 'CLONE_NEWNS'],
  [0x40000, 'CLONE_SYSVSEM'],
  [0x80000, 'CLONE_SETTLS'],
  [0x100000, 'CLONE_PARENT_SETTID'],
  [0x200000, 'CLONE_CHILD_CLEARTID'],
  [0x400000, 'CLONE_DETACHED'],
  [0x800000, 'CLONE_UNTRACED'],
  [0x1000000, 'CLONE_CHILD_SETTID'],
  [0x2000000, 'CLONE_NEWCGROUP'],
  [0x4000000, 'CLONE_NEWUTS'],
  [0x8000000, 'CLONE_NEWIPC'],
  [0x10000000, 'CLONE_NEWUSER'],
  [0x20000000, 'CLONE_NEWPID'],
  [0x40000000, 'CLONE_NEWNET'],
  [0x80000000, 'CLONE_IO'],
]);

export const POLL_EVENTS = x([
  [0x1, 'POLLIN'],
  [0x2, 'POLLPRI'],
  [0x4, 'POLLOUT'],
  [0x8, 'POLLERR'],
  [0x10, 'POLLHUP'],
  [0x20, 'POLLNVAL'],
  [0x40, 'POLLRDNORM'],
  [0x80, 'POLLRDBAND'],
  [0x100, 'POLLWRNORM'],
  [0x200, 'POLLWRBAND'],
  [0x400, 'POLLMSG'],
  [0x2000, 'POLLRDHUP'],
]);

/** Terminal ioctls (asm-generic/ioctls.h, shared by x86-64 and arm64). */
export const IOCTL_REQUESTS = x([
  [0x5401, 'TCGETS'],
  // strace names the numbers the OSS sequencer ioctls share (_IO('T', 2..4)) both ways.
  [0x5402, 'SNDCTL_TMR_START or TCSETS'],
  [0x5403, 'SNDCTL_TMR_STOP or TCSETSW'],
  [0x5404, 'SNDCTL_TMR_CONTINUE or TCSETSF'],
  [0x540b, 'TCFLSH'],
  [0x540e, 'TIOCSCTTY'],
  [0x540f, 'TIOCGPGRP'],
  [0x5410, 'TIOCSPGRP'],
  [0x5413, 'TIOCGWINSZ'],
  [0x5414, 'TIOCSWINSZ'],
  [0x541b, 'FIONREAD'],
  [0x5421, 'FIONBIO'],
  [0x5450, 'FIONCLEX'],
  [0x5451, 'FIOCLEX'],
]);

/** TCFLSH's queue selector. */
export const TCFLSH_QUEUES = x([
  [0, 'TCIFLUSH'],
  [1, 'TCOFLUSH'],
  [2, 'TCIOFLUSH'],
]);

/** Requests that take no argument: strace prints just `ioctl(fd, FIOCLEX)`. */
export const NO_ARG_IOCTLS: ReadonlySet<bigint> = new Set([0x5450n, 0x5451n]);

/** An ioctl number strace has no name for: `_IOC(_IOC_READ, 0x12, 0x34, 0x8)`. */
export function formatIoctlRequest(req: bigint): string {
  const v = req & 0xffffffffn;
  const named = IOCTL_REQUESTS.find(([n]) => n === v);
  if (named) return named[1];
  const dirNames = ['_IOC_NONE', '_IOC_WRITE', '_IOC_READ', '_IOC_READ|_IOC_WRITE'];
  const dir = Number((v >> 30n) & 3n);
  const size = (v >> 16n) & 0x3fffn;
  const type = (v >> 8n) & 0xffn;
  const nr = v & 0xffn;
  return `_IOC(${dirNames[dir]}, ${hex(type)}, ${hex(nr)}, ${hex(size)})`;
}
