# A fault while the same signal is blocked cannot be delivered (the handler would fault
# forever), so the kernel forces the default action (kernel/signal.c
# force_sig_info_to_task: unblock, reset to SIG_DFL): a SIGSEGV handler that itself
# faults ends the process with SIGSEGV, status 139, after printing its first line.
# expect-stdout: in the SIGSEGV handler, faulting again\n
# expect-exit: 139
# expect-trace: --- SIGSEGV {si_signo=SIGSEGV, si_code=SEGV_MAPERR, si_addr=0x8} ---
# expect-trace: --- SIGSEGV {si_signo=SIGSEGV, si_code=SEGV_MAPERR, si_addr=0x18} ---
# expect-trace: +++ killed by SIGSEGV +++
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
    mov ecx, 8
    mov rax, qword ptr [rcx]    # first fault, at 0x8
    mov eax, 231
    xor edi, edi
    syscall

handler:
    lea rsi, [rip + m_in]
    call puts
    mov ecx, 0x18
    mov rax, qword ptr [rcx]    # second fault, at 0x18, with SIGSEGV blocked
    ret

.data
act: .quad handler, 0x04000000, restorer, 0
.section .rodata
m_in: .asciz "in the SIGSEGV handler, faulting again\n"

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
