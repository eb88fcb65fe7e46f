// One row per syscall: its name, its number on each architecture, its arguments
// (C type for sanitising, strace kind for printing) and its implementation. The
// dispatcher and the strace printer both read these rows (DESIGN.md).

import type { SysArgKind, SysRetKind } from '../trace/strace-format.js';
import type { Arch } from '../trace/events.js';
import type { SysCtx, SysImpl } from './syscalls/context.js';
import * as fs from './syscalls/fs.js';
import * as mm from './syscalls/mm.js';
import * as proc from './syscalls/process.js';
import * as sig from './syscalls/signal.js';
import * as time from './syscalls/time.js';
import * as misc from './syscalls/misc.js';
import * as fd_ from './syscalls/fd.js';
import * as fork from './syscalls/fork.js';
import { sysSigaltstack } from './syscalls/sigaltstack.js';
import { sysRmdir, sysUnlink } from './syscalls/unlink.js';

/** The C type of an argument decides how the register is sanitised. */
export type CType = 'int' | 'uint' | 'long' | 'ulong' | 'ptr';

export interface SysArg {
  name: string;
  type: CType;
  kind: SysArgKind;
}

export interface SyscallRow {
  name: string;
  nr: { x86_64: number | null; arm64: number | null; i386?: number };
  args: SysArg[];
  ret?: SysRetKind;
  impl: SysImpl;
  /** Arguments strace prints that are not registers (rt_sigreturn's frame mask). */
  traceArgs?: SysArg[];
  /** What a blocked call returns when a handled signal interrupts it (signal(7)). */
  restart?: 'restartsys' | 'restartnohand' | 'restart-block' | 'eintr';
  /** Work a call does when a signal interrupts its sleep, before the handler runs (ppoll's time left). */
  interrupted?: (ctx: SysCtx) => void;
}

const a = (name: string, type: CType, kind: SysArgKind): SysArg => ({ name, type, kind });

const fd = (name = 'fd') => a(name, 'uint', 'fd');
const ptr = (name: string, kind: SysArgKind = 'ptr') => a(name, 'ptr', kind);
const size = (name = 'count') => a(name, 'ulong', 'size');

export const SYSCALLS: SyscallRow[] = [
  { name: 'read', nr: { x86_64: 0, arm64: 63, i386: 3 }, args: [fd(), ptr('buf', { kind: 'buf-out' }), size()], impl: fs.sysRead, restart: 'restartsys' },
  { name: 'write', nr: { x86_64: 1, arm64: 64, i386: 4 }, args: [fd(), ptr('buf', { kind: 'buf-in', lenArg: 2 }), size()], impl: fs.sysWrite, restart: 'restartsys' },
  { name: 'open', nr: { x86_64: 2, arm64: null, i386: 5 }, args: [ptr('filename', 'path'), a('flags', 'int', 'open-flags'), a('mode', 'uint', 'mode')], impl: fs.sysOpen },
  { name: 'close', nr: { x86_64: 3, arm64: 57, i386: 6 }, args: [fd()], impl: fs.sysClose },
  { name: 'fstat', nr: { x86_64: 5, arm64: 80 }, args: [fd(), ptr('statbuf', 'stat-out')], impl: fs.sysFstat },
  { name: 'lseek', nr: { x86_64: 8, arm64: 62 }, args: [fd(), a('offset', 'long', 'off'), a('whence', 'uint', 'whence')], impl: fs.sysLseek },
  { name: 'mmap', nr: { x86_64: 9, arm64: 222 }, args: [ptr('addr'), size('length'), a('prot', 'ulong', 'prot'), a('flags', 'ulong', 'mmap-flags'), a('fd', 'ulong', 'fd'), a('offset', 'ulong', 'hex')], ret: 'hex', impl: mm.sysMmap },
  { name: 'mprotect', nr: { x86_64: 10, arm64: 226 }, args: [ptr('start'), size('len'), a('prot', 'ulong', 'prot')], impl: mm.sysMprotect },
  { name: 'msync', nr: { x86_64: 26, arm64: 227 }, args: [ptr('start'), size('len'), a('flags', 'int', 'msync-flags')], impl: mm.sysMsync },
  { name: 'munmap', nr: { x86_64: 11, arm64: 215 }, args: [ptr('addr'), size('len')], impl: mm.sysMunmap },
  { name: 'brk', nr: { x86_64: 12, arm64: 214, i386: 45 }, args: [ptr('brk')], ret: 'hex', impl: mm.sysBrk },
  { name: 'rt_sigaction', nr: { x86_64: 13, arm64: 134 }, args: [a('sig', 'int', 'signal'), ptr('act', 'sigaction-in'), ptr('oact', 'sigaction-out'), size('sigsetsize')], impl: sig.sysRtSigaction },
  { name: 'rt_sigprocmask', nr: { x86_64: 14, arm64: 135 }, args: [a('how', 'int', 'sigprocmask-how'), ptr('set', 'sigset-in'), ptr('oset', 'sigset-out'), size('sigsetsize')], impl: sig.sysRtSigprocmask },
  // strace shows the mask the frame will restore: a pseudo-argument read from the user stack.
  { name: 'rt_sigreturn', nr: { x86_64: 15, arm64: 139 }, args: [], traceArgs: [{ name: 'mask', type: 'ptr', kind: 'sigreturn-mask' }], impl: sig.sysRtSigreturn },
  { name: 'ioctl', nr: { x86_64: 16, arm64: 29 }, args: [fd(), a('cmd', 'uint', 'ioctl-request'), a('arg', 'ulong', 'ioctl-arg')], impl: fs.sysIoctl },
  { name: 'readv', nr: { x86_64: 19, arm64: 65 }, args: [a('fd', 'ulong', 'fd'), ptr('vec', { kind: 'iovec-out', countArg: 2 }), a('vlen', 'ulong', 'ulong')], impl: fs.sysReadv, restart: 'restartsys' },
  { name: 'writev', nr: { x86_64: 20, arm64: 66 }, args: [a('fd', 'ulong', 'fd'), ptr('vec', { kind: 'iovec-in', countArg: 2 }), a('vlen', 'ulong', 'ulong')], impl: fs.sysWritev, restart: 'restartsys' },
  { name: 'sched_yield', nr: { x86_64: 24, arm64: 124 }, args: [], impl: proc.sysSchedYield },
  { name: 'nanosleep', nr: { x86_64: 35, arm64: 101 }, args: [ptr('rqtp', 'timespec-in'), ptr('rmtp', 'timespec-out')], impl: time.sysNanosleep, restart: 'restart-block' },
  { name: 'getpid', nr: { x86_64: 39, arm64: 172, i386: 20 }, args: [], impl: proc.sysGetpid },
  { name: 'exit', nr: { x86_64: 60, arm64: 93, i386: 1 }, args: [a('error_code', 'int', 'int')], ret: 'noreturn', impl: proc.sysExit },
  { name: 'uname', nr: { x86_64: 63, arm64: 160 }, args: [ptr('name', 'utsname-out')], impl: misc.sysUname },
  { name: 'gettimeofday', nr: { x86_64: 96, arm64: 169 }, args: [ptr('tv', 'timeval-out'), ptr('tz')], impl: time.sysGettimeofday },
  { name: 'getuid', nr: { x86_64: 102, arm64: 174 }, args: [], impl: proc.sysGetuid },
  { name: 'getgid', nr: { x86_64: 104, arm64: 176 }, args: [], impl: proc.sysGetuid },
  { name: 'geteuid', nr: { x86_64: 107, arm64: 175 }, args: [], impl: proc.sysGetuid },
  { name: 'getegid', nr: { x86_64: 108, arm64: 177 }, args: [], impl: proc.sysGetuid },
  { name: 'getppid', nr: { x86_64: 110, arm64: 173 }, args: [], impl: proc.sysGetppid },
  { name: 'arch_prctl', nr: { x86_64: 158, arm64: null }, args: [a('option', 'int', 'arch-prctl-code'), a('arg2', 'ulong', 'arch-prctl-addr')], impl: misc.sysArchPrctl },
  { name: 'gettid', nr: { x86_64: 186, arm64: 178 }, args: [], impl: proc.sysGettid },
  { name: 'set_tid_address', nr: { x86_64: 218, arm64: 96 }, args: [ptr('tidptr', 'tid-ptr')], impl: proc.sysSetTidAddress },
  { name: 'clock_gettime', nr: { x86_64: 228, arm64: 113 }, args: [a('which_clock', 'int', 'clockid'), ptr('tp', 'timespec-out')], impl: time.sysClockGettime },
  { name: 'clock_getres', nr: { x86_64: 229, arm64: 114 }, args: [a('which_clock', 'int', 'clockid'), ptr('tp', 'timespec-out')], impl: time.sysClockGetres },
  { name: 'exit_group', nr: { x86_64: 231, arm64: 94, i386: 252 }, args: [a('error_code', 'int', 'int')], ret: 'noreturn', impl: proc.sysExitGroup },
  { name: 'openat', nr: { x86_64: 257, arm64: 56 }, args: [a('dfd', 'int', 'dirfd'), ptr('filename', 'path'), a('flags', 'int', 'open-flags'), a('mode', 'uint', 'mode')], impl: fs.sysOpenat },
  { name: 'newfstatat', nr: { x86_64: 262, arm64: 79 }, args: [a('dfd', 'int', 'dirfd'), ptr('filename', 'path'), ptr('statbuf', 'stat-out'), a('flag', 'int', 'at-flags')], impl: fs.sysNewfstatat },
  { name: 'restart_syscall', nr: { x86_64: 219, arm64: 128 }, args: [], impl: sig.sysRestartSyscall, restart: 'restart-block' },
  { name: 'poll', nr: { x86_64: 7, arm64: null }, args: [ptr('ufds', { kind: 'pollfd', countArg: 1 }), a('nfds', 'uint', 'uint'), a('timeout_msecs', 'int', 'int')], impl: fd_.sysPoll, restart: 'restart-block' },
  { name: 'ppoll', nr: { x86_64: 271, arm64: 73 }, args: [ptr('ufds', { kind: 'pollfd', countArg: 1 }), a('nfds', 'uint', 'uint'), ptr('tsp', 'timespec-inout'), ptr('sigmask', 'sigset-sized'), size('sigsetsize')], impl: fd_.sysPpoll, restart: 'restartnohand', interrupted: fd_.ppollInterrupted },
  { name: 'pipe', nr: { x86_64: 22, arm64: null, i386: 42 }, args: [ptr('fildes', 'pipefd-out')], impl: fd_.sysPipe },
  { name: 'dup', nr: { x86_64: 32, arm64: 23, i386: 41 }, args: [fd('fildes')], impl: fd_.sysDup },
  { name: 'dup2', nr: { x86_64: 33, arm64: null, i386: 63 }, args: [fd('oldfd'), fd('newfd')], impl: fd_.sysDup2 },
  { name: 'pause', nr: { x86_64: 34, arm64: null, i386: 29 }, args: [], impl: sig.sysPause, restart: 'restartnohand' },
  { name: 'getitimer', nr: { x86_64: 36, arm64: 102 }, args: [a('which', 'int', 'itimer-which'), ptr('value', 'itimerval-out')], impl: sig.sysGetitimer },
  { name: 'alarm', nr: { x86_64: 37, arm64: null, i386: 27 }, args: [a('seconds', 'uint', 'uint')], impl: sig.sysAlarm },
  { name: 'setitimer', nr: { x86_64: 38, arm64: 103 }, args: [a('which', 'int', 'itimer-which'), ptr('value', 'itimerval'), ptr('ovalue', 'itimerval-out')], impl: sig.sysSetitimer },
  { name: 'clone', nr: { x86_64: 56, arm64: 220 }, args: [a('clone_flags', 'ulong', 'clone-flags'), ptr('newsp'), ptr('parent_tidptr'), ptr('child_tidptr'), a('tls', 'ulong', 'hex')], impl: fork.sysClone },
  { name: 'fork', nr: { x86_64: 57, arm64: null, i386: 2 }, args: [], impl: fork.sysFork },
  { name: 'vfork', nr: { x86_64: 58, arm64: null, i386: 190 }, args: [], impl: fork.sysVfork },
  { name: 'execve', nr: { x86_64: 59, arm64: 221, i386: 11 }, args: [ptr('filename', 'path'), ptr('argv'), ptr('envp')], impl: fork.sysExecve },
  { name: 'wait4', nr: { x86_64: 61, arm64: 260, i386: 114 }, args: [a('upid', 'int', 'int'), ptr('stat_addr', 'wait-status-out'), a('options', 'int', 'wait-options'), ptr('ru', 'rusage-out')], impl: fork.sysWait4, restart: 'restartsys' },
  { name: 'kill', nr: { x86_64: 62, arm64: 129, i386: 37 }, args: [a('pid', 'int', 'int'), a('sig', 'int', 'signal')], impl: sig.sysKill },
  { name: 'fcntl', nr: { x86_64: 72, arm64: 25 }, args: [fd(), a('cmd', 'uint', 'fcntl-cmd'), a('arg', 'ulong', 'fcntl-arg')], impl: fd_.sysFcntl },
  { name: 'getcwd', nr: { x86_64: 79, arm64: 17 }, args: [ptr('buf', { kind: 'buf-out' }), size('size')], impl: misc.sysGetcwd },
  { name: 'chdir', nr: { x86_64: 80, arm64: 49 }, args: [ptr('filename', 'path')], impl: misc.sysChdir },
  { name: 'getrusage', nr: { x86_64: 98, arm64: 165 }, args: [a('who', 'int', 'int'), ptr('ru', 'rusage-out')], impl: misc.sysGetrusage },
  { name: 'rt_sigsuspend', nr: { x86_64: 130, arm64: 133 }, args: [ptr('unewset', 'sigset-in'), size('sigsetsize')], impl: sig.sysRtSigsuspend, restart: 'restartnohand' },
  { name: 'unlink', nr: { x86_64: 87, arm64: null, i386: 10 }, args: [ptr('pathname', 'path')], impl: sysUnlink },
  { name: 'rmdir', nr: { x86_64: 84, arm64: null, i386: 40 }, args: [ptr('pathname', 'path')], impl: sysRmdir },
  { name: 'sigaltstack', nr: { x86_64: 131, arm64: 132 }, args: [ptr('uss', 'stack-in'), ptr('uoss', 'stack-out')], impl: sysSigaltstack },
  { name: 'personality', nr: { x86_64: 135, arm64: 92 }, args: [a('personality', 'uint', 'personality')], impl: misc.sysPersonality },
  { name: 'tkill', nr: { x86_64: 200, arm64: 130 }, args: [a('pid', 'int', 'int'), a('sig', 'int', 'signal')], impl: sig.sysTkill },
  { name: 'tgkill', nr: { x86_64: 234, arm64: 131 }, args: [a('tgid', 'int', 'int'), a('pid', 'int', 'int'), a('sig', 'int', 'signal')], impl: sig.sysTgkill },
  { name: 'dup3', nr: { x86_64: 292, arm64: 24 }, args: [fd('oldfd'), fd('newfd'), a('flags', 'int', 'fd-flags')], impl: fd_.sysDup3 },
  { name: 'pipe2', nr: { x86_64: 293, arm64: 59 }, args: [ptr('fildes', 'pipefd-out'), a('flags', 'int', 'fd-flags')], impl: fd_.sysPipe2 },
  { name: 'getrandom', nr: { x86_64: 318, arm64: 278 }, args: [ptr('buf', { kind: 'buf-out' }), size('count'), a('flags', 'uint', 'hex')], impl: misc.sysGetrandom },
];

/** x86-64 entries that exist in the table but are retired: they route to sys_ni_syscall. */
const X86_RETIRED = [174, 177, 178, 180, 181, 182, 183, 184, 185, 236];
/** __NR_syscalls on Linux 6.x x86-64 (arch/x86/entry/syscalls/syscall_64.tbl). */
export const NR_SYSCALLS_X86_64 = 463;
/** __NR_syscalls for the generic (asm-generic/unistd.h) table AArch64 uses. */
export const NR_SYSCALLS_ARM64 = 463;

export type TableEntry = SyscallRow | 'ni_syscall';

/** The dense dispatch table for one architecture: index = syscall number. */
export function buildTable(arch: Arch | 'i386'): TableEntry[] {
  const size = arch === 'x86_64' ? NR_SYSCALLS_X86_64 : arch === 'arm64' ? NR_SYSCALLS_ARM64 : 440;
  const table: TableEntry[] = new Array<TableEntry>(size).fill('ni_syscall');
  for (const row of SYSCALLS) {
    const nr = arch === 'i386' ? row.nr.i386 : row.nr[arch];
    if (nr !== null && nr !== undefined) table[nr] = row;
  }
  if (arch === 'x86_64') for (const nr of X86_RETIRED) table[nr] = 'ni_syscall';
  return table;
}

/** Sanitise a raw register per the argument's C type (the SYSCALL_DEFINE wrappers' casts). */
export function sanitize(raw: bigint, type: CType): bigint {
  switch (type) {
    case 'int':
      return BigInt.asIntN(32, raw);
    case 'uint':
      return BigInt.asUintN(32, raw);
    default:
      return BigInt.asUintN(64, raw);
  }
}

export function rowFor(table: TableEntry[], nr: number): TableEntry | undefined {
  return nr >= 0 && nr < table.length ? table[nr] : undefined;
}
