# In a forked child getppid() is the parent's getpid(), and getpid() differs from it
# (fork(2)); fork returns the child's pid to the parent and 0 to the child. Only
# booleans are printed, since pids are the kernel's choice. The child prints, then the
# parent, in that order, because the parent waits for the child first.
# expect-stdout: child: fork returned 0: 1\nchild: getppid == parent pid: 1\nchild: own pid differs: 1\nparent: wait4 == fork result: 1\n
# expect-exit: 0
.intel_syntax noprefix
.global _start
.text
_start:
    mov eax, 39                 # getpid
    syscall
    mov r12, rax
    mov eax, 57                 # fork
    syscall
    mov r13, rax
    test rax, rax
    jnz .Lparent
    mov eax, 35                 # child: nanosleep(50 ms), so the parent's fork line is first
    lea rdi, [rip + delay]
    xor esi, esi
    syscall
    xor edi, edi
    test r13, r13
    sete dil
    lea rsi, [rip + m_zero]
    call say
    mov eax, 110                # getppid
    syscall
    xor edi, edi
    cmp rax, r12
    sete dil
    lea rsi, [rip + m_ppid]
    call say
    mov eax, 39                 # getpid
    syscall
    xor edi, edi
    cmp rax, r12
    setne dil
    lea rsi, [rip + m_own]
    call say
    mov eax, 231
    xor edi, edi
    syscall
.Lparent:
    mov eax, 61                 # wait4(-1, NULL, 0, NULL)
    mov rdi, -1
    xor esi, esi
    xor edx, edx
    xor r10d, r10d
    syscall
    xor edi, edi
    cmp rax, r13
    sete dil
    lea rsi, [rip + m_wait]
    call say
    mov eax, 231
    xor edi, edi
    syscall

.data
delay: .quad 0, 50000000
.section .rodata
m_zero: .asciz "child: fork returned 0: "
m_ppid: .asciz "child: getppid == parent pid: "
m_own:  .asciz "child: own pid differs: "
m_wait: .asciz "parent: wait4 == fork result: "

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
