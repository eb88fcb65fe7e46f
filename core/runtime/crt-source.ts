// The runtime's start-up and shutdown path, as x86-64 guest assembly: _start reads the
// initial stack the kernel built at execve (SysV AMD64 ABI 3.4.1: argc, argv[],
// NULL, envp[], NULL, auxv pairs), __libc_start_main sets up the thread pointer and
// the vDSO, calls main, and exit runs the atexit handlers before exit_group.

import { ARCH_SET_FS, ATEXIT_MAX, ERRNO_TPOFF, TCB_SIZE, TLS_DATA_SIZE } from './tls-layout.js';

const AT_SYSINFO_EHDR = 33;

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
    # The thread pointer: %fs:0 must hold its own address (ELF TLS ABI, x86-64).
    lea rsi, [rip + __tcb]
    mov QWORD PTR [rsi], rsi
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

# A static PIE must fix its own absolute pointers before anything reads them: there is
# no dynamic linker. Each R_X86_64_RELATIVE entry in DT_RELA says "store base + addend
# at base + offset" (x86-64 psABI 4.4.1). Everything comes from the auxv, so no
# link-time symbol is needed: the ELF header sits just before the program headers
# (AT_PHDR - 64, GNU ld's e_phoff), the base is AT_ENTRY - e_entry, and a fixed-address
# executable (ET_EXEC) has nothing to relocate.
__relocate_static_pie:
    mov rdx, QWORD PTR [rip + __auxv]
    xor r8d, r8d                        # AT_PHDR
    xor r9d, r9d                        # AT_ENTRY
1:  mov rax, QWORD PTR [rdx]
    test rax, rax
    jz 2f
    cmp rax, 3
    cmove r8, QWORD PTR [rdx + 8]
    cmp rax, 9
    cmove r9, QWORD PTR [rdx + 8]
    add rdx, 16
    jmp 1b
2:  test r8, r8
    jz 9f
    lea r10, [r8 - 64]                  # the ELF header, if the tables follow it
    cmp DWORD PTR [r10], 0x464c457f     # "\x7fELF"
    jne 9f
    cmp QWORD PTR [r10 + 0x20], 64      # e_phoff
    jne 9f
    cmp WORD PTR [r10 + 0x10], 3        # e_type == ET_DYN
    jne 9f
    sub r9, QWORD PTR [r10 + 0x18]      # base = AT_ENTRY - e_entry
    movzx ecx, WORD PTR [r10 + 0x38]    # e_phnum
3:  test ecx, ecx
    jz 9f
    cmp DWORD PTR [r8], 2               # PT_DYNAMIC
    je 4f
    add r8, 56
    dec ecx
    jmp 3b
4:  mov rdx, QWORD PTR [r8 + 16]
    add rdx, r9                         # the dynamic section, relocated
    mov r8, r9
    xor esi, esi                        # DT_RELA
    xor ecx, ecx                        # DT_RELASZ
5:  mov rax, QWORD PTR [rdx]
    test rax, rax
    jz 6f
    cmp rax, 7
    cmove rsi, QWORD PTR [rdx + 8]
    cmp rax, 8
    cmove rcx, QWORD PTR [rdx + 8]
    add rdx, 16
    jmp 5b
6:  test rsi, rsi
    jz 9f
    add rsi, r8
    add rcx, rsi                        # end of the table
7:  cmp rsi, rcx
    jae 9f
    cmp DWORD PTR [rsi + 8], 8          # ELF64_R_TYPE(r_info) == R_X86_64_RELATIVE
    jne 8f
    mov rax, QWORD PTR [rsi + 16]       # r_addend
    add rax, r8
    mov rdi, QWORD PTR [rsi]            # r_offset
    mov QWORD PTR [r8 + rdi], rax
8:  add rsi, 24                         # sizeof(Elf64_Rela)
    jmp 7b
9:  ret

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

# __vdso_init(auxv): find __vdso_clock_gettime the way a dynamic linker would:
# AT_SYSINFO_EHDR -> program headers (load bias, PT_DYNAMIC) -> DT_HASH, DT_SYMTAB,
# DT_STRTAB -> the symbol by name (vdso(7), ELF-64 "Dynamic Section"). Leaves the
# pointer 0 when anything is missing.
__vdso_init:
1:  mov rax, QWORD PTR [rdi]
    test rax, rax
    jz 9f
    cmp rax, ${AT_SYSINFO_EHDR}
    je 2f
    add rdi, 16
    jmp 1b
2:  mov r8, QWORD PTR [rdi + 8]         # r8 = the vDSO's ELF header
    test r8, r8
    jz 9f
    movzx ecx, WORD PTR [r8 + 56]       # e_phnum
    mov r9, QWORD PTR [r8 + 32]         # e_phoff
    add r9, r8
    mov r10, -1                         # load bias, not yet known
    xor r11d, r11d                      # PT_DYNAMIC's vaddr
3:  test ecx, ecx
    jz 5f
    mov edx, DWORD PTR [r9]             # p_type
    cmp edx, 1                          # PT_LOAD: bias = base + p_offset - p_vaddr
    jne 4f
    cmp r10, -1
    jne 4f
    mov r10, r8
    add r10, QWORD PTR [r9 + 8]
    sub r10, QWORD PTR [r9 + 16]
4:  cmp edx, 2                          # PT_DYNAMIC
    jne 41f
    mov r11, QWORD PTR [r9 + 16]
41: add r9, 56
    dec ecx
    jmp 3b
5:  cmp r10, -1
    je 9f
    test r11, r11
    jz 9f
    add r11, r10
    xor esi, esi                        # DT_SYMTAB
    xor edx, edx                        # DT_STRTAB
    xor ecx, ecx                        # DT_HASH
6:  mov rax, QWORD PTR [r11]
    test rax, rax
    jz 7f
    mov r9, QWORD PTR [r11 + 8]
    add r9, r10
    cmp rax, 6
    cmove rsi, r9
    cmp rax, 5
    cmove rdx, r9
    cmp rax, 4
    cmove rcx, r9
    add r11, 16
    jmp 6b
7:  test rsi, rsi
    jz 9f
    test rdx, rdx
    jz 9f
    test rcx, rcx
    jz 9f
    mov ecx, DWORD PTR [rcx + 4]        # nchain: the number of symbols
8:  test ecx, ecx
    jz 9f
    mov eax, DWORD PTR [rsi]            # st_name
    lea rdi, [rdx + rax]
    lea r9, [rip + __vdso_cgt_name]
81: mov al, BYTE PTR [rdi]
    cmp al, BYTE PTR [r9]
    jne 82f
    inc rdi
    inc r9
    test al, al
    jnz 81b
    cmp WORD PTR [rsi + 6], 0           # st_shndx: SHN_UNDEF is not a definition
    je 82f
    mov rax, QWORD PTR [rsi + 8]        # st_value
    add rax, r10
    mov QWORD PTR [rip + __vdso_clock_gettime], rax
    ret
82: add rsi, 24                         # sizeof(Elf64_Sym)
    dec ecx
    jmp 8b
9:  ret

.section .rodata
__vdso_cgt_name: .asciz "__vdso_clock_gettime"

.bss
.balign 8
.global environ
environ: .zero 8
__auxv: .zero 8
__vdso_clock_gettime: .zero 8
__atexit_count: .zero 8
__atexit_fns: .zero ${ATEXIT_MAX * 8}
.balign 64
__tls_data: .zero ${TLS_DATA_SIZE}                  # static TLS: errno at %fs:${ERRNO_TPOFF}
__tcb: .zero ${TCB_SIZE}                        # the thread pointer points here
.text
`;
