# mmap three anonymous pages, munmap the middle one, and touch it: SIGSEGV with
# si_code SEGV_MAPERR and si_addr the exact byte touched (sigaction(2) SA_SIGINFO).
# The handler reads the siginfo, prints it, and exits, since returning would fault again.
# expect-stdout: outer pages still usable: 1\nsi_signo 11\nsi_code 1\nsi_addr == touched byte: 1\n
# expect-exit: 3
# expect-trace: munmap(MAP1+0x1000, 4096) = 0
# expect-trace: --- SIGSEGV {si_signo=SIGSEGV, si_code=SEGV_MAPERR, si_addr=MAP1+0x1234} ---
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
    mov eax, 9                  # mmap(NULL, 12 KiB, RW, PRIVATE|ANONYMOUS, -1, 0)
    xor edi, edi
    mov esi, 0x3000
    mov edx, 3
    mov r10d, 0x22
    mov r8, -1
    xor r9d, r9d
    syscall
    mov rbx, rax
    mov eax, 11                 # munmap(base + 4 KiB, 4 KiB)
    lea rdi, [rbx + 0x1000]
    mov esi, 0x1000
    syscall
    mov byte ptr [rbx], 1       # first and last pages are still there
    mov byte ptr [rbx + 0x2fff], 2
    movzx edi, byte ptr [rbx + 0x2fff]
    shr edi, 1
    lea rsi, [rip + m_outer]
    call say
    lea rax, [rbx + 0x1234]
    mov qword ptr [rip + target], rax
    mov byte ptr [rbx + 0x1234], 3      # faults
    mov eax, 231
    xor edi, edi
    syscall

# SA_SIGINFO handler: edi = signo, rsi = siginfo_t *, rdx = ucontext *.
handler:
    mov r12, rsi
    mov edi, dword ptr [r12]            # si_signo
    lea rsi, [rip + m_signo]
    call say
    mov edi, dword ptr [r12 + 8]        # si_code
    lea rsi, [rip + m_code]
    call say
    xor edi, edi
    mov rax, qword ptr [r12 + 16]       # si_addr
    cmp rax, qword ptr [rip + target]
    sete dil
    lea rsi, [rip + m_addr]
    call say
    mov eax, 231
    mov edi, 3
    syscall

.data
act: .quad handler, 0x04000004, restorer, 0      # SA_RESTORER|SA_SIGINFO
target: .quad 0
.section .rodata
m_outer: .asciz "outer pages still usable: "
m_signo: .asciz "si_signo "
m_code:  .asciz "si_code "
m_addr:  .asciz "si_addr == touched byte: "

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
