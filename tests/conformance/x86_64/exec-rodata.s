# Executing from .rodata: the page is readable but not executable (GNU ld puts .rodata
# in its own R segment), so the fetch faults with SIGSEGV SEGV_ACCERR at the target.
# expect-stdout: calling .rodata\n
# expect-exit: 139
# expect-trace: --- SIGSEGV {si_signo=SIGSEGV, si_code=SEGV_ACCERR, si_addr=0x402010} ---
.intel_syntax noprefix
.global _start
.text
_start:
    mov eax, 1
    mov edi, 1
    lea rsi, [rip + msg]
    mov edx, 16
    syscall
    lea rax, [rip + code]
    call rax
    mov eax, 60
    xor edi, edi
    syscall

.section .rodata
msg: .ascii "calling .rodata\n"
code: .byte 0xc3                # ret
