# A push with rsp pointing at unmapped memory: the store to rsp - 8 faults, SIGSEGV
# SEGV_MAPERR at 0xff8. No handler could run on that stack anyway.
# expect-stdout: pushing below 0x1000\n
# expect-exit: 139
# expect-trace: --- SIGSEGV {si_signo=SIGSEGV, si_code=SEGV_MAPERR, si_addr=0xff8} ---
.intel_syntax noprefix
.global _start
.text
_start:
    mov eax, 1
    mov edi, 1
    lea rsi, [rip + msg]
    mov edx, 21
    syscall
    mov esp, 0x1000             # a 32-bit write zero-extends: rsp = 0x1000
    push rax
    mov eax, 60
    xor edi, edi
    syscall

.section .rodata
msg: .ascii "pushing below 0x1000\n"
