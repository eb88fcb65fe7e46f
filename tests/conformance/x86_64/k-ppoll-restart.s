# ppoll(2) cut short by a signal that runs no handler is restarted, with the time left:
# the parent waits 200 ms on a pipe nobody writes while its child exits after 20 ms.
# Under strace the default-ignored SIGCHLD still interrupts the wait (a traced task stops
# for every signal), ppoll answers ERESTARTNOHAND and, with no handler to run, the kernel
# re-issues it; the timespec now holds the ~180 ms left (poll_select_finish wrote it), so
# the restarted call times out at the original deadline and returns 0.
# expect-stdout: ppoll returned 0\n
# expect-exit: 0
# expect-trace: ppoll([{fd=3, events=POLLIN}], 1, {tv_sec=0, tv_nsec=200000000}, NULL, 8) = ? ERESTARTNOHAND (To be restarted if no handler)
# expect-trace: ppoll([{fd=3, events=POLLIN}], 1, {tv_sec=N, tv_nsec=N}, NULL, 8) = 0 (Timeout)
.intel_syntax noprefix
.global _start
.text
_start:
    mov eax, 22                 # pipe(fds)
    lea rdi, [rip + fds]
    syscall
    mov eax, dword ptr [rip + fds]
    mov dword ptr [rip + pfd], eax
    mov eax, 57                 # fork
    syscall
    test rax, rax
    jnz .Lparent
    mov eax, 35                 # child: nanosleep(20 ms), exit_group(0)
    lea rdi, [rip + delay]
    xor esi, esi
    syscall
    mov eax, 231
    xor edi, edi
    syscall
.Lparent:
    mov eax, 271                # ppoll(&pfd, 1, &ts, NULL, 8)
    lea rdi, [rip + pfd]
    mov esi, 1
    lea rdx, [rip + ts]
    xor r10d, r10d
    mov r8d, 8
    syscall
    mov rdi, rax
    lea rsi, [rip + m_ppoll]
    call say
    mov eax, 231
    xor edi, edi
    syscall

.data
fds: .long 0, 0
pfd: .long 0
     .short 1, 0
delay: .quad 0, 20000000
ts: .quad 0, 200000000
.section .rodata
m_ppoll: .asciz "ppoll returned "

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
