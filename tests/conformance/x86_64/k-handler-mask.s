# While a handler runs the kernel blocks the signal itself plus sa_mask (sigaction(2));
# rt_sigreturn restores the mask from the frame. The SIGUSR1 handler has sa_mask
# {SIGUSR2} and reads the current mask: USR1 and USR2 blocked inside, nothing after.
# expect-stdout: in handler: USR1 blocked 1, USR2 blocked 1\nafter return: mask is empty: 1\n
# expect-exit: 0
# expect-trace: rt_sigprocmask(SIG_BLOCK, NULL, [USR1 USR2], 8) = 0
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
    mov eax, 39                 # kill(getpid(), SIGUSR1)
    syscall
    mov rdi, rax
    mov eax, 62
    mov esi, 10
    syscall
    call read_mask
    xor edi, edi
    test rax, rax
    sete dil
    lea rsi, [rip + m_after]
    call say
    mov eax, 231
    xor edi, edi
    syscall

handler:
    call read_mask
    mov rbx, rax
    lea rsi, [rip + m_in1]
    call puts
    mov rdi, rbx
    shr rdi, 9
    and edi, 1
    lea rsi, [rip + m_in2]
    call say_nonl
    mov rdi, rbx
    shr rdi, 11
    and edi, 1
    lea rsi, [rip + m_in3]
    call say
    ret

# read_mask: rax = the current signal mask (rt_sigprocmask(SIG_BLOCK, NULL, &cur, 8)).
read_mask:
    mov eax, 14
    xor edi, edi
    xor esi, esi
    lea rdx, [rip + cur]
    mov r10d, 8
    syscall
    mov rax, qword ptr [rip + cur]
    ret

# say_nonl: label at rsi, then the digit edi (0..9), no newline.
say_nonl:
    push rdi
    call puts
    pop rdi
    add edi, 0x30
    mov byte ptr [rip + digit], dil
    mov eax, 1
    mov edi, 1
    lea rsi, [rip + digit]
    mov edx, 1
    syscall
    ret

.data
act: .quad handler, 0x04000000, restorer, 0x800  # sa_mask = {SIGUSR2}
cur: .quad 0
digit: .byte 0
.section .rodata
m_in1:   .asciz "in handler: "
m_in2:   .asciz "USR1 blocked "
m_in3:   .asciz ", USR2 blocked "
m_after: .asciz "after return: mask is empty: "

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
