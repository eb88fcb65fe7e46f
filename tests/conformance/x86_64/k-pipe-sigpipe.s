# Writing to a pipe whose read end is closed (pipe(7)): the kernel sends SIGPIPE, whose
# default action kills the process (status 128+13); write would have returned -EPIPE,
# and strace shows that result before the signal.
# expect-stdout: closing the read end\n
# expect-exit: 141
# expect-trace: write(4, "x", 1) = -1 EPIPE (Broken pipe)
# expect-trace: --- SIGPIPE {si_signo=SIGPIPE, si_code=SI_USER, si_pid=PID, si_uid=UID} ---
# expect-trace: +++ killed by SIGPIPE +++
.intel_syntax noprefix
.global _start
.text
_start:
    mov eax, 22                 # pipe(fds)
    lea rdi, [rip + fds]
    syscall
    lea rsi, [rip + m_close]
    call puts
    mov eax, 3                  # close(fds[0])
    mov edi, dword ptr [rip + fds]
    syscall
    mov eax, 1                  # write(fds[1], "x", 1)
    mov edi, dword ptr [rip + fds + 4]
    lea rsi, [rip + m_x]
    mov edx, 1
    syscall
    lea rsi, [rip + m_alive]
    call puts
    mov eax, 231
    xor edi, edi
    syscall

.data
fds: .long 0, 0
.section .rodata
m_close: .asciz "closing the read end\n"
m_x:     .ascii "x"
m_alive: .asciz "survived the write (wrong)\n"

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
