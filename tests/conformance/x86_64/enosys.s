# A syscall number past the end of the table: the kernel answers -ENOSYS (-38) in rax
# without doing anything (arch/x86/entry/syscall_64.c: out-of-range numbers get
# __x64_sys_ni_syscall). All six argument registers are set so the trace is fixed.
# expect-stdout: ENOSYS\n
# expect-exit: 0
# expect-trace: syscall_0x2710(0x1, 0x2, 0x3, 0x4, 0x5, 0x6) = -1 ENOSYS (Function not implemented)
.intel_syntax noprefix
.global _start
.text
_start:
    mov eax, 10000
    mov edi, 1
    mov esi, 2
    mov edx, 3
    mov r10d, 4
    mov r8d, 5
    mov r9d, 6
    syscall
    cmp rax, -38
    jne .Lbad
    mov eax, 1
    mov edi, 1
    lea rsi, [rip + msg]
    mov edx, 7
    syscall
    mov eax, 60
    xor edi, edi
    syscall
.Lbad:
    mov eax, 60
    mov edi, 1
    syscall

.section .rodata
msg: .ascii "ENOSYS\n"
