# A SIGALRM handler runs and returns through rt_sigreturn (signal(7), sigreturn(2)).
# alarm(1) arms the timer, pause() sleeps; the handler (installed with SA_RESTORER and
# our own `mov eax, 15; syscall` trampoline, since x86-64 has no kernel-provided one)
# prints a line and sets a flag; rt_sigreturn puts the interrupted context back and
# pause returns -EINTR to the code after it, with callee-saved registers intact.
# expect-stdout: handler: signo 14\npause returned -4\nhandler ran: 1\nrbx survived: 1\n
# expect-exit: 0
# expect-trace: alarm(1) = 0
# expect-trace: --- SIGALRM {si_signo=SIGALRM, si_code=SI_KERNEL} ---
# expect-trace: rt_sigreturn({mask=[]}) = -1 EINTR (Interrupted system call)
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
    mov rbx, 0x1234567890       # a callee-saved value the handler's frame must not disturb
    mov eax, 37                 # alarm(1)
    mov edi, 1
    syscall
    mov eax, 34                 # pause()
    syscall
    mov rdi, rax
    lea rsi, [rip + m_pause]
    call say
    mov edi, dword ptr [rip + ran]
    lea rsi, [rip + m_ran]
    call say
    mov rax, 0x1234567890
    xor edi, edi
    cmp rbx, rax
    sete dil
    lea rsi, [rip + m_rbx]
    call say
    mov eax, 231
    xor edi, edi
    syscall

handler:
    push rdi
    mov dword ptr [rip + ran], 1
    lea rsi, [rip + m_handler]
    pop rdi
    call say
    ret

.data
act: .quad handler, 0x04000000, restorer, 0      # SA_RESTORER
ran: .long 0
.section .rodata
m_handler: .asciz "handler: signo "
m_pause:   .asciz "pause returned "
m_ran:     .asciz "handler ran: "
m_rbx:     .asciz "rbx survived: "

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
