# Executing from the stack: the stack is mapped without execute permission (PT_GNU_STACK
# says so; NX bit in the PTE), so the instruction fetch faults: SIGSEGV SEGV_ACCERR at
# the stack address. The bytes pushed are a `ret` (0xc3), which would have worked.
# expect-stdout: calling the stack\n
# expect-exit: 139
# expect-trace: --- SIGSEGV {si_signo=SIGSEGV, si_code=SEGV_ACCERR, si_addr=0xADDR} ---
.intel_syntax noprefix
.global _start
.text
_start:
    mov eax, 1
    mov edi, 1
    lea rsi, [rip + msg]
    mov edx, 18
    syscall
    mov eax, 0xc3               # ret
    push rax
    call rsp
    mov eax, 60
    xor edi, edi
    syscall

.section .rodata
msg: .ascii "calling the stack\n"
.section .note.GNU-stack, "", @progbits
