# /proc/self/auxv is the auxiliary vector execve built, in binary (proc(5)): native
# u64 (a_type, a_val) pairs up to and including the AT_NULL pair, the same bytes the
# kernel left above envp on the initial stack (fs/proc/base.c proc_pid_auxv reads the
# mm's saved_auxv). The program compares the file with the stack's copy byte for byte.
# expect-stdout: file size is a multiple of 16: 1\nlast pair is AT_NULL: 1\nsame bytes as the stack's auxv: 1\nAT_PAGESZ from the file: 4096\n
# expect-exit: 0
# expect-trace: open("/proc/self/auxv", O_RDONLY) = 3
.intel_syntax noprefix
.global _start
.text
_start:
    mov rax, qword ptr [rsp]    # skip argc, argv[], NULL, envp[], NULL
    lea rbx, [rsp + 16 + rax * 8]
.Lenv:
    mov rax, qword ptr [rbx]
    add rbx, 8
    test rax, rax
    jnz .Lenv
    mov r14, rbx                # r14 = the stack's auxv
    xor r15d, r15d              # r15 = its length in bytes, AT_NULL pair included
.Laux:
    mov rax, qword ptr [rbx + r15]
    add r15, 16
    test rax, rax
    jnz .Laux
    mov eax, 2                  # open("/proc/self/auxv", O_RDONLY)
    lea rdi, [rip + path]
    xor esi, esi
    syscall
    mov r12, rax
    xor r13d, r13d              # bytes read so far
.Lread:
    xor eax, eax                # read(fd, buf + n, 4096 - n)
    mov rdi, r12
    lea rsi, [rip + buf]
    add rsi, r13
    mov edx, 4096
    sub rdx, r13
    syscall
    test rax, rax
    jle .Lread_done
    add r13, rax
    jmp .Lread
.Lread_done:
    mov eax, 3                  # close(fd)
    mov rdi, r12
    syscall
    xor edi, edi                # size % 16 == 0 (and not empty)
    test r13, 15
    jnz 1f
    test r13, r13
    setnz dil
1:  lea rsi, [rip + m_size]
    call say
    lea rbx, [rip + buf]        # the last pair is (0, 0)
    mov rax, qword ptr [rbx + r13 - 16]
    or rax, qword ptr [rbx + r13 - 8]
    xor edi, edi
    test rax, rax
    sete dil
    lea rsi, [rip + m_null]
    call say
    xor edi, edi                # same length and same bytes as the stack's vector
    cmp r13, r15
    jne 3f
    xor ecx, ecx
2:  cmp rcx, r15
    je 4f
    mov al, byte ptr [r14 + rcx]
    cmp al, byte ptr [rbx + rcx]
    jne 3f
    inc rcx
    jmp 2b
4:  mov edi, 1
3:  lea rsi, [rip + m_same]
    call say
    xor edi, edi                # AT_PAGESZ (6) looked up in the file's copy
    xor ecx, ecx
5:  cmp rcx, r13
    jae 6f
    cmp qword ptr [rbx + rcx], 6
    je 7f
    add rcx, 16
    jmp 5b
7:  mov rdi, qword ptr [rbx + rcx + 8]
6:  lea rsi, [rip + m_pagesz]
    call say
    mov eax, 231
    xor edi, edi
    syscall

.section .rodata
path:     .asciz "/proc/self/auxv"
m_size:   .asciz "file size is a multiple of 16: "
m_null:   .asciz "last pair is AT_NULL: "
m_same:   .asciz "same bytes as the stack's auxv: "
m_pagesz: .asciz "AT_PAGESZ from the file: "
.bss
buf: .zero 4096

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
