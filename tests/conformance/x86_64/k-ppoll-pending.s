# Why ppoll takes a mask: SIGUSR1 is blocked and already pending (kill to self) before
# the wait starts. ppoll unblocks it atomically for the wait, so the signal is not lost:
# the handler runs at once and ppoll fails with EINTR, even with a zero timeout (a pending
# signal is checked before the timeout, fs/select.c do_poll). Afterwards SIGUSR1 is
# blocked again, and no longer pending.
# expect-stdout: handler ran 1\nppoll returned -4\nmask after 512\n
# expect-exit: 0
# expect-trace: ppoll([{fd=3, events=POLLIN}], 1, {tv_sec=0, tv_nsec=0}, [], 8) = ? ERESTARTNOHAND (To be restarted if no handler)
# expect-trace: rt_sigreturn({mask=[USR1]}) = -1 EINTR (Interrupted system call)
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
    mov eax, 14                 # rt_sigprocmask(SIG_BLOCK, &usr1, NULL, 8)
    xor edi, edi
    lea rsi, [rip + usr1]
    xor edx, edx
    mov r10d, 8
    syscall
    mov eax, 39                 # kill(getpid(), SIGUSR1): pending, blocked
    syscall
    mov edi, eax
    mov eax, 62
    mov esi, 10
    syscall
    mov eax, 22                 # pipe(fds)
    lea rdi, [rip + fds]
    syscall
    mov eax, dword ptr [rip + fds]
    mov dword ptr [rip + pfd], eax
    mov eax, 271                # ppoll(&pfd, 1, &zero, &empty, 8)
    lea rdi, [rip + pfd]
    mov esi, 1
    lea rdx, [rip + zero]
    lea r10, [rip + empty]
    mov r8d, 8
    syscall
    mov r12, rax
    movzx edi, byte ptr [rip + flag]
    lea rsi, [rip + m_handler]
    call say
    mov rdi, r12
    lea rsi, [rip + m_ppoll]
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

handler:
    mov byte ptr [rip + flag], 1
    ret

.data
act: .quad handler, 0x04000000, restorer, 0      # SA_RESTORER
usr1: .quad 0x200               # 1 << (SIGUSR1 - 1)
empty: .quad 0
old: .quad 0
zero: .quad 0, 0
fds: .long 0, 0
pfd: .long 0
     .short 1, 0
flag: .byte 0
.section .rodata
m_handler: .asciz "handler ran "
m_ppoll: .asciz "ppoll returned "
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
