# wait4 with no children at all fails with ECHILD (wait(2)), both for "any child" (-1)
# and with WNOHANG: there is nothing that could ever be waited for.
# expect-stdout: wait4(-1) returned -10\nwait4(-1, WNOHANG) returned -10\n
# expect-exit: 0
# expect-trace: wait4(-1, NULL, 0, NULL) = -1 ECHILD (No child processes)
.intel_syntax noprefix
.global _start
.text
_start:
    mov eax, 61                 # wait4(-1, NULL, 0, NULL)
    mov rdi, -1
    xor esi, esi
    xor edx, edx
    xor r10d, r10d
    syscall
    mov rdi, rax
    lea rsi, [rip + m_block]
    call say
    mov eax, 61                 # wait4(-1, NULL, WNOHANG, NULL)
    mov rdi, -1
    xor esi, esi
    mov edx, 1
    xor r10d, r10d
    syscall
    mov rdi, rax
    lea rsi, [rip + m_nohang]
    call say
    mov eax, 231
    xor edi, edi
    syscall
.section .rodata
m_block:  .asciz "wait4(-1) returned "
m_nohang: .asciz "wait4(-1, WNOHANG) returned "

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
