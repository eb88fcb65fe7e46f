# MAP_FIXED over part of an existing mapping replaces those pages (mmap(2): "any
# overlapped part of the existing mapping is discarded"): the new anonymous page reads
# zero, the untouched page keeps its data, and mmap returns exactly the requested address.
# expect-stdout: MAP_FIXED returned the address asked for: 1\nreplaced page reads 0: 1\nother page still 0x11: 1\n
# expect-exit: 0
# expect-trace: mmap(MAP1+0x1000, 4096, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_FIXED|MAP_ANONYMOUS, -1, 0) = MAP1+0x1000
.intel_syntax noprefix
.global _start
.text
_start:
    mov eax, 9                  # mmap(NULL, 8 KiB, RW, PRIVATE|ANONYMOUS, -1, 0)
    xor edi, edi
    mov esi, 0x2000
    mov edx, 3
    mov r10d, 0x22
    mov r8, -1
    xor r9d, r9d
    syscall
    mov rbx, rax
    mov byte ptr [rbx + 0x10], 0x11
    mov byte ptr [rbx + 0x1010], 0x11
    mov eax, 9                  # mmap(base + 4 KiB, 4 KiB, RW, PRIVATE|FIXED|ANONYMOUS, -1, 0)
    lea rdi, [rbx + 0x1000]
    mov esi, 0x1000
    mov edx, 3
    mov r10d, 0x32
    mov r8, -1
    xor r9d, r9d
    syscall
    lea rcx, [rbx + 0x1000]
    xor edi, edi
    cmp rax, rcx
    sete dil
    lea rsi, [rip + m_addr]
    call say
    movzx eax, byte ptr [rbx + 0x1010]
    xor edi, edi
    test eax, eax
    sete dil
    lea rsi, [rip + m_new]
    call say
    movzx eax, byte ptr [rbx + 0x10]
    xor edi, edi
    cmp eax, 0x11
    sete dil
    lea rsi, [rip + m_old]
    call say
    mov eax, 231
    xor edi, edi
    syscall
.section .rodata
m_addr: .asciz "MAP_FIXED returned the address asked for: "
m_new:  .asciz "replaced page reads 0: "
m_old:  .asciz "other page still 0x11: "

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
