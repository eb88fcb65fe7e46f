# A privileged instruction in user mode. cli needs CPL <= IOPL; user mode runs with IOPL 0, so it raises #GP(0) (SDM Vol 2A CLI).
# Linux turns the #GP into SIGSEGV with si_code SI_KERNEL and no address (do_general_protection).
# expect-stdout: before cli\n
# expect-exit: 139
# expect-trace: --- SIGSEGV {si_signo=SIGSEGV, si_code=SI_KERNEL, si_addr=NULL} ---
# expect-trace: +++ killed by SIGSEGV +++
.intel_syntax noprefix
.global _start
.text
_start:
    mov eax, 1
    mov edi, 1
    lea rsi, [rip + msg]
    mov edx, 11
    syscall
    cli
    mov eax, 60                 # not reached
    xor edi, edi
    syscall

.section .rodata
msg: .ascii "before cli\n"
