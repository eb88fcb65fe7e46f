# A pipe buffers 65536 bytes by default (pipe(7) "Pipe capacity": 16 pages). A
# non-blocking write of 100000 bytes into an empty pipe stores what fits and returns
# 65536; the next write fails with EAGAIN.
# expect-stdout: first write 65536\nsecond write -11\n
# expect-exit: 0
# expect-trace: write(4, "\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0"..., 100000) = 65536
.intel_syntax noprefix
.global _start
.text
_start:
    mov eax, 293                # pipe2(fds, O_NONBLOCK)
    lea rdi, [rip + fds]
    mov esi, 0x800
    syscall
    call write_big
    mov rdi, rax
    lea rsi, [rip + m_first]
    call say
    call write_big
    mov rdi, rax
    lea rsi, [rip + m_second]
    call say
    mov eax, 231
    xor edi, edi
    syscall

write_big:
    mov eax, 1                  # write(fds[1], buf, 100000)
    mov edi, dword ptr [rip + fds + 4]
    lea rsi, [rip + buf]
    mov edx, 100000
    syscall
    ret

.data
fds: .long 0, 0
.section .rodata
m_first:  .asciz "first write "
m_second: .asciz "second write "
.bss
buf: .zero 100000

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
