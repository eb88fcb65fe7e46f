# A short sleep: nanosleep({0, 1000000}, NULL) blocks for 1 ms and returns 0
# (nanosleep(2)). The timespec is ours, so it shows up unchanged in the trace.
# expect-stdout: slept\n
# expect-exit: 0
# expect-trace: nanosleep({tv_sec=0, tv_nsec=1000000}, NULL) = 0
.intel_syntax noprefix
.global _start
.text
_start:
    mov eax, 35                 # nanosleep
    lea rdi, [rip + req]
    xor esi, esi
    syscall
    test rax, rax
    jnz .Lbad
    mov eax, 1
    mov edi, 1
    lea rsi, [rip + msg]
    mov edx, 6
    syscall
    mov eax, 60
    xor edi, edi
    syscall
.Lbad:
    mov eax, 60
    mov edi, 1
    syscall

.section .rodata
msg: .ascii "slept\n"
.align 8
req: .quad 0, 1000000
