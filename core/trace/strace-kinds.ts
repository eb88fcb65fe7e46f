// The argument-kind vocabulary the kernel's syscall rows use to tell the strace
// printer how each argument prints, and which arguments strace shows only when
// the call returns (they split across `<unfinished ...>` / `<... resumed>`).

import type { Arch } from './events.js';
import { MAX_ERRNO } from '../kernel/errno.js';

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
  /** rt_sigreturn: the address of the saved signal mask in the signal frame (strace shows `{mask=[...]}`). */
  | 'sigreturn-mask'
  /** getdents64's buffer: the address plus an `N entries` comment after a successful call. */
  | 'dirents-out'
  /** rt_sigqueueinfo/rt_tgsigqueueinfo's siginfo_t argument. */
  | 'siginfo-in'
  /** timer_settime/timer_gettime: struct itimerspec. */
  | 'itimerspec-in'
  | 'itimerspec-out'
  /** ppoll's timeout: read on entry (the call overwrites it with the time left, shown after the result). */
  | 'timespec-inout'
  /** ppoll's mask: a sigset when the next argument (its size) is 8, else the address, as strace. */
  | 'sigset-sized'
  // Shorthands for the object kinds below with the length/count in the next argument.
  | 'buf-in'
  | 'buf-out'
  | 'iovec-in'
  | 'iovec-out'
  | 'pollfd';

/** Process/resource/misc kinds (rendered in strace-args-more.ts). */
export type MoreArgKind =
  | 'fcntl-cmd'
  /** fcntl's third argument, printed per command (omitted for F_GETFD, F_GETFL...). */
  | 'fcntl-arg'
  | 'rlimit-resource'
  | 'rlimit-in'
  | 'rlimit-out'
  /** getrandom's buffer (hex-escaped, length = return value). */
  | 'getrandom-buf'
  | 'getrandom-flags'
  /** clock_nanosleep/timer_settime flags (TIMER_ABSTIME). */
  | 'timer-flags'
  | 'rusage-who'
  /** access/faccessat mode: F_OK or R_OK|W_OK|X_OK. */
  | 'access-mode'
  | 'madvise-advice'
  /** sigaltstack's stack_t. */
  | 'stack-in'
  | 'stack-out'
  /** execve's argv (strings) and envp (address plus a count). */
  | 'argv'
  | 'envp'
  /** getcwd's buffer: the path, length = return value. */
  | 'cwd-out'
  /** personality(2)'s persona: `PER_LINUX|ADDR_NO_RANDOMIZE`, or hex for the 0xffffffff query. */
  | 'personality'
  | 'msync-flags';

/**
 * How one syscall argument is printed. Object forms name the argument holding a
 * length or count (`{ kind: 'buf-in', lenArg: 2 }` for write's buf). `buf-out`
 * prints `ret` bytes after the call, or the address if the call failed.
 */
export type SysArgKind =
  | SysArgSimpleKind
  | MoreArgKind
  | { kind: 'buf-in'; lenArg: number }
  | { kind: 'buf-out'; lenArg?: number }
  | { kind: 'iovec-in'; countArg: number }
  | { kind: 'iovec-out'; countArg: number }
  | { kind: 'pollfd'; countArg: number };

/** How the return value prints on success: `3`, `0x7f..` (mmap, brk), or `?` (exit). */
export type SysRetKind = 'dec' | 'hex' | 'noreturn' | 'octal';

export interface SyscallRecord {
  name: string;
  args: readonly bigint[];
  argKinds: readonly SysArgKind[];
  /** Raw return register (negative errno on failure; -512..-516 when interrupted). */
  ret: bigint;
  arch: Arch;
  retKind?: SysRetKind;
  /** Argument index → struct bytes as they were on entry, for 'timespec-inout' arguments the call rewrites. */
  atEntry?: ReadonlyMap<number, Uint8Array>;
}

/** Reads guest memory after the call; null means unreadable (strace prints the address). */
export type ReadUser = (addr: bigint, len: number) => Uint8Array | null;
/** -errno when `ret` is an error return (-4095..-1), else null. */
export function errnoOf(ret: bigint): number | null {
  const s = BigInt.asIntN(64, ret);
  return s < 0n && s >= -BigInt(MAX_ERRNO) ? Number(-s) : null;
}

export type ResolvedKind =
  | { kind: Exclude<SysArgSimpleKind, 'buf-in' | 'buf-out' | 'iovec-in' | 'iovec-out' | 'pollfd'> | MoreArgKind }
  | { kind: 'buf-in'; lenArg: number }
  | { kind: 'buf-out'; lenArg?: number }
  | { kind: 'iovec-in' | 'iovec-out' | 'pollfd'; countArg: number };

export function resolve(k: SysArgKind, index: number): ResolvedKind {
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
  'dirents-out',
  'itimerspec-out',
  'rlimit-out',
  'getrandom-buf',
  'stack-out',
  'cwd-out',
]);

const GETTER_IOCTLS = new Set([0x5401n, 0x5413n, 0x541bn, 0x540fn]);

/** Is this argument printed when the call returns (so after `<... resumed>`)? */
export function printedOnExit(rec: SyscallRecord, i: number): boolean {
  const k = resolve(rec.argKinds[i]!, i).kind;
  if (EXIT_KINDS.has(k)) return true;
  if (k === 'arch-prctl-addr') return ((rec.args[i - 1] ?? 0n) & 0xfn) >= 3n; // ARCH_GET_*
  if (k === 'ioctl-arg') return GETTER_IOCTLS.has((rec.args[i - 1] ?? 0n) & 0xffffffffn);
  return false;
}

