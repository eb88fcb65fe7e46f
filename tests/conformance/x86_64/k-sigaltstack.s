# sigaltstack(2) and SA_ONSTACK: the classic use. The stack overflows (4 KiB frames
# until RLIMIT_STACK and the guard gap stop it); the SIGSEGV handler, installed with
# SA_ONSTACK, still runs because the kernel builds its frame on the alternate stack
# (arch/x86/kernel/signal.c get_sigframe). Before that: no stack is set (SS_DISABLE),
# a stack under MINSIGSTKSZ (2048) is refused with ENOMEM, and inside the handler the
# stack reports SS_ONSTACK and cannot be changed (EPERM).
# expect-stdout: initial ss_flags 2\ntoo small: -12\nhandler rsp on the alternate stack: 1\nss_flags in the handler 1\nchanging it in the handler: -1\n
# expect-exit: 0
# expect-trace: sigaltstack(NULL, {ss_sp=NULL, ss_flags=SS_DISABLE, ss_size=0}) = 0
# expect-trace: sigaltstack({ss_sp=0x4030f0, ss_flags=0, ss_size=1024}, NULL) = -1 ENOMEM (Cannot allocate memory)
# expect-trace: sigaltstack(NULL, {ss_sp=0x4030f0, ss_flags=SS_ONSTACK, ss_size=65536}) = 0
.intel_syntax noprefix
.global _start
.text
_start:
    mov eax, 131                # sigaltstack(NULL, &old)
    xor edi, edi
    lea rsi, [rip + old]
    syscall
    mov edi, dword ptr [rip + old + 8]
    lea rsi, [rip + m_initial]
    call say
    mov eax, 131                # sigaltstack({altstack, 0, 1024}, NULL): too small
    lea rdi, [rip + small]
    xor esi, esi
    syscall
    mov rdi, rax
    lea rsi, [rip + m_small]
    call say
    mov eax, 131                # sigaltstack({altstack, 0, 65536}, NULL)
    lea rdi, [rip + alt_ss]
    xor esi, esi
    syscall
    mov eax, 13                 # rt_sigaction(SIGSEGV, {handler, SA_ONSTACK|SA_SIGINFO|SA_RESTORER}, NULL, 8)
    mov edi, 11
    lea rsi, [rip + act]
    xor edx, edx
    mov r10d, 8
    syscall
    call recurse

recurse:
    sub rsp, 4096
    mov qword ptr [rsp], rsp    # touch the new page
    call recurse

# The main stack is gone, so the handler reports and exits instead of returning.
handler:
    lea rax, [rip + altstack]   # altstack < rsp <= altstack + 65536
    xor edi, edi
    cmp rsp, rax
    jbe 1f
    add rax, 65536
    cmp rsp, rax
    ja 1f
    mov edi, 1
1:  lea rsi, [rip + m_on]
    call say
    mov eax, 131                # sigaltstack(NULL, &old): SS_ONSTACK now
    xor edi, edi
    lea rsi, [rip + old]
    syscall
    mov edi, dword ptr [rip + old + 8]
    lea rsi, [rip + m_flags]
    call say
    mov eax, 131                # sigaltstack(&ss, NULL) while on it: EPERM
    lea rdi, [rip + alt_ss]
    xor esi, esi
    syscall
    mov rdi, rax
    lea rsi, [rip + m_change]
    call say
    mov eax, 231
    xor edi, edi
    syscall

.data
act:   .quad handler, 0x0c000004, restorer, 0
alt_ss: .quad altstack
       .long 0, 0
       .quad 65536
small:  .quad altstack
       .long 0, 0
       .quad 1024
.section .rodata
m_initial: .asciz "initial ss_flags "
m_small:   .asciz "too small: "
m_on:      .asciz "handler rsp on the alternate stack: "
m_flags:   .asciz "ss_flags in the handler "
m_change:  .asciz "changing it in the handler: "
.bss
old: .zero 24
.balign 16
altstack: .zero 65536

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
