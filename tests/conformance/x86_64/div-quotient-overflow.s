# div with a 128-bit dividend whose quotient does not fit 64 bits (rdx >= divisor)
# raises #DE just like a zero divisor: SIGFPE FPE_INTDIV (SDM Vol 2A DIV, "If the
# quotient is too large for the designated register, #DE").
# expect-stdout: 2^64 / 1\n
# expect-exit: 136
# expect-trace: --- SIGFPE {si_signo=SIGFPE, si_code=FPE_INTDIV, si_addr=0x401024} ---
.intel_syntax noprefix
.global _start
.text
_start:
    mov eax, 1
    mov edi, 1
    lea rsi, [rip + msg]
    mov edx, 9
    syscall
    mov edx, 1                  # rdx:rax = 2^64
    xor eax, eax
    mov ecx, 1
    div rcx
    mov eax, 60
    xor edi, edi
    syscall

.section .rodata
msg: .ascii "2^64 / 1\n"
