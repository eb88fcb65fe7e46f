# The program break (brk(2)): brk(0) reports the current break; growing it by 64 KiB
# maps zero-filled pages that can be written and read back (one byte per page, summed);
# shrinking it back returns the pages, and brk(0) then reports the old break again.
# expect-stdout: new memory reads zero: 1\nsum of the 16 page markers 136\nshrunk back to the start: 1\n
# expect-exit: 0
# expect-trace: brk(BRK+0x10000) = BRK+0x10000
# expect-trace: brk(BRK) = BRK
.intel_syntax noprefix
.global _start
.text
_start:
    mov eax, 12                 # brk(0)
    xor edi, edi
    syscall
    mov r12, rax                # start of the heap
    lea rdi, [rax + 0x10000]
    mov eax, 12                 # brk(start + 64 KiB)
    syscall
    xor ebx, ebx                # OR of every byte read before writing: must stay 0
    xor ecx, ecx
.Lzero:
    movzx eax, byte ptr [r12 + rcx]
    or ebx, eax
    add rcx, 512
    cmp rcx, 0x10000
    jb .Lzero
    xor edi, edi
    test ebx, ebx
    sete dil
    lea rsi, [rip + m_zero]
    call say
    xor ecx, ecx                # page i gets marker i + 1 at its last byte
    mov edx, 1
.Lmark:
    mov byte ptr [r12 + rcx + 0xfff], dl
    inc edx
    add rcx, 0x1000
    cmp rcx, 0x10000
    jb .Lmark
    xor ecx, ecx
    xor edi, edi
.Lsum:
    movzx eax, byte ptr [r12 + rcx + 0xfff]
    add edi, eax
    add rcx, 0x1000
    cmp rcx, 0x10000
    jb .Lsum
    lea rsi, [rip + m_sum]
    call say
    mov eax, 12                 # brk(start): shrink
    mov rdi, r12
    syscall
    mov eax, 12                 # brk(0)
    xor edi, edi
    syscall
    xor edi, edi
    cmp rax, r12
    sete dil
    lea rsi, [rip + m_back]
    call say
    mov eax, 231
    xor edi, edi
    syscall
.section .rodata
m_zero: .asciz "new memory reads zero: "
m_sum:  .asciz "sum of the 16 page markers "
m_back: .asciz "shrunk back to the start: "

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
