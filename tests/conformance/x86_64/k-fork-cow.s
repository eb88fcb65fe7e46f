# After fork the child has its own copy of memory (fork(2): "separate memory spaces";
# Linux shares pages copy-on-write): the child's store to a .data cell and to a
# private anonymous mapping is invisible to the parent, which reads its old values.
# expect-stdout: child sees 111 and 222, writes 999 to both\nparent still sees 111: 1\nparent mapping still 222: 1\n
# expect-exit: 0
.intel_syntax noprefix
.global _start
.text
_start:
    mov eax, 9                  # mmap(NULL, 4096, RW, PRIVATE|ANONYMOUS, -1, 0)
    xor edi, edi
    mov esi, 4096
    mov edx, 3
    mov r10d, 0x22
    mov r8, -1
    xor r9d, r9d
    syscall
    mov rbx, rax
    mov qword ptr [rip + cell], 111
    mov qword ptr [rbx], 222
    mov eax, 57                 # fork
    syscall
    test rax, rax
    jnz .Lparent
    mov eax, 35                 # child: nanosleep(50 ms) so the fork line is traced first
    lea rdi, [rip + delay]
    xor esi, esi
    syscall
    cmp qword ptr [rip + cell], 111
    jne .Lchild_bad
    cmp qword ptr [rbx], 222
    jne .Lchild_bad
    mov qword ptr [rip + cell], 999
    mov qword ptr [rbx], 999
    lea rsi, [rip + m_child]
    call puts
.Lchild_bad:
    mov eax, 231
    xor edi, edi
    syscall
.Lparent:
    mov eax, 61                 # wait4(-1, NULL, 0, NULL)
    mov rdi, -1
    xor esi, esi
    xor edx, edx
    xor r10d, r10d
    syscall
    xor edi, edi
    cmp qword ptr [rip + cell], 111
    sete dil
    lea rsi, [rip + m_word]
    call say
    xor edi, edi
    cmp qword ptr [rbx], 222
    sete dil
    lea rsi, [rip + m_map]
    call say
    mov eax, 231
    xor edi, edi
    syscall

.data
cell: .quad 0
delay: .quad 0, 50000000
.section .rodata
m_child: .asciz "child sees 111 and 222, writes 999 to both\n"
m_word:  .asciz "parent still sees 111: "
m_map:   .asciz "parent mapping still 222: "

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
