# A privileged instruction in user mode. rdmsr is CPL 0 only: at CPL 3 it raises #GP(0) (SDM Vol 2B RDMSR).
# Linux turns the #GP into SIGSEGV with si_code SI_KERNEL and no address (do_general_protection).
# expect-stdout: before rdmsr\n
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
    mov edx, 13
    syscall
    mov ecx, 0xc0000080         # IA32_EFER
    rdmsr
    mov eax, 60                 # not reached
    xor edi, edi
    syscall

.section .rodata
msg: .ascii "before rdmsr\n"
