// The runtime's start-up and shutdown path, as AArch64 guest assembly (GNU as syntax).
// At _start the kernel leaves SP 16-byte aligned at argc, then argv[], NULL, envp[],
// NULL and the auxv pairs (arch/arm64 start_thread; the generic ELF stack layout).
// __libc_start_main sets TPIDR_EL0 (no system call: EL0 may write the register) and
// finds the vDSO, calls main, and exit runs the atexit handlers before exit_group.
// Calls follow AAPCS64: arguments in x0-x7, x19-x28 and SP preserved, x30 the return
// address. The ELF walks are in elf-walk-source-arm64.ts.

import { syscallNumber } from './syscall-wrappers.js';
import { runtimeBss, THREAD_CLONE_FLAGS } from './crt-source.js';
import { ARM64_ERRNO_TPOFF, ATEXIT_MAX } from './tls-layout.js';

const nr = (name: string): number => syscallNumber(name, 'arm64');

/** `adrp` + `add`: the address of a symbol, PC-relative, so it holds in a static PIE too. */
const addr = (reg: string, sym: string): string => `    adrp ${reg}, ${sym}\n    add ${reg}, ${reg}, :lo12:${sym}`;

export const CRT_SOURCE_ARM64 = `// ---- start-up: _start -> __libc_start_main -> main -> exit ----
.text
.global _start
.type _start, %function
_start:
    mov x29, #0                         // the outermost frame: unwinders stop here
    mov x30, #0
    ldr x0, [sp]                        // argc
    add x1, sp, #8                      // argv
    add x2, x1, x0, lsl #3
    add x2, x2, #8                      // envp: past argv's NULL
    bl __libc_start_main
    brk #0x3e8                          // not reached: exit never returns

// void __libc_start_main(int argc, char **argv, char **envp)
.global __libc_start_main
.type __libc_start_main, %function
__libc_start_main:
    stp x29, x30, [sp, #-48]!
    mov x29, sp
    stp x19, x20, [sp, #16]
    str x21, [sp, #32]
    mov w19, w0
    mov x20, x1
    mov x21, x2
${addr('x3', 'environ')}
    str x2, [x3]
1:  ldr x4, [x2], #8                    // the auxiliary vector follows envp's NULL
    cbnz x4, 1b
${addr('x3', '__auxv')}
    str x2, [x3]
    bl __relocate_static_pie
${addr('x0', '__tls_area')}
    bl __tls_setup
    msr tpidr_el0, x0                   // the thread pointer: a plain EL0 register write
${addr('x0', '__auxv')}
    ldr x0, [x0]
    bl __vdso_init
    mov w0, w19
    mov x1, x20
    mov x2, x21
    bl main
    bl exit

// void *__tls_setup(void *area): lay out one thread's TLS in an area of
// RUNTIME_TLS_SIZE bytes (TCB first, data after it: AArch64 TLS variant I) and return
// its thread pointer, the area itself; errno starts at 0.
.global __tls_setup
.type __tls_setup, %function
__tls_setup:
    stp xzr, xzr, [x0]                  // the TCB: no DTV, nothing reserved in use
    str wzr, [x0, #${ARM64_ERRNO_TPOFF}]
    ret

// int thread_spawn(void (*fn)(void *), void *arg, void *stack_top, void *tp, int *tid):
// a thread in this process (clone(2) with CLONE_THREAD and CLONE_SETTLS, as
// pthread_create does) running fn(arg) on its own stack with thread pointer tp; it
// ends with exit(2), which ends only that thread. *tid gets its id, and the kernel
// zeroes *tid when the thread has exited (CLONE_CHILD_CLEARTID). arm64 takes clone's
// arguments as (flags, stack, parent_tid, tls, child_tid) (clone(2), NOTES).
.global thread_spawn
.type thread_spawn, %function
thread_spawn:
    and x2, x2, #-16
    stp x0, x1, [x2, #-16]!             // the new stack starts with fn, arg
    mov x1, x2                          // child_stack
    mov x2, x4                          // parent_tid (x3 is tls already)
    movz x0, #${THREAD_CLONE_FLAGS & 0xffff}
    movk x0, #${THREAD_CLONE_FLAGS >>> 16}, lsl #16
    mov x8, #${nr('clone')}    // clone
    svc #0
    cbnz x0, 1f
    mov x29, #0                         // the thread's outermost frame
    mov x30, #0
    ldp x9, x0, [sp], #16
    blr x9                              // SP is back at the 16-byte aligned top
    mov x0, #0
    mov x8, #${nr('exit')}    // exit: this thread only
    svc #0
    brk #0x3e8
1:  cmn x0, #4095
    b.cs __syscall_error
    ret

// int atexit(void (*fn)(void)): a fixed table, run last-registered first (atexit(3)).
.global atexit
.type atexit, %function
atexit:
${addr('x1', '__atexit_count')}
    ldr w2, [x1]
    cmp w2, #${ATEXIT_MAX}
    b.hs 1f
${addr('x3', '__atexit_fns')}
    str x0, [x3, w2, uxtw #3]
    add w2, w2, #1
    str w2, [x1]
    mov w0, #0
    ret
1:  mov w0, #-1
    ret

// void exit(int status): each handler is removed before it runs, so one that calls
// exit again does not run twice.
.global exit
.type exit, %function
exit:
    stp x29, x30, [sp, #-32]!
    mov x29, sp
    stp x19, x20, [sp, #16]
    mov w19, w0
${addr('x20', '__atexit_count')}
1:  ldr w0, [x20]
    cbz w0, 2f
    sub w0, w0, #1
    str w0, [x20]
${addr('x1', '__atexit_fns')}
    ldr x1, [x1, w0, uxtw #3]
    blr x1
    b 1b
2:  mov w0, w19
    bl _exit

// void _exit(int status): the whole process ends, as glibc's _exit does (exit_group(2)).
.global _exit
.type _exit, %function
_exit:
    mov x8, #${nr('exit_group')}    // exit_group
    svc #0
    brk #0x3e8

// int *__errno_location(void): this thread's errno, at a fixed offset from TPIDR_EL0.
.global __errno_location
.type __errno_location, %function
__errno_location:
    mrs x0, tpidr_el0
    add x0, x0, #${ARM64_ERRNO_TPOFF}
    ret

// void *__thread_pointer(void): TPIDR_EL0.
.global __thread_pointer
.type __thread_pointer, %function
__thread_pointer:
    mrs x0, tpidr_el0
    ret

// unsigned long getauxval(unsigned long type): 0 and errno ENOENT when absent (getauxval(3)).
.global getauxval
.type getauxval, %function
getauxval:
${addr('x1', '__auxv')}
    ldr x1, [x1]
1:  ldp x2, x3, [x1], #16
    cbz x2, 2f
    cmp x2, x0
    b.ne 1b
    mov x0, x3
    ret
2:  mrs x1, tpidr_el0
    mov w2, #2                          // ENOENT
    str w2, [x1, #${ARM64_ERRNO_TPOFF}]
    mov x0, #0
    ret

// int clock_gettime(clockid_t id, struct timespec *tp): through the vDSO's
// __kernel_clock_gettime when __vdso_init found it (no mode switch, vdso(7)), else the
// system call (qemu-user, for one, maps no vDSO).
.global clock_gettime
.type clock_gettime, %function
clock_gettime:
${addr('x2', '__vdso_clock_gettime')}
    ldr x2, [x2]
    cbz x2, 1f
    stp x29, x30, [sp, #-16]!
    mov x29, sp
    blr x2
    ldp x29, x30, [sp], #16
    sxtw x0, w0                         // the vDSO returns int: 0 or -errno
    b 2f
1:  mov x8, #${nr('clock_gettime')}    // clock_gettime
    svc #0
2:  cmn x0, #4095
    b.cs __syscall_error
    ret

${runtimeBss(`// the first thread's TLS: errno at TPIDR_EL0 + ${ARM64_ERRNO_TPOFF}`)}`;
