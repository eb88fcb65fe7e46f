# fork + wait4: the parent reads the child's exit code with WEXITSTATUS (fork(2), wait4(2)).
# The child sleeps 50 ms (so the parent's fork line is always traced first) and exits
# 42 through exit_group; the parent blocks in wait4 until it has, so the order is fixed. The status word is 42 << 8 (wait(2): WIFEXITED, WEXITSTATUS).
# expect-stdout: child exited: 1\nWEXITSTATUS 42\nwait4 returned the child: 1\n
# expect-exit: 0
# expect-trace: +++ exited with 42 +++
.intel_syntax noprefix
.global _start
.text
_start:
    mov eax, 57                 # fork
    syscall
    test rax, rax
    jnz .Lparent
    mov eax, 35                 # child: nanosleep(50 ms)
    lea rdi, [rip + delay]
    xor esi, esi
    syscall
    mov eax, 231                # exit_group(42) in the child
    mov edi, 42
    syscall
.Lparent:
    mov r12, rax                # child pid
    mov eax, 61                 # wait4(-1, &status, 0, NULL)
    mov rdi, -1
    lea rsi, [rip + status]
    xor edx, edx
    xor r10d, r10d
    syscall
    mov r13, rax
    mov ebx, dword ptr [rip + status]
    mov eax, ebx                # WIFEXITED: (status & 0x7f) == 0
    and eax, 0x7f
    xor edi, edi
    test eax, eax
    sete dil
    lea rsi, [rip + m_exited]
    call say
    mov edi, ebx                # WEXITSTATUS: (status >> 8) & 0xff
    shr edi, 8
    and edi, 0xff
    lea rsi, [rip + m_code]
    call say
    xor edi, edi
    cmp r13, r12
    sete dil
    lea rsi, [rip + m_same]
    call say
    mov eax, 231
    xor edi, edi
    syscall

.data
status: .long 0
delay: .quad 0, 50000000
.section .rodata
m_exited: .asciz "child exited: "
m_code:   .asciz "WEXITSTATUS "
m_same:   .asciz "wait4 returned the child: "

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
