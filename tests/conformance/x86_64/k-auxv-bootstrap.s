# What the kernel leaves on the initial stack at execve (SysV AMD64 ABI 3.4.1,
# fs/binfmt_elf.c create_elf_tables): [rsp] = argc, argv[], NULL, envp[], NULL, then the
# auxiliary vector of (type, value) pairs ending in AT_NULL (getauxval(3)). Values the
# kernel chooses are printed only as booleans.
# args: one two
# expect-stdout: rsp 16-byte aligned at _start: 1\nargc 3\nargv[0] non-empty: 1\nAT_PAGESZ 4096\nAT_PHNUM == e_phnum: 1\nAT_ENTRY == _start: 1\nAT_RANDOM non-null, 16 bytes readable: 1\n
# expect-exit: 0
.intel_syntax noprefix
.global _start
.text
_start:
    mov rbp, rsp                # keep the initial stack pointer
    xor edi, edi
    test rsp, 15
    sete dil
    lea rsi, [rip + m_align]
    call say
    mov rdi, qword ptr [rbp]    # argc
    lea rsi, [rip + m_argc]
    call say
    mov rax, qword ptr [rbp + 8]        # argv[0]
    xor edi, edi
    cmp byte ptr [rax], 0
    setne dil
    lea rsi, [rip + m_argv0]
    call say
    mov rax, qword ptr [rbp]    # skip argv: rbp + 8 + 8 * (argc + 1)
    lea rbx, [rbp + 16 + rax * 8]
.Lskip_env:
    mov rax, qword ptr [rbx]    # envp[] up to its NULL
    add rbx, 8
    test rax, rax
    jnz .Lskip_env
.Lauxv:                         # rbx: the auxv pairs
    mov rax, qword ptr [rbx]
    mov rcx, qword ptr [rbx + 8]
    add rbx, 16
    test rax, rax
    jz .Lauxv_done
    cmp rax, 3
    jne .Lnot_phdr
    mov qword ptr [rip + at_phdr], rcx
.Lnot_phdr:
    cmp rax, 5
    jne .Lnot_phnum
    mov qword ptr [rip + at_phnum], rcx
.Lnot_phnum:
    cmp rax, 6
    jne .Lnot_pagesz
    mov qword ptr [rip + at_pagesz], rcx
.Lnot_pagesz:
    cmp rax, 9
    jne .Lnot_entry
    mov qword ptr [rip + at_entry], rcx
.Lnot_entry:
    cmp rax, 25
    jne .Lauxv
    mov qword ptr [rip + at_random], rcx
    jmp .Lauxv
.Lauxv_done:
    mov rdi, qword ptr [rip + at_pagesz]
    lea rsi, [rip + m_pagesz]
    call say
    # The program headers follow the 64-byte ELF header in the first loaded page, so
    # e_phnum (offset 0x38) is at AT_PHDR - 64 + 0x38 (ELF-64 spec, "ELF Header").
    mov rax, qword ptr [rip + at_phdr]
    movzx ecx, word ptr [rax - 64 + 0x38]
    xor edi, edi
    cmp rcx, qword ptr [rip + at_phnum]
    sete dil
    cmp dword ptr [rax - 64], 0x464c457f        # "\x7fELF": really the ELF header
    je .Lmagic_ok
    xor edi, edi
.Lmagic_ok:
    lea rsi, [rip + m_phnum]
    call say
    lea rax, [rip + _start]
    xor edi, edi
    cmp rax, qword ptr [rip + at_entry]
    sete dil
    lea rsi, [rip + m_entry]
    call say
    mov rax, qword ptr [rip + at_random]
    xor edi, edi
    test rax, rax
    jz .Lrandom_done
    mov rcx, qword ptr [rax]            # both halves load without faulting
    or rcx, qword ptr [rax + 8]
    mov edi, 1
.Lrandom_done:
    lea rsi, [rip + m_random]
    call say
    mov eax, 231
    xor edi, edi
    syscall

.data
at_phdr:   .quad 0
at_phnum:  .quad 0
at_pagesz: .quad 0
at_entry:  .quad 0
at_random: .quad 0
.section .rodata
m_align:  .asciz "rsp 16-byte aligned at _start: "
m_argc:   .asciz "argc "
m_argv0:  .asciz "argv[0] non-empty: "
m_pagesz: .asciz "AT_PAGESZ "
m_phnum:  .asciz "AT_PHNUM == e_phnum: "
m_entry:  .asciz "AT_ENTRY == _start: "
m_random: .asciz "AT_RANDOM non-null, 16 bytes readable: "

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
