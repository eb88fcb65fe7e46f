// The few C library helpers test programs need besides system calls. gcc may emit
// calls to memcpy and memset even with -fno-builtin (struct copies, large zeroing), so
// those must exist in any -nostdlib program.

export const HELPERS_SOURCE = `# ---- string and output helpers ----
.text
.global strlen
.type strlen, @function
strlen:
    mov rax, rdi
1:  cmp BYTE PTR [rax], 0
    je 2f
    inc rax
    jmp 1b
2:  sub rax, rdi
    ret

.global strcmp
.type strcmp, @function
strcmp:
1:  movzx eax, BYTE PTR [rdi]
    movzx ecx, BYTE PTR [rsi]
    sub eax, ecx
    jne 2f
    test ecx, ecx
    je 2f
    inc rdi
    inc rsi
    jmp 1b
2:  ret

.global memcpy
.type memcpy, @function
memcpy:
    mov rax, rdi
    mov rcx, rdx
    rep movsb
    ret

.global memset
.type memset, @function
memset:
    mov r8, rdi
    mov eax, esi
    mov rcx, rdx
    rep stosb
    mov rax, r8
    ret

# long print_str(const char *s): write(1, s, strlen(s)).
.global print_str
.type print_str, @function
print_str:
    push rdi
    call strlen
    pop rsi
    mov rdx, rax
    mov edi, 1
    jmp write

# long print_num(long v): v in decimal on stdout, one write.
.global print_num
.type print_num, @function
print_num:
    sub rsp, 40                         # 32 bytes of digits, RSP stays aligned
    lea r8, [rsp + 32]
    mov rax, rdi
    mov r9, rdi
    test rax, rax
    jns 1f
    neg rax                             # INT64_MIN stays put and divides right unsigned
1:  mov ecx, 10
2:  xor edx, edx
    div rcx
    add dl, 48
    dec r8
    mov BYTE PTR [r8], dl
    test rax, rax
    jnz 2b
    test r9, r9
    jns 3f
    dec r8
    mov BYTE PTR [r8], 45               # '-'
3:  mov edi, 1
    mov rsi, r8
    lea rdx, [rsp + 32]
    sub rdx, r8
    call write
    add rsp, 40
    ret
`;
