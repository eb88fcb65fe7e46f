# Two pending signals unblocked at once: the kernel dequeues the lowest number first
# (kernel/signal.c next_signal) and builds SIGUSR1's frame, then, still on the way
# out to user space, finds SIGUSR2 (not in SIGUSR1's handler mask) and builds its frame
# on top (arch/x86/kernel/signal.c, the exit-to-user loop). So strace shows SIGUSR1
# delivered first, yet the SIGUSR2 handler runs first, returning (mask [USR1]) into
# the SIGUSR1 handler. SIGUSR2 (12) is sent before SIGUSR1 (10) while both are blocked.
# expect-stdout: handled 12\nhandled 10\n
# expect-trace: rt_sigreturn({mask=[USR1]}) = 0
# expect-exit: 0
.intel_syntax noprefix
.global _start
.text
_start:
    mov eax, 13                 # rt_sigaction(SIGUSR1, &act, NULL, 8)
    mov edi, 10
    lea rsi, [rip + act]
    xor edx, edx
    mov r10d, 8
    syscall
    mov eax, 13                 # rt_sigaction(SIGUSR2, &act, NULL, 8)
    mov edi, 12
    lea rsi, [rip + act]
    xor edx, edx
    mov r10d, 8
    syscall
    mov eax, 14                 # rt_sigprocmask(SIG_BLOCK, {USR1, USR2}, NULL, 8)
    xor edi, edi
    lea rsi, [rip + both]
    xor edx, edx
    mov r10d, 8
    syscall
    mov eax, 39                 # getpid
    syscall
    mov rbx, rax
    mov eax, 62                 # kill(pid, SIGUSR2)
    mov rdi, rbx
    mov esi, 12
    syscall
    mov eax, 62                 # kill(pid, SIGUSR1)
    mov rdi, rbx
    mov esi, 10
    syscall
    mov eax, 14                 # rt_sigprocmask(SIG_UNBLOCK, {USR1, USR2}, NULL, 8)
    mov edi, 1
    lea rsi, [rip + both]
    xor edx, edx
    mov r10d, 8
    syscall
    mov eax, 231
    xor edi, edi
    syscall

handler:
    lea rsi, [rip + m_handled]
    jmp say

.data
act: .quad handler, 0x04000000, restorer, 0
both: .quad 0xa00               # bits 9 (USR1) and 11 (USR2)
.section .rodata
m_handled: .asciz "handled "

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
