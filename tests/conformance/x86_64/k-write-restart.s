# SA_RESTART restarts a write blocked on a full pipe (signal(7), pipe(7)): 65536 bytes
# fill the pipe, a 1-byte write blocks, a 20 ms SIGALRM handler drains 4096 bytes, and
# after rt_sigreturn the kernel re-issues the write, which now fits and returns 1.
# expect-stdout: fill wrote 65536\nhandler drained 4096\nblocked write returned 1\n
# expect-exit: 0
# expect-trace: write(4, "x", 1) = ? ERESTARTSYS (To be restarted if SA_RESTART is set)
# expect-trace: write(4, "x", 1) = 1
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
    mov eax, 1                  # write(fds[1], buf, 65536): exactly fills the pipe
    mov edi, dword ptr [rip + fds + 4]
    lea rsi, [rip + buf]
    mov edx, 65536
    syscall
    mov rdi, rax
    lea rsi, [rip + m_fill]
    call say
    mov eax, 38                 # setitimer(ITIMER_REAL, 20 ms)
    xor edi, edi
    lea rsi, [rip + itimer]
    xor edx, edx
    syscall
    mov eax, 1                  # write(fds[1], "x", 1): blocks until there is room
    mov edi, dword ptr [rip + fds + 4]
    lea rsi, [rip + m_x]
    mov edx, 1
    syscall
    mov rbx, rax
    mov rdi, qword ptr [rip + drained]
    lea rsi, [rip + m_drain]
    call say
    mov rdi, rbx
    lea rsi, [rip + m_write]
    call say
    mov eax, 231
    xor edi, edi
    syscall

handler:
    xor eax, eax                # read(fds[0], buf, 4096)
    mov edi, dword ptr [rip + fds]
    lea rsi, [rip + buf]
    mov edx, 4096
    syscall
    mov qword ptr [rip + drained], rax
    ret

.data
act: .quad handler, 0x14000000, restorer, 0      # SA_RESTORER|SA_RESTART
itimer: .quad 0, 0, 0, 20000
fds: .long 0, 0
drained: .quad 0
.section .rodata
m_x:     .ascii "x"
m_fill:  .asciz "fill wrote "
m_drain: .asciz "handler drained "
m_write: .asciz "blocked write returned "
.bss
buf: .zero 65536

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
