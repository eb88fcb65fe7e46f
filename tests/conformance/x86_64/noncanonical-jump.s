# A jump to a non-canonical address. The jmp itself faults with #GP (the target is
# checked before RIP changes), so Linux sends SIGSEGV SI_KERNEL with no address.
# expect-stdout: jumping to 0x8000000000000000\n
# expect-exit: 139
# expect-trace: --- SIGSEGV {si_signo=SIGSEGV, si_code=SI_KERNEL, si_addr=NULL} ---
.intel_syntax noprefix
.global _start
.text
_start:
    mov eax, 1
    mov edi, 1
    lea rsi, [rip + msg]
    mov edx, 30
    syscall
    movabs rax, 0x8000000000000000
    jmp rax

.section .rodata
msg: .ascii "jumping to 0x8000000000000000\n"
