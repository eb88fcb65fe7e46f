# ud2 is the architecturally guaranteed invalid opcode: #UD, which Linux delivers as
# SIGILL with si_code ILL_ILLOPN and si_addr = the address of the ud2 (SDM Vol 2B UD).
# expect-stdout: before ud2\n
# expect-exit: 132
# expect-trace: --- SIGILL {si_signo=SIGILL, si_code=ILL_ILLOPN, si_addr=0x401018} ---
# expect-trace: +++ killed by SIGILL +++
.intel_syntax noprefix
.global _start
.text
_start:
    mov eax, 1
    mov edi, 1
    lea rsi, [rip + msg]
    mov edx, 11
    syscall
    ud2
    mov eax, 60
    xor edi, edi
    syscall

.section .rodata
msg: .ascii "before ud2\n"
