# Signed overflow in division: INT64_MIN / -1 does not fit in rax. The CPU raises the
# same #DE as for a zero divisor, so Linux again reports SIGFPE FPE_INTDIV (SDM Vol 2A IDIV).
# expect-stdout: INT64_MIN / -1\n
# expect-exit: 136
# expect-trace: --- SIGFPE {si_signo=SIGFPE, si_code=FPE_INTDIV, si_addr=0x40102b} ---
.intel_syntax noprefix
.global _start
.text
_start:
    mov eax, 1
    mov edi, 1
    lea rsi, [rip + msg]
    mov edx, 15
    syscall
    movabs rax, 0x8000000000000000
    cqo
    mov rcx, -1
    idiv rcx
    mov eax, 60
    xor edi, edi
    syscall

.section .rodata
msg: .ascii "INT64_MIN / -1\n"
