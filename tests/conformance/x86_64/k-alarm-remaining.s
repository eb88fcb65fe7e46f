# alarm returns the seconds left on the previous alarm (alarm(2)), rounded to the
# nearest second: alarm(10) then alarm(3) returns 10, and alarm(0) cancels the pending
# alarm and returns 3; no SIGALRM ever arrives.
# expect-stdout: first alarm returned 0\nsecond alarm returned 10\ncancel returned 3\n
# expect-exit: 0
# expect-trace: alarm(0) = 3
.intel_syntax noprefix
.global _start
.text
_start:
    mov eax, 37                 # alarm(10)
    mov edi, 10
    syscall
    mov rdi, rax
    lea rsi, [rip + m_first]
    call say
    mov eax, 37                 # alarm(3)
    mov edi, 3
    syscall
    mov rdi, rax
    lea rsi, [rip + m_second]
    call say
    mov eax, 37                 # alarm(0)
    xor edi, edi
    syscall
    mov rdi, rax
    lea rsi, [rip + m_cancel]
    call say
    mov eax, 231
    xor edi, edi
    syscall
.section .rodata
m_first:  .asciz "first alarm returned "
m_second: .asciz "second alarm returned "
m_cancel: .asciz "cancel returned "

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
