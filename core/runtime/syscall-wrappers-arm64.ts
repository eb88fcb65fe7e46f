// The runtime's system call wrappers as AArch64 guest assembly. C arguments arrive in
// x0-x5 (AAPCS64) where the kernel wants them, the number goes in x8 and `svc #0`
// traps (syscall(2), "Architecture calling conventions"). arm64 uses the generic
// system call list (include/uapi/asm-generic/unistd.h), which has no open, pipe,
// dup2, fork, alarm, pause or poll: like glibc, the runtime makes open, pipe and fork
// from openat, pipe2 and clone here, dup2, alarm, pause and poll from dup3, setitimer,
// rt_sigsuspend and ppoll in legacy-calls-arm64.ts, all under their usual C names.

import { SYSCALLS } from '../kernel/syscall-table.js';
import { ARM64_ERRNO_TPOFF } from './tls-layout.js';
import { RUNTIME_WRAPPERS, syscallNumber, type RuntimeWrapper } from './syscall-wrappers.js';

const SIGCHLD = 17;

/** The calls arm64 lacks, made from the ones it has, as glibc makes them. */
const ARM64_IN_TERMS_OF: Readonly<Record<string, Omit<RuntimeWrapper, 'symbol'>>> = {
  open: { syscall: 'openat', fixed: [{ arg: 0, value: -100, note: 'AT_FDCWD: a relative path is from the cwd' }] },
  pipe: { syscall: 'pipe2', fixed: [{ arg: 1, value: 0, note: 'no flags' }] },
  fork: {
    syscall: 'clone',
    fixed: [
      { arg: 0, value: SIGCHLD, note: 'SIGCHLD, no CLONE_* flags: a copy of the process' },
      { arg: 1, value: 0, note: 'the same stack (copied)' },
      { arg: 2, value: 0, note: 'no parent_tid' },
      { arg: 3, value: 0, note: 'no tls' },
      { arg: 4, value: 0, note: 'no child_tid' },
    ],
  },
};

/** Hand-written in legacy-calls-arm64.ts: each needs more than argument moves. */
export const ARM64_HAND_WRITTEN: readonly string[] = ['dup2', 'alarm', 'pause', 'poll'];

/** arm64's plain wrappers: the shared list mapped onto its calls, plus sigaction. */
export const ARM64_WRAPPERS: readonly RuntimeWrapper[] = [
  ...RUNTIME_WRAPPERS.filter((w) => !ARM64_HAND_WRITTEN.includes(w.symbol)).map((w) => {
    const nr = SYSCALLS.find((r) => r.name === w.syscall)?.nr.arm64;
    const alt = ARM64_IN_TERMS_OF[w.symbol];
    return nr === null && alt !== undefined ? { symbol: w.symbol, ...alt } : w;
  }),
  // arm64 needs no SA_RESTORER trampoline: without one the kernel returns from a handler
  // through the vDSO's __kernel_rt_sigreturn (arch/arm64/kernel/signal.c
  // setup_return), so the struct passes through unchanged, as glibc passes it.
  { symbol: 'sigaction', syscall: 'rt_sigaction', fixed: [{ arg: 3, value: 8, note: 'sigsetsize: the kernel sigset_t is 64 bits' }] },
];

/**
 * One arm64 wrapper. C arguments fill the kernel slots the wrapper does not fix, in
 * order; moving the highest first never overwrites one not yet moved.
 */
export function wrapperSourceArm64(w: RuntimeWrapper): string {
  const row = SYSCALLS.find((r) => r.name === w.syscall);
  const fixed = w.fixed ?? [];
  const slots = (row?.args ?? []).map((_, i) => i).filter((i) => !fixed.some((f) => f.arg === i));
  const moves = slots.map((slot, c) => [slot, c] as const).filter(([slot, c]) => slot !== c).reverse();
  const lines = [
    ...moves.map(([slot, c]) => `    mov x${slot}, x${c}`),
    ...fixed.map((f) => `${`    mov x${f.arg}, #${f.value}`.padEnd(40)}// ${f.note}`),
    `${`    mov x8, #${syscallNumber(w.syscall, 'arm64')}`.padEnd(40)}// ${w.syscall}`,
  ];
  return `.global ${w.symbol}
.type ${w.symbol}, %function
${w.symbol}:
${lines.join('\n')}
    svc #0
    cmn x0, #4095                       // x0 in -4095..-1 (unsigned >= -4095): an error
    b.cs __syscall_error
    ret
`;
}

/** All plain arm64 wrappers plus the generic syscall(2) and the shared errno tail. */
export function wrappersSourceArm64(): string {
  return `// ---- system call wrappers (generated from the kernel's syscall table) ----
.text
${ARM64_WRAPPERS.map(wrapperSourceArm64).join('\n')}
// long syscall(long nr, ...): every argument moves down one register (syscall(2)).
.global syscall
.type syscall, %function
syscall:
    mov x8, x0
    mov x0, x1
    mov x1, x2
    mov x2, x3
    mov x3, x4
    mov x4, x5
    mov x5, x6
    svc #0
    cmn x0, #4095
    b.cs __syscall_error
    ret

// The shared failure path: x0 = -errno. Store errno in this thread's TLS block and
// return -1, as every libc wrapper does (errno(3)).
.global __syscall_error
.type __syscall_error, %function
__syscall_error:
    neg w0, w0
    mrs x1, tpidr_el0
    str w0, [x1, #${ARM64_ERRNO_TPOFF}]
    mov x0, #-1
    ret
`;
}
