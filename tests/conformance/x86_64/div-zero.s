# Unsigned division by zero: div raises #DE, which Linux delivers as SIGFPE with
# si_code FPE_INTDIV and si_addr = the address of the div (SDM Vol 2A DIV).
# expect-stdout: dividing by zero\n
# expect-exit: 136
# expect-trace: --- SIGFPE {si_signo=SIGFPE, si_code=FPE_INTDIV, si_addr=0x401021} ---
# expect-trace: +++ killed by SIGFPE +++
.intel_syntax noprefix
.global _start
.text
_start:
    mov eax, 1
    mov edi, 1
    lea rsi, [rip + msg]
    mov edx, 17
    syscall
    mov eax, 1
    xor edx, edx
    xor ecx, ecx
    div ecx
    mov eax, 60
    xor edi, edi
    syscall

.section .rodata
msg: .ascii "dividing by zero\n"
