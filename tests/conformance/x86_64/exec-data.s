# Executing from .data: the data segment is mapped read+write without execute, so
# the fetch of the `ret` stored there faults with SIGSEGV SEGV_ACCERR at its address.
# expect-stdout: calling .data\n
# expect-exit: 139
# expect-trace: --- SIGSEGV {si_signo=SIGSEGV, si_code=SEGV_ACCERR, si_addr=0x40300e} ---
.intel_syntax noprefix
.global _start
.text
_start:
    mov eax, 1
    mov edi, 1
    lea rsi, [rip + msg]
    mov edx, 14
    syscall
    lea rax, [rip + code]
    call rax
    mov eax, 60
    xor edi, edi
    syscall

.section .rodata
msg: .ascii "calling .data\n"
.data
code: .byte 0xc3                # ret
