# brk need not be page-aligned (brk(2); mm/mmap.c rounds the mapping, not the break):
# brk(start + 100) returns exactly start + 100, the whole page up to start + 4095 is
# usable, and the next page is not: touching start + 4096 is SIGSEGV SEGV_MAPERR.
# expect-stdout: break is start + 100: 1\nlast byte of the page usable\n
# expect-exit: 139
# expect-trace: brk(BRK+0x64) = BRK+0x64
# expect-trace: --- SIGSEGV {si_signo=SIGSEGV, si_code=SEGV_MAPERR, si_addr=BRK+0x1000} ---
.intel_syntax noprefix
.global _start
.text
_start:
    mov eax, 12                 # brk(0)
    xor edi, edi
    syscall
    mov r12, rax
    lea rdi, [rax + 100]
    mov eax, 12                 # brk(start + 100)
    syscall
    lea rcx, [r12 + 100]
    xor edi, edi
    cmp rax, rcx
    sete dil
    lea rsi, [rip + m_break]
    call say
    mov byte ptr [r12 + 4095], 1
    lea rsi, [rip + m_last]
    call puts
    mov byte ptr [r12 + 4096], 1        # next page: faults
    mov eax, 231
    xor edi, edi
    syscall
.section .rodata
m_break: .asciz "break is start + 100: "
m_last:  .asciz "last byte of the page usable\n"

# ---- helpers shared by the k-*.s programs (each file carries its own copy) ----
.text
# puts: write the NUL-terminated string at rsi to fd 1 (clobbers rax, rcx, rdx, rdi, r11).
puts:
    xor edx, edx
.Lputs_len:
    cmp byte ptr [rsi + rdx], 0
    je .Lputs_write
    inc rdx
    jmp .Lputs_len
.Lputs_write:
    mov eax, 1
    mov edi, 1
    syscall
    ret

# putnum: write the signed value in rdi in decimal, then a newline.
putnum:
    sub rsp, 40
    lea rsi, [rsp + 39]
    mov byte ptr [rsi], 10
    mov rax, rdi
    mov r8, rdi
    test rax, rax
    jns .Lputnum_loop
    neg rax
.Lputnum_loop:
    mov ecx, 10
    xor edx, edx
    div rcx
    add dl, 0x30
    dec rsi
    mov byte ptr [rsi], dl
    test rax, rax
    jnz .Lputnum_loop
    test r8, r8
    jns .Lputnum_out
    dec rsi
    mov byte ptr [rsi], 0x2d
.Lputnum_out:
    lea rdx, [rsp + 40]
    sub rdx, rsi
    mov eax, 1
    mov edi, 1
    syscall
    add rsp, 40
    ret

# say: puts(rsi) then putnum(rdi), i.e. "label value\n".
say:
    push rdi
    call puts
    pop rdi
    jmp putnum

# restorer: the SA_RESTORER trampoline (x86-64 has no kernel-provided one).
restorer:
    mov eax, 15                 # rt_sigreturn
    syscall
