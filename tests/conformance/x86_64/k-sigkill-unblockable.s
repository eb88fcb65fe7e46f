# SIGKILL can be neither caught nor blocked (signal(7)): rt_sigaction on it fails with
# EINVAL, rt_sigprocmask silently leaves it out of the mask (reading the mask back shows
# no bit 8), and kill(self, SIGKILL) then terminates the process: status 128+9.
# expect-stdout: rt_sigaction(SIGKILL) returned -22\nSIGKILL in the mask: 0\n
# expect-exit: 137
# expect-trace: +++ killed by SIGKILL +++
.intel_syntax noprefix
.global _start
.text
_start:
    mov eax, 13                 # rt_sigaction(SIGKILL, &act, NULL, 8)
    mov edi, 9
    lea rsi, [rip + act]
    xor edx, edx
    mov r10d, 8
    syscall
    mov rdi, rax
    lea rsi, [rip + m_act]
    call say
    mov eax, 14                 # rt_sigprocmask(SIG_BLOCK, {KILL, USR1}, &old, 8)
    xor edi, edi
    lea rsi, [rip + kill_set]
    xor edx, edx
    mov r10d, 8
    syscall
    mov eax, 14                 # rt_sigprocmask(SIG_BLOCK, NULL, &cur, 8): read it back
    xor edi, edi
    xor esi, esi
    lea rdx, [rip + cur_set]
    mov r10d, 8
    syscall
    mov rdi, qword ptr [rip + cur_set]
    shr rdi, 8
    and edi, 1
    lea rsi, [rip + m_mask]
    call say
    mov eax, 39                 # getpid
    syscall
    mov rdi, rax
    mov eax, 62                 # kill(pid, SIGKILL)
    mov esi, 9
    syscall
    mov eax, 231
    xor edi, edi
    syscall

handler:
    ret

.data
act: .quad handler, 0x04000000, restorer, 0
kill_set: .quad 0x300           # bits 8 (SIGKILL) and 9 (SIGUSR1)
cur_set: .quad 0
.section .rodata
m_act:  .asciz "rt_sigaction(SIGKILL) returned "
m_mask: .asciz "SIGKILL in the mask: "

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
