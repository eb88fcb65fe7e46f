// The libc-style system call wrappers of the guest runtime, generated per architecture
// from one list. Numbers come from the kernel's own syscall table, so there is one
// place per syscall number; the shared tail turns a result in -4095..-1 into errno and
// -1 (syscall(2), NOTES). The x86-64 form is here; the AArch64 form, and how arm64
// supplies the calls its kernel lacks, is in syscall-wrappers-arm64.ts.

import { SYSCALLS } from '../kernel/syscall-table.js';
import type { Arch } from '../trace/events.js';
import { ERRNO_TPOFF } from './tls-layout.js';

/** A kernel argument the wrapper supplies itself rather than taking from C. */
export interface FixedArg {
  /** Which kernel argument (0 = the first). */
  arg: number;
  value: number;
  note: string;
}

export interface RuntimeWrapper {
  /** The C function name the runtime exports. */
  symbol: string;
  /** The kernel call it makes (a row name in syscall-table.ts). */
  syscall: string;
  /** Arguments loaded before the trap (e.g. sigsetsize); C arguments fill the other slots in order. */
  fixed?: readonly FixedArg[];
}

/** The plain wrappers: C arguments pass straight through to the kernel. */
export const RUNTIME_WRAPPERS: readonly RuntimeWrapper[] = [
  { symbol: 'read', syscall: 'read' },
  { symbol: 'write', syscall: 'write' },
  { symbol: 'open', syscall: 'open' },
  { symbol: 'openat', syscall: 'openat' },
  { symbol: 'close', syscall: 'close' },
  { symbol: 'lseek', syscall: 'lseek' },
  { symbol: 'fstat', syscall: 'fstat' },
  { symbol: 'brk', syscall: 'brk' },
  { symbol: 'mmap', syscall: 'mmap' },
  { symbol: 'munmap', syscall: 'munmap' },
  { symbol: 'mprotect', syscall: 'mprotect' },
  { symbol: 'getpid', syscall: 'getpid' },
  { symbol: 'getppid', syscall: 'getppid' },
  { symbol: 'kill', syscall: 'kill' },
  { symbol: 'sigprocmask', syscall: 'rt_sigprocmask', fixed: [{ arg: 3, value: 8, note: 'sigsetsize: the kernel sigset_t is 64 bits' }] },
  { symbol: 'alarm', syscall: 'alarm' },
  { symbol: 'pause', syscall: 'pause' },
  { symbol: 'nanosleep', syscall: 'nanosleep' },
  { symbol: 'fork', syscall: 'fork' },
  { symbol: 'wait4', syscall: 'wait4' },
  { symbol: 'pipe', syscall: 'pipe' },
  { symbol: 'pipe2', syscall: 'pipe2' },
  { symbol: 'dup2', syscall: 'dup2' },
  { symbol: 'execve', syscall: 'execve' },
  { symbol: 'poll', syscall: 'poll' },
  { symbol: 'fcntl', syscall: 'fcntl' },
  { symbol: 'exit_group', syscall: 'exit_group' },
];

/** A syscall's number on arch, from the kernel's table; throws for a call arch does not have. */
export function syscallNumber(name: string, arch: Arch): number {
  const nr = SYSCALLS.find((r) => r.name === name)?.nr[arch];
  if (nr === undefined || nr === null) throw new Error(`runtime: no ${arch === 'x86_64' ? 'x86-64' : arch} syscall named ${name}`);
  return nr;
}

// The 32-bit names of the kernel argument registers (x86-64 psABI A.2.1): a small
// constant loaded into the low half zero-extends into the whole register.
const X86_ARG_REG32 = ['edi', 'esi', 'edx', 'r10d', 'r8d', 'r9d'];

/**
 * One x86-64 wrapper. The fourth argument moves from RCX (SysV function ABI) to R10
 * (kernel ABI, x86-64 psABI A.2.1) unless the wrapper fixes that argument itself.
 */
export function wrapperSource(w: RuntimeWrapper): string {
  const fixed = (w.fixed ?? []).map((f) => {
    const reg = X86_ARG_REG32[f.arg]!;
    return `    mov ${reg}, ${f.value}${' '.repeat(Math.max(1, 24 - reg.length - String(f.value).length))}# ${f.note}\n`;
  });
  const shuffle = w.fixed?.some((f) => f.arg === 3) ? '' : '    mov r10, rcx\n';
  return `.global ${w.symbol}
.type ${w.symbol}, @function
${w.symbol}:
${shuffle}${fixed.join('')}    mov eax, ${syscallNumber(w.syscall, 'x86_64')}                          # ${w.syscall}
    syscall
    cmp rax, -4095
    jae __syscall_error
    ret
`;
}

/** All plain x86-64 wrappers plus the generic syscall(2) and the shared errno tail. */
export function wrappersSource(): string {
  return `# ---- system call wrappers (generated from the kernel's syscall table) ----
.text
${RUNTIME_WRAPPERS.map(wrapperSource).join('\n')}
# long syscall(long nr, ...): shift every argument down one register; the sixth
# kernel argument is the seventh C argument, on the stack (syscall(2)).
.global syscall
.type syscall, @function
syscall:
    mov rax, rdi
    mov rdi, rsi
    mov rsi, rdx
    mov rdx, rcx
    mov r10, r8
    mov r8, r9
    mov r9, QWORD PTR [rsp + 8]
    syscall
    cmp rax, -4095
    jae __syscall_error
    ret

# The shared failure path: RAX = -errno. Store errno in this thread's TLS block and
# return -1, as every libc wrapper does (errno(3)).
.global __syscall_error
.type __syscall_error, @function
__syscall_error:
    neg eax
    mov DWORD PTR fs:[${ERRNO_TPOFF}], eax
    mov rax, -1
    ret
`;
}
