# Unbounded recursion with 4 KiB frames: the stack grows down page by page until it
# reaches RLIMIT_STACK (8 MiB by default) and the stack guard gap; the next touch
# faults with SIGSEGV SEGV_MAPERR (mm/mmap.c expand_stack). There is no room left to
# run a handler, so the process dies.
# expect-stdout: recursing\n
# expect-exit: 139
# expect-trace: --- SIGSEGV {si_signo=SIGSEGV, si_code=SEGV_MAPERR, si_addr=0xADDR} ---
.intel_syntax noprefix
.global _start
.text
_start:
    mov eax, 1
    mov edi, 1
    lea rsi, [rip + msg]
    mov edx, 10
    syscall
    call recurse
    mov eax, 60
    xor edi, edi
    syscall

recurse:
    sub rsp, 4096
    mov qword ptr [rsp], rsp    # touch the new page
    call recurse
    add rsp, 4096
    ret

.section .rodata
msg: .ascii "recursing\n"
