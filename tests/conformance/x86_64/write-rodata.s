# A store into .rodata: the page is mapped read-only, so SIGSEGV SEGV_ACCERR at the
# address written (the same protection that keeps string literals constant).
# expect-stdout: writing .rodata\n
# expect-exit: 139
# expect-trace: --- SIGSEGV {si_signo=SIGSEGV, si_code=SEGV_ACCERR, si_addr=0x402000} ---
.intel_syntax noprefix
.global _start
.text
_start:
    mov eax, 1
    mov edi, 1
    lea rsi, [rip + msg]
    mov edx, 16
    syscall
    mov byte ptr [rip + msg], 0x57
    mov eax, 60
    xor edi, edi
    syscall

.section .rodata
msg: .ascii "writing .rodata\n"
