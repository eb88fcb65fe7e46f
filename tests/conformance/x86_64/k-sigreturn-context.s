# rt_sigreturn restores registers from the ucontext in the signal frame, including any
# the handler changed (sigreturn(2); uc_mcontext.gregs in the x86-64 ABI order r8..r15,
# rdi, rsi, rbp, rbx, rdx, rax, rcx, rsp, rip at ucontext offset 40). A SIGSEGV handler
# skips the faulting 3-byte load by adding 3 to the saved rip and sets the saved rax to
# 77, so the program resumes after the load with rax = 77.
# expect-stdout: resumed after the fault with rax 77\nrbx kept 5: 1\n
# expect-exit: 0
# expect-trace: --- SIGSEGV {si_signo=SIGSEGV, si_code=SEGV_MAPERR, si_addr=0x10} ---
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
    mov ebx, 5
    mov ecx, 0x10
    mov rax, qword ptr [rcx]    # 48 8b 01: 3 bytes, faults at address 0x10
    mov rdi, rax
    lea rsi, [rip + m_rax]
    call say
    xor edi, edi
    cmp rbx, 5
    sete dil
    lea rsi, [rip + m_rbx]
    call say
    mov eax, 231
    xor edi, edi
    syscall

# SA_SIGINFO handler: rdx = ucontext *.
handler:
    add qword ptr [rdx + 40 + 16 * 8], 3        # gregs[REG_RIP] += 3
    mov qword ptr [rdx + 40 + 13 * 8], 77       # gregs[REG_RAX] = 77
    ret

.data
act: .quad handler, 0x04000004, restorer, 0      # SA_RESTORER|SA_SIGINFO
.section .rodata
m_rax: .asciz "resumed after the fault with rax "
m_rbx: .asciz "rbx kept 5: "

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
