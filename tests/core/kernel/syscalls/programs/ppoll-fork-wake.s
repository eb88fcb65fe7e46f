# ppoll(2) with a NULL timeout waits for as long as it takes: the parent polls an empty
# pipe, and a forked child writes to it 50 ms later; the write wakes the parent, whose
# ppoll returns 1 with revents=POLLIN. No timespec, so no "left" is written or shown.
# Not in tests/conformance: natively the child's write and the parent's wake-up return
# at the same moment on two CPUs, so strace's line order is a race; ppoll.test.ts
# compares stdout with a native run and checks the emulator's trace instead.
.intel_syntax noprefix
.global _start
.text
_start:
    mov eax, 22                 # pipe(fds)
    lea rdi, [rip + fds]
    syscall
    mov eax, dword ptr [rip + fds]
    mov dword ptr [rip + pfd], eax
    mov eax, 57                 # fork
    syscall
    test rax, rax
    jnz .Lparent
    mov eax, 35                 # child: nanosleep(50 ms), then write(fds[1], "x", 1)
    lea rdi, [rip + delay]
    xor esi, esi
    syscall
    mov eax, 1
    mov edi, dword ptr [rip + fds + 4]
    lea rsi, [rip + byte_x]
    mov edx, 1
    syscall
    mov eax, 231
    xor edi, edi
    syscall
.Lparent:
    mov eax, 271                # ppoll(&pfd, 1, NULL, NULL, 8)
    lea rdi, [rip + pfd]
    mov esi, 1
    xor edx, edx
    xor r10d, r10d
    mov r8d, 8
    syscall
    mov rdi, rax
    lea rsi, [rip + m_ppoll]
    call say
    movsx rdi, word ptr [rip + pfd + 6]
    lea rsi, [rip + m_revents]
    call say
    mov eax, 61                 # wait4(-1, NULL, 0, NULL): reap the child first
    mov rdi, -1
    xor esi, esi
    xor edx, edx
    xor r10d, r10d
    syscall
    mov eax, 0                  # read(fds[0], buf, 1)
    mov edi, dword ptr [rip + fds]
    lea rsi, [rip + buf]
    mov edx, 1
    syscall
    mov rdi, rax
    lea rsi, [rip + m_read]
    call say
    mov eax, 231
    xor edi, edi
    syscall

.data
fds: .long 0, 0
pfd: .long 0
     .short 1, 0
delay: .quad 0, 50000000
buf: .byte 0
byte_x: .ascii "x"
.section .rodata
m_ppoll: .asciz "ppoll returned "
m_revents: .asciz "revents "
m_read: .asciz "read "

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
