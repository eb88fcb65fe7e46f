# Calling a null function pointer: the fetch from address 0 faults (nothing is mapped
# in the first pages: vm.mmap_min_addr), SIGSEGV SEGV_MAPERR with si_addr NULL.
# expect-stdout: calling NULL\n
# expect-exit: 139
# expect-trace: --- SIGSEGV {si_signo=SIGSEGV, si_code=SEGV_MAPERR, si_addr=NULL} ---
.intel_syntax noprefix
.global _start
.text
_start:
    mov eax, 1
    mov edi, 1
    lea rsi, [rip + msg]
    mov edx, 13
    syscall
    xor eax, eax
    call rax
    mov eax, 60
    xor edi, edi
    syscall

.section .rodata
msg: .ascii "calling NULL\n"
