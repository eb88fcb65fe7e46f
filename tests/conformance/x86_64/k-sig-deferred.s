# Without SA_NODEFER the signal being handled is blocked while its handler runs
# (sigaction(2)): the SIGUSR1 the handler sends itself stays pending and is delivered
# when the first run returns (rt_sigreturn restores the mask). Two runs, never nested.
# expect-stdout: inner kill returned inside the first handler\nhandler runs: 2\ndeepest nesting: 1\n
# expect-exit: 0
# expect-trace: rt_sigreturn({mask=[]}) = 0
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
    mov eax, 39                 # getpid
    syscall
    mov qword ptr [rip + pid], rax
    mov eax, 62                 # kill(pid, SIGUSR1)
    mov rdi, qword ptr [rip + pid]
    mov esi, 10
    syscall
    mov edi, dword ptr [rip + runs]
    lea rsi, [rip + m_runs]
    call say
    mov edi, dword ptr [rip + maxdepth]
    lea rsi, [rip + m_depth]
    call say
    mov eax, 231
    xor edi, edi
    syscall

# The handler counts how deeply it is nested and, on its first run only, sends
# SIGUSR1 again from inside itself.
handler:
    inc dword ptr [rip + depth]
    inc dword ptr [rip + runs]
    mov eax, dword ptr [rip + depth]
    cmp eax, dword ptr [rip + maxdepth]
    jle .Lnot_deeper
    mov dword ptr [rip + maxdepth], eax
.Lnot_deeper:
    cmp dword ptr [rip + runs], 1
    jne .Lleave
    mov eax, 62                 # kill(pid, SIGUSR1) from inside the handler
    mov rdi, qword ptr [rip + pid]
    mov esi, 10
    syscall
    lea rsi, [rip + m_after]
    call puts
.Lleave:
    dec dword ptr [rip + depth]
    ret

.data
act: .quad handler, 0x04000000, restorer, 0
pid: .quad 0
depth: .long 0
runs: .long 0
maxdepth: .long 0
.section .rodata
m_runs:  .asciz "handler runs: "
m_depth: .asciz "deepest nesting: "
m_after: .asciz "inner kill returned inside the first handler\n"

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
