# SIG_IGN discards the signal (signal(7)): SIGUSR1 with disposition SIG_IGN sent to
# ourselves does nothing: an ignored signal is dropped when generated, so strace shows
# no "--- SIGUSR1" line and the program carries on.
# expect-stdout: kill returned 0\nstill running\n
# expect-exit: 0
.intel_syntax noprefix
.global _start
.text
_start:
    mov eax, 13                 # rt_sigaction(SIGUSR1, {SIG_IGN}, NULL, 8)
    mov edi, 10
    lea rsi, [rip + act]
    xor edx, edx
    mov r10d, 8
    syscall
    mov eax, 39                 # getpid
    syscall
    mov rbx, rax
    mov eax, 62                 # kill(pid, SIGUSR1)
    mov rdi, rbx
    mov esi, 10
    syscall
    mov rdi, rax
    lea rsi, [rip + m_ret]
    call say
    lea rsi, [rip + m_alive]
    call puts
    mov eax, 231
    xor edi, edi
    syscall

.data
act: .quad 1, 0x04000000, restorer, 0           # SIG_IGN
.section .rodata
m_ret:   .asciz "kill returned "
m_alive: .asciz "still running\n"

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
