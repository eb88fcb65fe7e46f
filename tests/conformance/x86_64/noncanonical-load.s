# A load from a non-canonical address (bits 63:47 not all equal). The CPU raises #GP,
# not #PF, so no address is reported: SIGSEGV with si_code SI_KERNEL, si_addr NULL
# (SDM Vol 3A 3.3.7.1 canonical addressing; Linux do_general_protection).
# expect-stdout: loading from 0x0000800000000000\n
# expect-exit: 139
# expect-trace: --- SIGSEGV {si_signo=SIGSEGV, si_code=SI_KERNEL, si_addr=NULL} ---
.intel_syntax noprefix
.global _start
.text
_start:
    mov eax, 1
    mov edi, 1
    lea rsi, [rip + msg]
    mov edx, 32
    syscall
    movabs rax, 0x0000800000000000
    mov rax, qword ptr [rax]
    mov eax, 60
    xor edi, edi
    syscall

.section .rodata
msg: .ascii "loading from 0x0000800000000000\n"
