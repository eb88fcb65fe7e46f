# pipe2(O_CLOEXEC) sets FD_CLOEXEC on both ends (pipe2(2)); fcntl(F_GETFD) reads it
# back. A plain pipe() leaves it clear, and F_SETFD can set it afterwards (fcntl(2)).
# expect-stdout: pipe2 read end FD_CLOEXEC 1\npipe2 write end FD_CLOEXEC 1\npipe read end FD_CLOEXEC 0\nafter F_SETFD 1\n
# expect-exit: 0
# expect-trace: pipe2([3, 4], O_CLOEXEC) = 0
# expect-trace: fcntl(3, F_GETFD) = 0x1 (flags FD_CLOEXEC)
# expect-trace: fcntl(5, F_SETFD, FD_CLOEXEC) = 0
.intel_syntax noprefix
.global _start
.text
_start:
    mov eax, 293                # pipe2(fds, O_CLOEXEC)
    lea rdi, [rip + fds]
    mov esi, 0x80000
    syscall
    mov edi, dword ptr [rip + fds]
    lea rsi, [rip + m_rd]
    call show_fd
    mov edi, dword ptr [rip + fds + 4]
    lea rsi, [rip + m_wr]
    call show_fd
    mov eax, 22                 # pipe(fds2)
    lea rdi, [rip + fds2]
    syscall
    mov edi, dword ptr [rip + fds2]
    lea rsi, [rip + m_plain]
    call show_fd
    mov eax, 72                 # fcntl(fds2[0], F_SETFD, FD_CLOEXEC)
    mov edi, dword ptr [rip + fds2]
    mov esi, 2
    mov edx, 1
    syscall
    mov edi, dword ptr [rip + fds2]
    lea rsi, [rip + m_set]
    call show_fd
    mov eax, 231
    xor edi, edi
    syscall

# show_fd: print the label at rsi followed by fcntl(edi, F_GETFD).
show_fd:
    push rsi
    mov eax, 72
    mov esi, 1                  # F_GETFD
    syscall
    pop rsi
    mov rdi, rax
    jmp say

.data
fds: .long 0, 0
fds2: .long 0, 0
.section .rodata
m_rd:    .asciz "pipe2 read end FD_CLOEXEC "
m_wr:    .asciz "pipe2 write end FD_CLOEXEC "
m_plain: .asciz "pipe read end FD_CLOEXEC "
m_set:   .asciz "after F_SETFD "

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
