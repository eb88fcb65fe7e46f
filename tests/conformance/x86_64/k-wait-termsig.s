# A child killed by a signal: wait4's status has WIFSIGNALED set and WTERMSIG = 15
# (wait(2)); SIGTERM dumps no core, so bit 0x80 (WCOREDUMP) is clear. The child sleeps
# 50 ms first so the parent's fork line always comes before the child's calls.
# expect-stdout: WIFSIGNALED 1\nWTERMSIG 15\nWCOREDUMP 0\n
# expect-exit: 0
# expect-trace: wait4(-1, [{WIFSIGNALED(s) && WTERMSIG(s) == SIGTERM}], 0, NULL) = PID
# expect-trace: +++ killed by SIGTERM +++
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
    mov eax, 39                 # kill(getpid(), SIGTERM)
    syscall
    mov rdi, rax
    mov eax, 62
    mov esi, 15
    syscall
    mov eax, 231
    xor edi, edi
    syscall
.Lparent:
    mov eax, 61                 # wait4(-1, &status, 0, NULL)
    mov rdi, -1
    lea rsi, [rip + status]
    xor edx, edx
    xor r10d, r10d
    syscall
    mov ebx, dword ptr [rip + status]
    mov eax, ebx                # WIFSIGNALED: ((status & 0x7f) + 1) >> 1 > 0
    and eax, 0x7f
    inc eax
    shr eax, 1
    xor edi, edi
    test eax, eax
    setnz dil
    lea rsi, [rip + m_sig]
    call say
    mov edi, ebx
    and edi, 0x7f
    lea rsi, [rip + m_term]
    call say
    mov edi, ebx
    shr edi, 7
    and edi, 1
    lea rsi, [rip + m_core]
    call say
    mov eax, 231
    xor edi, edi
    syscall

.data
status: .long 0
delay: .quad 0, 50000000
.section .rodata
m_sig:  .asciz "WIFSIGNALED "
m_term: .asciz "WTERMSIG "
m_core: .asciz "WCOREDUMP "

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
