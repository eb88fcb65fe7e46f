# poll's view of a pipe (poll(2), pipe(7)): an empty read end has no events (timeout
# 0 returns 0), the write end is POLLOUT, the read end is POLLIN once data is written,
# and POLLHUP once the last writer is closed.
# expect-stdout: empty read end: 0\nwrite end revents 4\nwith data revents 1\nafter close revents 17\n
# expect-exit: 0
# expect-trace: poll([{fd=3, events=POLLIN}], 1, 0) = 0 (Timeout)
# expect-trace: poll([{fd=3, events=POLLIN}], 1, 0) = 1 ([{fd=3, revents=POLLIN|POLLHUP}])
.intel_syntax noprefix
.global _start
.text
_start:
    mov eax, 22                 # pipe(fds)
    lea rdi, [rip + fds]
    syscall
    mov edi, dword ptr [rip + fds]
    mov esi, 1                  # POLLIN
    call poll1
    mov rdi, rax
    lea rsi, [rip + m_empty]
    call say
    mov edi, dword ptr [rip + fds + 4]
    mov esi, 4                  # POLLOUT
    call poll1
    movzx edi, word ptr [rip + pfd + 6]
    lea rsi, [rip + m_write]
    call say
    mov eax, 1                  # write(fds[1], "z", 1)
    mov edi, dword ptr [rip + fds + 4]
    lea rsi, [rip + m_z]
    mov edx, 1
    syscall
    mov edi, dword ptr [rip + fds]
    mov esi, 1
    call poll1
    movzx edi, word ptr [rip + pfd + 6]
    lea rsi, [rip + m_data]
    call say
    mov eax, 3                  # close(fds[1])
    mov edi, dword ptr [rip + fds + 4]
    syscall
    mov edi, dword ptr [rip + fds]
    mov esi, 1
    call poll1
    movzx edi, word ptr [rip + pfd + 6]
    lea rsi, [rip + m_hup]
    call say
    mov eax, 231
    xor edi, edi
    syscall

# poll1: poll({fd = edi, events = si}, 1, 0); rax = the result, revents in pfd + 6.
poll1:
    mov dword ptr [rip + pfd], edi
    mov word ptr [rip + pfd + 4], si
    mov word ptr [rip + pfd + 6], 0
    mov eax, 7
    lea rdi, [rip + pfd]
    mov esi, 1
    xor edx, edx
    syscall
    ret

.data
fds: .long 0, 0
pfd: .long 0
     .short 0, 0
.section .rodata
m_z:     .ascii "z"
m_empty: .asciz "empty read end: "
m_write: .asciz "write end revents "
m_data:  .asciz "with data revents "
m_hup:   .asciz "after close revents "

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
