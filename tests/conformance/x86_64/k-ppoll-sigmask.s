# The race-free wait ppoll(2) exists for: SIGALRM is blocked, so it cannot slip in
# between "check" and "wait"; ppoll swaps in an empty mask for the wait only, the
# 20 ms timer fires inside it, the handler runs, and ppoll fails with EINTR even though
# the handler has SA_RESTART (ERESTARTNOHAND: never restarted after a handler). The
# handler's frame carries the pre-ppoll mask, so after sigreturn SIGALRM is blocked again.
# The time left (4.98 s) is written back to the timespec even on EINTR.
# expect-stdout: handler ran 1\nppoll returned -4\nleft sec 4\nmask after 8192\n
# expect-exit: 0
# expect-trace: ppoll([{fd=3, events=POLLIN}], 1, {tv_sec=5, tv_nsec=0}, [], 8) = ? ERESTARTNOHAND (To be restarted if no handler)
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
    mov eax, 14                 # rt_sigprocmask(SIG_BLOCK, &alrm, NULL, 8)
    xor edi, edi
    lea rsi, [rip + alrm]
    xor edx, edx
    mov r10d, 8
    syscall
    mov eax, 22                 # pipe(fds): nobody writes, so only the signal ends the wait
    lea rdi, [rip + fds]
    syscall
    mov eax, dword ptr [rip + fds]
    mov dword ptr [rip + pfd], eax
    mov eax, 38                 # setitimer(ITIMER_REAL, 20 ms)
    xor edi, edi
    lea rsi, [rip + itimer]
    xor edx, edx
    syscall
    mov eax, 271                # ppoll(&pfd, 1, &five_s, &empty, 8)
    lea rdi, [rip + pfd]
    mov esi, 1
    lea rdx, [rip + five_s]
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
    mov rdi, qword ptr [rip + five_s]
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

handler:
    mov byte ptr [rip + flag], 1
    ret

.data
act: .quad handler, 0x14000000, restorer, 0      # SA_RESTORER|SA_RESTART
alrm: .quad 0x2000              # 1 << (SIGALRM - 1)
empty: .quad 0
old: .quad 0
itimer: .quad 0, 0, 0, 20000
five_s: .quad 5, 0
fds: .long 0, 0
pfd: .long 0
     .short 1, 0
flag: .byte 0
.section .rodata
m_handler: .asciz "handler ran "
m_ppoll: .asciz "ppoll returned "
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
