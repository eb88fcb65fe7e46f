# ppoll(2) on a pipe: a byte already written makes the read end ready at once (1, with
# revents=POLLIN and the time left written back into the timespec); an empty pipe with a
# zero timespec times out at once (0) and the zero timespec is not rewritten. The mask
# argument (blocking SIGUSR1 for the wait) changes nothing here: it is put back on return.
# expect-stdout: ready 1\nrevents 1\nzero timeout 0\nleft sec 0\nmask after 0\n
# expect-exit: 0
# expect-trace: ppoll([{fd=3, events=POLLIN}], 1, {tv_sec=1, tv_nsec=0}, [USR1], 8) = 1 ([{fd=3, revents=POLLIN}], left {tv_sec=N, tv_nsec=N})
# expect-trace: ppoll([{fd=3, events=POLLIN}], 1, {tv_sec=0, tv_nsec=0}, NULL, 8) = 0 (Timeout)
.intel_syntax noprefix
.global _start
.text
_start:
    mov eax, 22                 # pipe(fds)
    lea rdi, [rip + fds]
    syscall
    mov eax, 1                  # write(fds[1], "x", 1)
    mov edi, dword ptr [rip + fds + 4]
    lea rsi, [rip + byte_x]
    mov edx, 1
    syscall
    mov eax, dword ptr [rip + fds]
    mov dword ptr [rip + pfd], eax
    mov eax, 271                # ppoll(&pfd, 1, &one_s, &usr1, 8)
    lea rdi, [rip + pfd]
    mov esi, 1
    lea rdx, [rip + one_s]
    lea r10, [rip + usr1]
    mov r8d, 8
    syscall
    mov rdi, rax
    lea rsi, [rip + m_ready]
    call say
    movsx rdi, word ptr [rip + pfd + 6]
    lea rsi, [rip + m_revents]
    call say
    mov eax, 0                  # read(fds[0], buf, 1): empty the pipe
    mov edi, dword ptr [rip + fds]
    lea rsi, [rip + buf]
    mov edx, 1
    syscall
    mov eax, 271                # ppoll(&pfd, 1, &zero, NULL, 8)
    lea rdi, [rip + pfd]
    mov esi, 1
    lea rdx, [rip + zero]
    xor r10d, r10d
    mov r8d, 8
    syscall
    mov rdi, rax
    lea rsi, [rip + m_zero]
    call say
    mov rdi, qword ptr [rip + zero]
    lea rsi, [rip + m_left]
    call say
    mov eax, 14                 # rt_sigprocmask(SIG_BLOCK, NULL, &old, 8)
    xor edi, edi
    xor esi, esi
    lea rdx, [rip + old]
    mov r10d, 8
    syscall
    mov rdi, qword ptr [rip + old]
    lea rsi, [rip + m_mask]
    call say
    mov eax, 231
    xor edi, edi
    syscall

.data
fds: .long 0, 0
pfd: .long 0
     .short 1, 0                # events = POLLIN
one_s: .quad 1, 0
zero: .quad 0, 0
usr1: .quad 0x200               # 1 << (SIGUSR1 - 1)
old: .quad 0
buf: .byte 0
byte_x: .ascii "x"
.section .rodata
m_ready: .asciz "ready "
m_revents: .asciz "revents "
m_zero: .asciz "zero timeout "
m_left: .asciz "left sec "
m_mask: .asciz "mask after "

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
