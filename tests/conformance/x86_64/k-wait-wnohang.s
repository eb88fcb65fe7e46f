# wait4 with WNOHANG returns 0 while the child is still running (wait(2)), then a
# blocking wait4 collects it. The child sleeps 300 ms before exiting 7, a wide margin
# over the parent's immediate WNOHANG call.
# expect-stdout: WNOHANG returned 0\nthen WEXITSTATUS 7\n
# expect-exit: 0
# expect-trace: wait4(-1, 0x403024, WNOHANG, NULL) = 0
.intel_syntax noprefix
.global _start
.text
_start:
    mov eax, 57                 # fork
    syscall
    test rax, rax
    jnz .Lparent
    mov eax, 35                 # child: nanosleep(300 ms), exit(7)
    lea rdi, [rip + delay]
    xor esi, esi
    syscall
    mov eax, 231
    mov edi, 7
    syscall
.Lparent:
    mov eax, 61                 # wait4(-1, &status, WNOHANG, NULL)
    mov rdi, -1
    lea rsi, [rip + status]
    mov edx, 1
    xor r10d, r10d
    syscall
    mov rdi, rax
    lea rsi, [rip + m_nohang]
    call say
    mov eax, 61                 # wait4(-1, &status, 0, NULL)
    mov rdi, -1
    lea rsi, [rip + status]
    xor edx, edx
    xor r10d, r10d
    syscall
    mov edi, dword ptr [rip + status]
    shr edi, 8
    and edi, 0xff
    lea rsi, [rip + m_code]
    call say
    mov eax, 231
    xor edi, edi
    syscall

.data
status: .long 0
delay: .quad 0, 300000000
.section .rodata
m_nohang: .asciz "WNOHANG returned "
m_code:   .asciz "then WEXITSTATUS "

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
