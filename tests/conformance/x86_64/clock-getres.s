# clock_getres(2) through the raw syscall (the arm64 vDSO's __kernel_clock_getres falls
# back to it): CLOCK_MONOTONIC is a high-resolution clock (1 ns on a kernel with
# hrtimers), res may be NULL, and an unknown clock id is EINVAL.
# expect-stdout: res: 1\n
# expect-exit: 0
# expect-trace: clock_getres(CLOCK_MONOTONIC, NULL) = 0
# expect-trace: clock_getres(0x63 /* CLOCK_??? */, NULL) = -1 EINVAL (Invalid argument)
.intel_syntax noprefix
.global _start
.text
_start:
    mov eax, 229                # clock_getres(CLOCK_MONOTONIC, &res)
    mov edi, 1
    lea rsi, [rip + res]
    syscall
    mov eax, 229                # clock_getres(CLOCK_MONOTONIC, NULL)
    mov edi, 1
    xor esi, esi
    syscall
    mov eax, 229                # clock_getres(99, NULL): no such clock
    mov edi, 99
    xor esi, esi
    syscall
    mov rax, qword ptr [rip + res + 8]
    add al, '0'                 # tv_nsec is a single digit here
    mov byte ptr [rip + msg + 5], al
    mov eax, 1
    mov edi, 1
    lea rsi, [rip + msg]
    mov edx, 7
    syscall
    mov eax, 60
    xor edi, edi
    syscall
.data
msg: .ascii "res: ?\n"
.bss
res: .skip 16
