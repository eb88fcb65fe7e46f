# SA_RESTART also restarts wait4 (signal(7) lists wait(2) among the restartable calls):
# the parent blocks in wait4 for a child that sleeps 300 ms; a 20 ms SIGALRM interrupts
# it (ERESTARTSYS), the handler returns, and the kernel re-issues wait4, which then
# collects the child's exit code.
# expect-stdout: handler ran: 1\nwait4 == child: 1\nWEXITSTATUS 5\n
# expect-exit: 0
# expect-trace: wait4(-1, 0x40307c, 0, NULL) = ? ERESTARTSYS (To be restarted if SA_RESTART is set)
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
    mov eax, 57                 # fork
    syscall
    test rax, rax
    jnz .Lparent
    mov eax, 35                 # child: nanosleep(300 ms), exit(5)
    lea rdi, [rip + delay]
    xor esi, esi
    syscall
    mov eax, 231
    mov edi, 5
    syscall
.Lparent:
    mov r12, rax
    mov eax, 38                 # setitimer(ITIMER_REAL, 20 ms): timers are not inherited
    xor edi, edi
    lea rsi, [rip + itimer]
    xor edx, edx
    syscall
    mov eax, 61                 # wait4(-1, &status, 0, NULL)
    mov rdi, -1
    lea rsi, [rip + status]
    xor edx, edx
    xor r10d, r10d
    syscall
    mov rbx, rax
    mov edi, dword ptr [rip + ran]
    lea rsi, [rip + m_ran]
    call say
    xor edi, edi
    cmp rbx, r12
    sete dil
    lea rsi, [rip + m_same]
    call say
    mov edi, dword ptr [rip + status]
    shr edi, 8
    and edi, 0xff
    lea rsi, [rip + m_code]
    call say
    mov eax, 231
    xor edi, edi
    syscall

handler:
    mov dword ptr [rip + ran], 1
    ret

.data
act: .quad handler, 0x14000000, restorer, 0      # SA_RESTORER|SA_RESTART
itimer: .quad 0, 0, 0, 20000
delay: .quad 0, 300000000
status: .long 0
ran: .long 0
.section .rodata
m_ran:  .asciz "handler ran: "
m_same: .asciz "wait4 == child: "
m_code: .asciz "WEXITSTATUS "

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
