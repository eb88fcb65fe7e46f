# Job control (signal(7), wait(2)): SIGSTOP's default action stops the process; the
# parent's wait4 with WUNTRACED reports it (WIFSTOPPED, WSTOPSIG 19, status 0x137f);
# kill(pid, SIGCONT) resumes it and wait4 with WCONTINUED reports that (status 0xffff,
# WIFCONTINUED); then the child runs on and exits. The child stops itself while the
# parent sleeps 100 ms, and sleeps 200 ms once continued while the parent sleeps 100 ms
# again, so each wait4 finds its news already there and strace's order is fixed. SIGCHLD
# (CLD_STOPPED, CLD_CONTINUED, CLD_EXITED) stays blocked in the parent, so no SIGCHLD
# line can land between the two processes' lines.
# expect-stdout: WIFSTOPPED 1\nWSTOPSIG 19\nWIFCONTINUED 1\nchild resumed\nWEXITSTATUS 3\n
# expect-exit: 0
# expect-trace: --- stopped by SIGSTOP ---
.intel_syntax noprefix
.global _start
.text
_start:
    mov eax, 14                 # rt_sigprocmask(SIG_BLOCK, [CHLD], NULL, 8)
    xor edi, edi
    lea rsi, [rip + chld_set]
    xor edx, edx
    mov r10d, 8
    syscall
    mov eax, 57                 # fork
    syscall
    test rax, rax
    jnz .Lparent
    mov eax, 39                 # child: kill(getpid(), SIGSTOP)
    syscall
    mov edi, eax
    mov eax, 62
    mov esi, 19
    syscall
    mov eax, 35                 # once continued: sleep 200 ms
    lea rdi, [rip + long_delay]
    xor esi, esi
    syscall
    lea rsi, [rip + m_resumed]
    call puts
    mov eax, 231                # exit_group(3)
    mov edi, 3
    syscall
.Lparent:
    mov r12, rax                # child pid
    call nap
    mov eax, 61                 # wait4(child, &status, WUNTRACED, NULL)
    mov rdi, r12
    lea rsi, [rip + status]
    mov edx, 2
    xor r10d, r10d
    syscall
    mov ebx, dword ptr [rip + status]
    xor edi, edi                # WIFSTOPPED: (status & 0xff) == 0x7f
    cmp bl, 0x7f
    sete dil
    lea rsi, [rip + m_stopped]
    call say
    movzx edi, bh               # WSTOPSIG: (status >> 8) & 0xff
    lea rsi, [rip + m_stopsig]
    call say
    mov eax, 62                 # kill(child, SIGCONT)
    mov rdi, r12
    mov esi, 18
    syscall
    call nap
    mov eax, 61                 # wait4(child, &status, WCONTINUED, NULL)
    mov rdi, r12
    lea rsi, [rip + status]
    mov edx, 8
    xor r10d, r10d
    syscall
    xor edi, edi                # WIFCONTINUED: status == 0xffff
    cmp dword ptr [rip + status], 0xffff
    sete dil
    lea rsi, [rip + m_cont]
    call say
    mov eax, 61                 # wait4(child, &status, 0, NULL)
    mov rdi, r12
    lea rsi, [rip + status]
    xor edx, edx
    xor r10d, r10d
    syscall
    movzx edi, byte ptr [rip + status + 1]
    lea rsi, [rip + m_code]
    call say
    mov eax, 231
    xor edi, edi
    syscall

# nap: nanosleep(100 ms).
nap:
    mov eax, 35
    lea rdi, [rip + delay]
    xor esi, esi
    syscall
    ret

.data
status: .long 0
chld_set: .quad 1 << 16
delay: .quad 0, 100000000
long_delay: .quad 0, 200000000
.section .rodata
m_stopped: .asciz "WIFSTOPPED "
m_stopsig: .asciz "WSTOPSIG "
m_cont:    .asciz "WIFCONTINUED "
m_resumed: .asciz "child resumed\n"
m_code:    .asciz "WEXITSTATUS "

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
