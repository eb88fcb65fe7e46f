# A pipe reports end-of-file once the last write end is closed and the buffer is
# drained (pipe(7)): read returns the 5 buffered bytes, then 0, then 0 again.
# expect-stdout: first read 5\nhello\nsecond read 0\nthird read 0\n
# expect-exit: 0
# expect-trace: read(3, "", 16) = 0
.intel_syntax noprefix
.global _start
.text
_start:
    mov eax, 22                 # pipe(fds)
    lea rdi, [rip + fds]
    syscall
    mov eax, 1                  # write(fds[1], "hello", 5)
    mov edi, dword ptr [rip + fds + 4]
    lea rsi, [rip + m_hello]
    mov edx, 5
    syscall
    mov eax, 3                  # close(fds[1]): no writer left
    mov edi, dword ptr [rip + fds + 4]
    syscall
    call read_pipe
    mov rbx, rax
    mov rdi, rax
    lea rsi, [rip + m_first]
    call say
    mov eax, 1                  # echo what was read, then a newline
    mov edi, 1
    lea rsi, [rip + buf]
    mov rdx, rbx
    syscall
    lea rsi, [rip + m_nl]
    call puts
    call read_pipe
    mov rdi, rax
    lea rsi, [rip + m_second]
    call say
    call read_pipe
    mov rdi, rax
    lea rsi, [rip + m_third]
    call say
    mov eax, 231
    xor edi, edi
    syscall

read_pipe:
    mov eax, 0                  # read(fds[0], buf, 16)
    mov edi, dword ptr [rip + fds]
    lea rsi, [rip + buf]
    mov edx, 16
    syscall
    ret

.data
fds: .long 0, 0
buf: .zero 16
.section .rodata
m_hello:  .ascii "hello"
m_first:  .asciz "first read "
m_second: .asciz "second read "
m_third:  .asciz "third read "
m_nl:     .asciz "\n"

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
