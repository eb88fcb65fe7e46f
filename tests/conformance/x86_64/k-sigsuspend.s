# rt_sigsuspend swaps in a temporary mask and sleeps until a handler has run, then
# returns -EINTR and puts the old mask back (sigsuspend(2)). SIGALRM is blocked before
# the 20 ms timer is armed, so it can only be delivered inside rt_sigsuspend's empty
# mask; rt_sigreturn restores [ALRM], and afterwards SIGALRM is blocked again.
# expect-stdout: rt_sigsuspend returned -4\nhandler ran: 1\nSIGALRM blocked again: 1\n
# expect-exit: 0
# expect-trace: rt_sigsuspend([], 8) = ? ERESTARTNOHAND (To be restarted if no handler)
# expect-trace: rt_sigreturn({mask=[ALRM]}) = -1 EINTR (Interrupted system call)
.intel_syntax noprefix
.global _start
.text
_start:
    mov eax, 13                 # rt_sigaction(SIGALRM, &act, NULL, 8)
    mov edi, 14
    lea rsi, [rip + act]
    xor edx, edx
    mov r10d, 8
    syscall
    mov eax, 14                 # rt_sigprocmask(SIG_BLOCK, {ALRM}, NULL, 8)
    xor edi, edi
    lea rsi, [rip + alrm_set]
    xor edx, edx
    mov r10d, 8
    syscall
    mov eax, 38                 # setitimer(ITIMER_REAL, 20 ms)
    xor edi, edi
    lea rsi, [rip + itimer]
    xor edx, edx
    syscall
    mov eax, 130                # rt_sigsuspend(&empty, 8)
    lea rdi, [rip + empty_set]
    mov esi, 8
    syscall
    mov rdi, rax
    lea rsi, [rip + m_ret]
    call say
    mov edi, dword ptr [rip + ran]
    lea rsi, [rip + m_ran]
    call say
    mov eax, 14                 # rt_sigprocmask(SIG_BLOCK, NULL, &old, 8): read the mask
    xor edi, edi
    xor esi, esi
    lea rdx, [rip + old_set]
    mov r10d, 8
    syscall
    mov rdi, qword ptr [rip + old_set]
    shr rdi, 13
    and edi, 1
    lea rsi, [rip + m_mask]
    call say
    mov eax, 231
    xor edi, edi
    syscall

handler:
    mov dword ptr [rip + ran], 1
    ret

.data
act: .quad handler, 0x04000000, restorer, 0
itimer: .quad 0, 0, 0, 20000
alrm_set: .quad 0x2000          # bit (14 - 1)
empty_set: .quad 0
old_set: .quad 0
ran: .long 0
.section .rodata
m_ret:  .asciz "rt_sigsuspend returned "
m_ran:  .asciz "handler ran: "
m_mask: .asciz "SIGALRM blocked again: "

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
