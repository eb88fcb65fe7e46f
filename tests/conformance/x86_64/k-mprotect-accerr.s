# A write to a page made read-only with mprotect raises SIGSEGV with SEGV_ACCERR (the
# page exists; the access is not allowed), si_addr the byte written. The handler makes
# the page writable again and returns: rt_sigreturn resumes at the faulting store,
# which now succeeds (mprotect(2), sigaction(2)).
# expect-stdout: read-only page still reads 0x41: 1\nhandler: si_code 2\nhandler: si_addr == written byte: 1\nretried store landed: 1\n
# expect-exit: 0
# expect-trace: mprotect(MAP1, 4096, PROT_READ) = 0
# expect-trace: --- SIGSEGV {si_signo=SIGSEGV, si_code=SEGV_ACCERR, si_addr=MAP1+0x80} ---
# expect-trace: mprotect(MAP1, 4096, PROT_READ|PROT_WRITE) = 0
.intel_syntax noprefix
.global _start
.text
_start:
    mov eax, 13                 # rt_sigaction(SIGSEGV, &act, NULL, 8)
    mov edi, 11
    lea rsi, [rip + act]
    xor edx, edx
    mov r10d, 8
    syscall
    mov eax, 9                  # mmap(NULL, 4096, RW, PRIVATE|ANONYMOUS, -1, 0)
    xor edi, edi
    mov esi, 4096
    mov edx, 3
    mov r10d, 0x22
    mov r8, -1
    xor r9d, r9d
    syscall
    mov rbx, rax
    mov qword ptr [rip + page], rax
    mov byte ptr [rbx + 0x80], 0x41
    mov eax, 10                 # mprotect(page, 4096, PROT_READ)
    mov rdi, rbx
    mov esi, 4096
    mov edx, 1
    syscall
    movzx eax, byte ptr [rbx + 0x80]
    xor edi, edi
    cmp eax, 0x41
    sete dil
    lea rsi, [rip + m_read]
    call say
    mov byte ptr [rbx + 0x80], 0x42     # faults once; retried after the handler
    movzx eax, byte ptr [rbx + 0x80]
    xor edi, edi
    cmp eax, 0x42
    sete dil
    lea rsi, [rip + m_retry]
    call say
    mov eax, 231
    xor edi, edi
    syscall

handler:
    mov r12, rsi
    mov edi, dword ptr [r12 + 8]        # si_code
    lea rsi, [rip + m_code]
    call say
    mov rax, qword ptr [rip + page]
    add rax, 0x80
    xor edi, edi
    cmp rax, qword ptr [r12 + 16]       # si_addr
    sete dil
    lea rsi, [rip + m_addr]
    call say
    mov eax, 10                 # mprotect(page, 4096, PROT_READ|PROT_WRITE)
    mov rdi, qword ptr [rip + page]
    mov esi, 4096
    mov edx, 3
    syscall
    ret

.data
act: .quad handler, 0x04000004, restorer, 0      # SA_RESTORER|SA_SIGINFO
page: .quad 0
.section .rodata
m_read:  .asciz "read-only page still reads 0x41: "
m_code:  .asciz "handler: si_code "
m_addr:  .asciz "handler: si_addr == written byte: "
m_retry: .asciz "retried store landed: "

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
