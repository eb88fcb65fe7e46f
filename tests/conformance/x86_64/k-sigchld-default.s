# SIGCHLD's default action is to ignore it (signal(7) "Ign"): when the child exits the
# parent is sent SIGCHLD (strace shows it, CLD_EXITED) and simply carries on. The parent
# sleeps 200 ms in nanosleep while the child exits; a default-ignored signal does not
# interrupt the sleep, which completes with 0.
# expect-stdout: nanosleep returned 0\nparent survived SIGCHLD\n
# expect-exit: 0
# expect-trace: --- SIGCHLD {si_signo=SIGCHLD, si_code=CLD_EXITED, si_pid=PID, si_uid=UID, si_status=3, si_utime=N, si_stime=N} ---
.intel_syntax noprefix
.global _start
.text
_start:
    mov eax, 57                 # fork
    syscall
    test rax, rax
    jnz .Lparent
    mov eax, 35                 # child: nanosleep(50 ms), exit(3)
    lea rdi, [rip + short_delay]
    xor esi, esi
    syscall
    mov eax, 231
    mov edi, 3
    syscall
.Lparent:
    mov eax, 35                 # nanosleep(200 ms): SIGCHLD arrives during it
    lea rdi, [rip + long_delay]
    xor esi, esi
    syscall
    mov rdi, rax
    lea rsi, [rip + m_sleep]
    call say
    lea rsi, [rip + m_alive]
    call puts
    mov eax, 61                 # reap: wait4(-1, NULL, 0, NULL)
    mov rdi, -1
    xor esi, esi
    xor edx, edx
    xor r10d, r10d
    syscall
    mov eax, 231
    xor edi, edi
    syscall

.data
short_delay: .quad 0, 50000000
long_delay:  .quad 0, 200000000
.section .rodata
m_sleep: .asciz "nanosleep returned "
m_alive: .asciz "parent survived SIGCHLD\n"

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
