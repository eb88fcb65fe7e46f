# personality(2): 0xffffffff only queries; setting ADDR_NO_RANDOMIZE returns the old
# persona and the next query reports the flag (include/uapi/linux/personality.h). The
# flag takes effect at the next execve (setarch -R), where the stack, mmap base, brk,
# vDSO and PIE base are no longer randomised; this program only checks the syscall.
# expect-stdout: query: 0\nset ADDR_NO_RANDOMIZE, old: 0\nquery: 262144\nset PER_LINUX, old: 262144\nquery: 0\n
# expect-exit: 0
# expect-trace: personality(PER_LINUX|ADDR_NO_RANDOMIZE) = 0 (PER_LINUX)
# expect-trace: personality(0xffffffff) = 0x40000 (PER_LINUX|ADDR_NO_RANDOMIZE)
.intel_syntax noprefix
.global _start
.text
_start:
    mov eax, 135                # personality(0xffffffff): query
    mov edi, 0xffffffff
    syscall
    mov rdi, rax
    lea rsi, [rip + m_query]
    call say
    mov eax, 135                # personality(ADDR_NO_RANDOMIZE)
    mov edi, 0x40000
    syscall
    mov rdi, rax
    lea rsi, [rip + m_set]
    call say
    mov eax, 135
    mov edi, 0xffffffff
    syscall
    mov rdi, rax
    lea rsi, [rip + m_query]
    call say
    mov eax, 135                # personality(PER_LINUX)
    xor edi, edi
    syscall
    mov rdi, rax
    lea rsi, [rip + m_reset]
    call say
    mov eax, 135
    mov edi, 0xffffffff
    syscall
    mov rdi, rax
    lea rsi, [rip + m_query]
    call say
    mov eax, 231
    xor edi, edi
    syscall

.section .rodata
m_query: .asciz "query: "
m_set:   .asciz "set ADDR_NO_RANDOMIZE, old: "
m_reset: .asciz "set PER_LINUX, old: "

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
