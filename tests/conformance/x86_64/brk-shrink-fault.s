# After brk shrinks, the pages above the new break are unmapped: touching them is a
# fault like any other unmapped address, SIGSEGV SEGV_MAPERR (brk(2); mm/mmap.c do_vmi_munmap).
# expect-stdout: touching freed heap\n
# expect-exit: 139
# expect-trace: --- SIGSEGV {si_signo=SIGSEGV, si_code=SEGV_MAPERR, si_addr=BRK+0x1000} ---
.intel_syntax noprefix
.global _start
.text
_start:
    mov eax, 12
    xor edi, edi
    syscall
    mov rbx, rax
    lea rdi, [rbx + 8192]
    mov eax, 12
    syscall
    mov byte ptr [rbx + 4096], 1        # fine while the heap is 8 KiB
    mov rdi, rbx                        # shrink back to the start
    mov eax, 12
    syscall
    mov eax, 1
    mov edi, 1
    lea rsi, [rip + msg]
    mov edx, 20
    syscall
    mov byte ptr [rbx + 4096], 2        # now unmapped
    mov eax, 60
    xor edi, edi
    syscall

.section .rodata
msg: .ascii "touching freed heap\n"
