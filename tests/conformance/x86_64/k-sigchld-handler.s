# A SIGCHLD handler with SA_SIGINFO learns how the child ended from siginfo
# (sigaction(2): si_code CLD_EXITED = 1, si_status the exit code, si_pid the child):
# the parent pauses, the child exits 9 after 50 ms, the handler runs and pause
# returns -EINTR; then wait4 reaps the zombie.
# expect-stdout: pause returned -4\nsi_signo 17\nsi_code 1\nsi_status 9\nsi_pid == fork result: 1\n
# expect-exit: 0
.intel_syntax noprefix
.global _start
.text
_start:
    mov eax, 13                 # rt_sigaction(SIGCHLD, &act, NULL, 8)
    mov edi, 17
    lea rsi, [rip + act]
    xor edx, edx
    mov r10d, 8
    syscall
    mov eax, 57                 # fork
    syscall
    test rax, rax
    jnz .Lparent
    mov eax, 35                 # child: nanosleep(50 ms), exit(9)
    lea rdi, [rip + delay]
    xor esi, esi
    syscall
    mov eax, 231
    mov edi, 9
    syscall
.Lparent:
    mov r12, rax
    mov eax, 34                 # pause()
    syscall
    mov rdi, rax
    lea rsi, [rip + m_pause]
    call say
    mov edi, dword ptr [rip + info]          # si_signo
    lea rsi, [rip + m_signo]
    call say
    mov edi, dword ptr [rip + info + 8]      # si_code
    lea rsi, [rip + m_code]
    call say
    mov edi, dword ptr [rip + info + 24]     # si_status (after si_pid, si_uid)
    lea rsi, [rip + m_status]
    call say
    movsxd rax, dword ptr [rip + info + 16]  # si_pid
    xor edi, edi
    cmp rax, r12
    sete dil
    lea rsi, [rip + m_pid]
    call say
    mov eax, 61                 # wait4(-1, NULL, 0, NULL)
    mov rdi, -1
    xor esi, esi
    xor edx, edx
    xor r10d, r10d
    syscall
    mov eax, 231
    xor edi, edi
    syscall

# Copy the first 32 bytes of the siginfo for the main flow to print.
handler:
    mov rax, qword ptr [rsi]
    mov qword ptr [rip + info], rax
    mov rax, qword ptr [rsi + 8]
    mov qword ptr [rip + info + 8], rax
    mov rax, qword ptr [rsi + 16]
    mov qword ptr [rip + info + 16], rax
    mov rax, qword ptr [rsi + 24]
    mov qword ptr [rip + info + 24], rax
    ret

.data
act: .quad handler, 0x04000004, restorer, 0      # SA_RESTORER|SA_SIGINFO
delay: .quad 0, 50000000
info: .zero 32
.section .rodata
m_pause:  .asciz "pause returned "
m_signo:  .asciz "si_signo "
m_code:   .asciz "si_code "
m_status: .asciz "si_status "
m_pid:    .asciz "si_pid == fork result: "

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
