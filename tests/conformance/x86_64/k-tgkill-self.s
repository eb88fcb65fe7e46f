# tgkill(getpid(), gettid(), SIGUSR2) targets our own (only) thread; the siginfo says
# SI_TKILL, and the handler gets the signal number in edi (tgkill(2)).
# expect-stdout: handler got signo 12\ntgkill returned 0\n
# expect-exit: 0
# expect-trace: --- SIGUSR2 {si_signo=SIGUSR2, si_code=SI_TKILL, si_pid=PID, si_uid=UID} ---
.intel_syntax noprefix
.global _start
.text
_start:
    mov eax, 13                 # rt_sigaction(SIGUSR2, &act, NULL, 8)
    mov edi, 12
    lea rsi, [rip + act]
    xor edx, edx
    mov r10d, 8
    syscall
    mov eax, 39                 # getpid
    syscall
    mov rbx, rax
    mov eax, 186                # gettid
    syscall
    mov rsi, rax
    mov rdi, rbx
    mov eax, 234                # tgkill(tgid, tid, SIGUSR2)
    mov edx, 12
    syscall
    mov rbx, rax
    mov edi, dword ptr [rip + got]
    lea rsi, [rip + m_got]
    call say
    mov rdi, rbx
    lea rsi, [rip + m_ret]
    call say
    mov eax, 231
    xor edi, edi
    syscall

handler:
    mov dword ptr [rip + got], edi
    ret

.data
act: .quad handler, 0x04000000, restorer, 0
got: .long 0
.section .rodata
m_got: .asciz "handler got signo "
m_ret: .asciz "tgkill returned "

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
