# A load from the kernel half of the address space (0xffff800000001000). The page-table
# walk finds a supervisor page or no page; user mode gets #PF and Linux reports
# SIGSEGV SEGV_MAPERR with the faulting address (arch/x86/mm/fault.c bad_area_nosemaphore).
# expect-stdout: loading from the kernel half\n
# expect-exit: 139
# expect-trace: --- SIGSEGV {si_signo=SIGSEGV, si_code=SEGV_MAPERR, si_addr=0xffff800000001000} ---
.intel_syntax noprefix
.global _start
.text
_start:
    mov eax, 1
    mov edi, 1
    lea rsi, [rip + msg]
    mov edx, 29
    syscall
    movabs rax, 0xffff800000001000
    mov rax, qword ptr [rax]
    mov eax, 60
    xor edi, edi
    syscall

.section .rodata
msg: .ascii "loading from the kernel half\n"
