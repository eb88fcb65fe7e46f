# A read blocked on an empty pipe is interrupted by SIGALRM whose handler lacks
# SA_RESTART: the read returns -EINTR (signal(7) "Interruption of system calls").
# expect-stdout: read returned -4\n
# expect-exit: 0
# expect-trace: --- SIGALRM {si_signo=SIGALRM, si_code=SI_KERNEL} ---
# expect-trace: rt_sigreturn({mask=[]}) = -1 EINTR (Interrupted system call)
.intel_syntax noprefix
.global _start
.text
_start:
    mov eax, 22                 # pipe(fds)
    lea rdi, [rip + fds]
    syscall
    mov eax, 13                 # rt_sigaction(SIGALRM, &act, NULL, 8)
    mov edi, 14
    lea rsi, [rip + act]
    xor edx, edx
    mov r10d, 8
    syscall
    mov eax, 38                 # setitimer(ITIMER_REAL, 20 ms)
    xor edi, edi
    lea rsi, [rip + itimer]
    xor edx, edx
    syscall
    mov eax, 0                  # read(fds[0], buf, 16): nobody will write
    mov edi, dword ptr [rip + fds]
    lea rsi, [rip + buf]
    mov edx, 16
    syscall
    mov rdi, rax
    lea rsi, [rip + m_read]
    call say
    mov eax, 231
    xor edi, edi
    syscall

handler:
    ret

.data
act: .quad handler, 0x04000000, restorer, 0      # SA_RESTORER only
itimer: .quad 0, 0, 0, 20000
fds: .long 0, 0
buf: .zero 16
.section .rodata
m_read: .asciz "read returned "

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
