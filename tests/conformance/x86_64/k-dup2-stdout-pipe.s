# Redirection the way a shell does it (dup2(2)): save stdout with dup, dup2 a pipe's
# write end onto fd 1, write "captured" to fd 1 (it lands in the pipe), put the saved
# stdout back, then read the pipe and print what fd 1 had received.
# expect-stdout: before\nread back 9 bytes: captured\n
# expect-exit: 0
# expect-trace: dup2(4, 1) = 1
# expect-trace: write(1, "captured\n", 9) = 9
# expect-trace: read(3, "captured\n", 64) = 9
.intel_syntax noprefix
.global _start
.text
_start:
    lea rsi, [rip + m_before]
    call puts
    mov eax, 22                 # pipe(fds)
    lea rdi, [rip + fds]
    syscall
    mov eax, 32                 # dup(1): keep the real stdout
    mov edi, 1
    syscall
    mov r12, rax
    mov eax, 33                 # dup2(fds[1], 1)
    mov edi, dword ptr [rip + fds + 4]
    mov esi, 1
    syscall
    lea rsi, [rip + m_captured]
    call puts                   # goes into the pipe
    mov eax, 33                 # dup2(saved, 1)
    mov rdi, r12
    mov esi, 1
    syscall
    mov eax, 0                  # read(fds[0], buf, 64)
    mov edi, dword ptr [rip + fds]
    lea rsi, [rip + buf]
    mov edx, 64
    syscall
    mov rbx, rax
    lea rsi, [rip + m_back]
    call puts
    mov rdi, rbx
    call putnum_nonl
    lea rsi, [rip + m_bytes]
    call puts
    mov eax, 1
    mov edi, 1
    lea rsi, [rip + buf]
    mov rdx, rbx
    syscall
    mov eax, 231
    xor edi, edi
    syscall

# putnum_nonl: a one-digit count without the newline putnum adds.
putnum_nonl:
    add edi, 0x30
    mov byte ptr [rip + digit], dil
    mov eax, 1
    mov edi, 1
    lea rsi, [rip + digit]
    mov edx, 1
    syscall
    ret

.data
fds: .long 0, 0
digit: .byte 0
buf: .zero 64
.section .rodata
m_before:   .asciz "before\n"
m_captured: .asciz "captured\n"
m_back:     .asciz "read back "
m_bytes:    .asciz " bytes: "

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
