# O_NONBLOCK on a pipe (pipe2(2), pipe(7)): read on the empty pipe fails at once with
# EAGAIN instead of blocking; F_GETFL shows O_NONBLOCK on the read end; after a write
# the same read returns the data.
# expect-stdout: F_GETFL has O_NONBLOCK: 1\nempty read returned -11\nread after write returned 2\n
# expect-exit: 0
# expect-trace: pipe2([3, 4], O_NONBLOCK) = 0
# expect-trace: read(3, 0x403053, 8) = -1 EAGAIN (Resource temporarily unavailable)
.intel_syntax noprefix
.global _start
.text
_start:
    mov eax, 293                # pipe2(fds, O_NONBLOCK)
    lea rdi, [rip + fds]
    mov esi, 0x800
    syscall
    mov eax, 72                 # fcntl(fds[0], F_GETFL)
    mov edi, dword ptr [rip + fds]
    mov esi, 3
    syscall
    shr eax, 11
    and eax, 1
    mov edi, eax
    lea rsi, [rip + m_fl]
    call say
    call read_pipe
    mov rdi, rax
    lea rsi, [rip + m_empty]
    call say
    mov eax, 1                  # write(fds[1], "ok", 2)
    mov edi, dword ptr [rip + fds + 4]
    lea rsi, [rip + m_ok]
    mov edx, 2
    syscall
    call read_pipe
    mov rdi, rax
    lea rsi, [rip + m_after]
    call say
    mov eax, 231
    xor edi, edi
    syscall

read_pipe:
    mov eax, 0                  # read(fds[0], buf, 8)
    mov edi, dword ptr [rip + fds]
    lea rsi, [rip + buf]
    mov edx, 8
    syscall
    ret

.data
fds: .long 0, 0
buf: .zero 8
.section .rodata
m_ok:    .ascii "ok"
m_fl:    .asciz "F_GETFL has O_NONBLOCK: "
m_empty: .asciz "empty read returned "
m_after: .asciz "read after write returned "

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
