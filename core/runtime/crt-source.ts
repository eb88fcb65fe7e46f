// The runtime's start-up and shutdown path, as x86-64 guest assembly: _start reads the
// initial stack the kernel built at execve (SysV AMD64 ABI 3.4.1: argc, argv[],
// NULL, envp[], NULL, auxv pairs), __libc_start_main sets up the thread pointer and
// the vDSO, calls main, and exit runs the atexit handlers before exit_group. The
// static-PIE relocation and the vDSO lookup it calls are in elf-walk-source.ts.

import { ARCH_SET_FS, ATEXIT_MAX, ERRNO_TPOFF, TCB_SIZE, TLS_DATA_SIZE } from './tls-layout.js';

// CLONE_VM|CLONE_FS|CLONE_FILES|CLONE_SIGHAND|CLONE_THREAD|CLONE_SYSVSEM|CLONE_SETTLS|
// CLONE_PARENT_SETTID|CLONE_CHILD_CLEARTID: what glibc's pthread_create passes.
export const THREAD_CLONE_FLAGS = 0x3d0f00;


/**
 * The start-up code's variables, the same on both architectures: environ, the auxv and
 * vDSO pointers, the atexit table and the first thread's TLS area. `tlsNote` is a
 * comment in the architecture's own syntax.
 */
export function runtimeBss(tlsNote: string): string {
  return `.bss
.balign 8
.global environ
environ: .zero 8
__auxv: .zero 8
__vdso_clock_gettime: .zero 8
__atexit_count: .zero 8
__atexit_fns: .zero ${ATEXIT_MAX * 8}
.balign 64
__tls_area: .zero ${TLS_DATA_SIZE + TCB_SIZE}                 ${tlsNote}
.text
`;
}

export const CRT_SOURCE = `# ---- start-up: _start -> __libc_start_main -> main -> exit ----
.text
.global _start
.type _start, @function
_start:
    xor ebp, ebp                        # the outermost frame: debuggers stop unwinding here
    mov rdi, QWORD PTR [rsp]            # argc
    lea rsi, [rsp + 8]                  # argv
    lea rdx, [rsi + rdi * 8 + 8]        # envp: past argv's NULL
    and rsp, -16                        # the ABI wants RSP % 16 == 0 before a call
    call __libc_start_main
    hlt                                 # not reached: exit never returns

# void __libc_start_main(int argc, char **argv, char **envp)
.global __libc_start_main
.type __libc_start_main, @function
__libc_start_main:
    push rbx
    push r12
    push r13                            # three pushes: RSP is 16-byte aligned again
    mov ebx, edi
    mov r12, rsi
    mov r13, rdx
    mov QWORD PTR [rip + environ], rdx
    mov rax, rdx
1:  cmp QWORD PTR [rax], 0              # the auxiliary vector follows envp's NULL
    lea rax, [rax + 8]
    jne 1b
    mov QWORD PTR [rip + __auxv], rax
    call __relocate_static_pie
    lea rdi, [rip + __tls_area]
    call __tls_setup
    mov rsi, rax
    mov edi, ${ARCH_SET_FS}                       # ARCH_SET_FS (arch_prctl(2))
    mov eax, 158                        # arch_prctl
    syscall
    mov rdi, QWORD PTR [rip + __auxv]
    call __vdso_init
    mov edi, ebx
    mov rsi, r12
    mov rdx, r13
    call main
    mov edi, eax
    call exit

# void *__tls_setup(void *area): lay out one thread's TLS in an area of
# RUNTIME_TLS_SIZE bytes (data below, TCB above) and return its thread pointer, whose
# first word must hold its own address (ELF TLS ABI, x86-64); errno starts at 0.
.global __tls_setup
.type __tls_setup, @function
__tls_setup:
    lea rax, [rdi + ${TLS_DATA_SIZE}]
    mov QWORD PTR [rax], rax
    mov DWORD PTR [rax + ${ERRNO_TPOFF}], 0
    ret

# int thread_spawn(void (*fn)(void *), void *arg, void *stack_top, void *tp, int *tid):
# a thread in this process (clone(2) with CLONE_THREAD and CLONE_SETTLS, as
# pthread_create does) running fn(arg) on its own stack with thread pointer tp; it
# ends with exit(2), which ends only that thread. *tid gets its id, and the kernel
# zeroes *tid when the thread has exited (CLONE_CHILD_CLEARTID).
.global thread_spawn
.type thread_spawn, @function
thread_spawn:
    and rdx, -16
    mov QWORD PTR [rdx - 16], rdi       # the new stack starts with fn, arg
    mov QWORD PTR [rdx - 8], rsi
    lea rsi, [rdx - 16]                 # child_stack
    mov rdx, r8                         # parent_tid
    mov r10, r8                         # child_tid
    mov r8, rcx                         # tls
    mov edi, ${THREAD_CLONE_FLAGS}
    mov eax, 56                         # clone
    syscall
    test rax, rax
    jnz 1f
    xor ebp, ebp                        # the thread's outermost frame
    pop rax
    pop rdi
    call rax                            # RSP is back at the 16-byte aligned top
    xor edi, edi
    mov eax, 60                         # exit: this thread only
    syscall
    hlt
1:  cmp rax, -4095
    jae __syscall_error
    ret

# int atexit(void (*fn)(void)): a fixed table, run last-registered first (atexit(3)).
.global atexit
.type atexit, @function
atexit:
    mov eax, DWORD PTR [rip + __atexit_count]
    cmp eax, ${ATEXIT_MAX}
    jae 1f
    lea rcx, [rip + __atexit_fns]
    mov QWORD PTR [rcx + rax * 8], rdi
    inc eax
    mov DWORD PTR [rip + __atexit_count], eax
    xor eax, eax
    ret
1:  mov eax, -1
    ret

# void exit(int status): each handler is removed before it runs, so one that calls
# exit again does not run twice.
.global exit
.type exit, @function
exit:
    push rbx                            # RSP aligned for the calls below
    mov ebx, edi
1:  mov eax, DWORD PTR [rip + __atexit_count]
    test eax, eax
    jz 2f
    dec eax
    mov DWORD PTR [rip + __atexit_count], eax
    lea rcx, [rip + __atexit_fns]
    call QWORD PTR [rcx + rax * 8]
    jmp 1b
2:  mov edi, ebx
    call _exit

# void _exit(int status): the whole process ends, as glibc's _exit does (exit_group(2)).
.global _exit
.type _exit, @function
_exit:
    mov eax, 231                        # exit_group
    syscall
    hlt

# int *__errno_location(void): this thread's errno, at a fixed offset from %fs:0.
.global __errno_location
.type __errno_location, @function
__errno_location:
    mov rax, QWORD PTR fs:[0]
    add rax, ${ERRNO_TPOFF}
    ret

# void *__thread_pointer(void): the FS base, read through the TCB's self-pointer.
.global __thread_pointer
.type __thread_pointer, @function
__thread_pointer:
    mov rax, QWORD PTR fs:[0]
    ret

# unsigned long getauxval(unsigned long type): 0 and errno ENOENT when absent (getauxval(3)).
.global getauxval
.type getauxval, @function
getauxval:
    mov rcx, QWORD PTR [rip + __auxv]
1:  mov rax, QWORD PTR [rcx]
    test rax, rax
    jz 2f
    cmp rax, rdi
    je 3f
    add rcx, 16
    jmp 1b
2:  mov DWORD PTR fs:[${ERRNO_TPOFF}], 2   # ENOENT
    xor eax, eax
    ret
3:  mov rax, QWORD PTR [rcx + 8]
    ret

# int sigaction(int sig, const struct sigaction *act, struct sigaction *old). The
# struct is the kernel's (handler, flags, restorer, mask). x86-64 handlers must be
# installed with SA_RESTORER: the kernel returns from a handler into sa_restorer,
# which makes the rt_sigreturn call (sigreturn(2), NOTES).
.global sigaction
.type sigaction, @function
sigaction:
    sub rsp, 40
    test rsi, rsi
    jz 1f
    mov rax, QWORD PTR [rsi]
    mov QWORD PTR [rsp], rax            # sa_handler
    mov rax, QWORD PTR [rsi + 8]
    or rax, 0x04000000                  # SA_RESTORER
    mov QWORD PTR [rsp + 8], rax
    lea rax, [rip + __restore_rt]
    mov QWORD PTR [rsp + 16], rax       # sa_restorer
    mov rax, QWORD PTR [rsi + 24]
    mov QWORD PTR [rsp + 24], rax       # sa_mask
    mov rsi, rsp
1:  mov r10d, 8                         # sigsetsize
    mov eax, 13                         # rt_sigaction
    syscall
    add rsp, 40
    cmp rax, -4095
    jae __syscall_error
    ret

.global __restore_rt
.type __restore_rt, @function
__restore_rt:
    mov eax, 15                         # rt_sigreturn: restores the interrupted context
    syscall
    hlt

# int clock_gettime(clockid_t id, struct timespec *tp): through the vDSO when
# __vdso_init found it (no mode switch, vdso(7)), else the system call.
.global clock_gettime
.type clock_gettime, @function
clock_gettime:
    mov rax, QWORD PTR [rip + __vdso_clock_gettime]
    test rax, rax
    jz 1f
    sub rsp, 8
    call rax
    add rsp, 8
    movsxd rax, eax                     # the vDSO returns int: 0 or -errno
    jmp 2f
1:  mov eax, 228                        # clock_gettime
    syscall
2:  cmp rax, -4095
    jae __syscall_error
    ret

${runtimeBss(`# the first thread's TLS: errno at %fs:${ERRNO_TPOFF}`)}`;
