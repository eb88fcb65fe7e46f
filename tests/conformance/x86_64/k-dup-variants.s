# The dup family's edge cases (dup(2), fcntl(2)): dup takes the lowest free fd;
# dup2(fd, fd) returns fd and closes nothing; dup3(fd, fd, 0) fails with EINVAL;
# dup2 onto an open fd closes it first; F_DUPFD picks the lowest fd >= its argument and
# F_DUPFD_CLOEXEC also sets FD_CLOEXEC (minimum 100: fds below may be inherited).
# expect-stdout: dup 5\ndup2 same 3\ndup3 same -22\ndup2 onto open fd 5\nF_DUPFD >= 100: 100\nF_DUPFD_CLOEXEC >= 100: 101, cloexec 1\nthrough fd 101 ok\n
# expect-exit: 0
# expect-trace: dup3(3, 3, 0) = -1 EINVAL (Invalid argument)
.intel_syntax noprefix
.global _start
.text
_start:
    mov eax, 22                 # pipe(fds): 3 and 4
    lea rdi, [rip + fds]
    syscall
    mov eax, 32                 # dup(3): lowest free is 5
    mov edi, 3
    syscall
    mov rdi, rax
    lea rsi, [rip + m_dup]
    call say
    mov eax, 33                 # dup2(3, 3)
    mov edi, 3
    mov esi, 3
    syscall
    mov rdi, rax
    lea rsi, [rip + m_same]
    call say
    mov eax, 292                # dup3(3, 3, 0)
    mov edi, 3
    mov esi, 3
    xor edx, edx
    syscall
    mov rdi, rax
    lea rsi, [rip + m_dup3]
    call say
    mov eax, 33                 # dup2(1, 5): 5 (a dup of the read end) is closed first
    mov edi, 1
    mov esi, 5
    syscall
    mov rdi, rax
    lea rsi, [rip + m_onto]
    call say
    mov eax, 72                 # fcntl(1, F_DUPFD, 100)
    mov edi, 1
    xor esi, esi
    mov edx, 100
    syscall
    mov rdi, rax
    lea rsi, [rip + m_dupfd]
    call say
    mov eax, 72                 # fcntl(1, F_DUPFD_CLOEXEC, 100)
    mov edi, 1
    mov esi, 1030
    mov edx, 100
    syscall
    mov r12, rax
    lea rsi, [rip + m_cloexec]
    call puts
    mov rdi, r12
    call putnum_nonl
    mov eax, 72                 # fcntl(fd, F_GETFD)
    mov rdi, r12
    mov esi, 1
    syscall
    mov rbx, rax
    lea rsi, [rip + m_flag]
    mov rdi, rbx
    call say
    mov eax, 1                  # write(fd, "through fd 101 ok\n", 18)
    mov rdi, r12
    lea rsi, [rip + m_through]
    mov edx, 18
    syscall
    mov eax, 231
    xor edi, edi
    syscall

# putnum_nonl: a three-digit number (100..999) without a newline.
putnum_nonl:
    mov eax, edi
    xor edx, edx
    mov ecx, 100
    div ecx
    add eax, 0x30
    mov byte ptr [rip + digits], al
    mov eax, edx
    xor edx, edx
    mov ecx, 10
    div ecx
    add eax, 0x30
    add edx, 0x30
    mov byte ptr [rip + digits + 1], al
    mov byte ptr [rip + digits + 2], dl
    mov eax, 1
    mov edi, 1
    lea rsi, [rip + digits]
    mov edx, 3
    syscall
    ret

.data
fds: .long 0, 0
digits: .byte 0, 0, 0
.section .rodata
m_dup:     .asciz "dup "
m_same:    .asciz "dup2 same "
m_dup3:    .asciz "dup3 same "
m_onto:    .asciz "dup2 onto open fd "
m_dupfd:   .asciz "F_DUPFD >= 100: "
m_cloexec: .asciz "F_DUPFD_CLOEXEC >= 100: "
m_flag:    .asciz ", cloexec "
m_through: .ascii "through fd 101 ok\n"

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
