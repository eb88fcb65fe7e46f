# The vDSO: clock_gettime without a system call. find_vdso and vdso_lookup are
# given; _start still pays for a full trap on every call.
        .intel_syntax noprefix
        .globl  _start
        .text
_start:
        mov     r13d, {{params.calls}}
1:      mov     eax, 228                # clock_gettime(CLOCK_MONOTONIC, &ts)
        mov     edi, 1
        lea     rsi, [rip + ts]
        syscall
        dec     r13d
        jnz     1b
        # TODO (step 2): rdi = initial rsp; call find_vdso; then vdso_lookup(base, name)
        #   and make these {{params.calls}} calls through the returned pointer instead.
        # TODO (step 3): write(1, rdx, 20): the name, as vdso_lookup found it in the vDSO.
        # Keep one real clock_gettime syscall at the end for comparison.
        mov     eax, 60
        xor     edi, edi
        syscall

# find_vdso(rdi = initial rsp): skip argc, argv[], envp[], then scan auxv for type 33.
find_vdso:
        mov     rcx, [rdi]              # argc
        lea     rdi, [rdi + rcx*8 + 16] # envp[0]
2:      cmp     qword ptr [rdi], 0
        lea     rdi, [rdi + 8]
        jne     2b
3:      mov     rax, [rdi]              # auxv: (type, value) pairs ending in AT_NULL
        test    rax, rax
        jz      4f
        cmp     rax, 33                 # AT_SYSINFO_EHDR
        je      5f
        add     rdi, 16
        jmp     3b
4:      xor     eax, eax
        ret
5:      mov     rax, [rdi + 8]
        ret

# vdso_lookup(rdi = ELF base, rsi = name): walk the program headers for the load
# bias and PT_DYNAMIC, take DT_SYMTAB/DT_STRTAB, scan Elf64_Sym (24 bytes) entries.
vdso_lookup:
        push    rbx
        push    r12
        push    r13
        push    r14
        mov     rbx, rdi                # base
        mov     r8, [rbx + 32]          # e_phoff
        add     r8, rbx
        movzx   ecx, word ptr [rbx + 56]  # e_phnum
        xor     r9, r9                  # bias
        xor     r10, r10                # dynamic
6:      mov     eax, dword ptr [r8]     # p_type
        cmp     eax, 1                  # PT_LOAD
        jne     7f
        mov     r9, rbx
        sub     r9, [r8 + 16]           # bias = base - p_vaddr
7:      cmp     eax, 2                  # PT_DYNAMIC
        jne     8f
        mov     r10, [r8 + 16]          # p_vaddr (bias added below)
8:      add     r8, 56
        dec     ecx
        jnz     6b
        add     r10, r9
        xor     r11, r11                # symtab
        xor     r12, r12                # strtab
9:      mov     rax, [r10]              # d_tag
        test    rax, rax
        jz      11f
        cmp     rax, 6                  # DT_SYMTAB
        jne     10f
        mov     r11, [r10 + 8]
10:     cmp     rax, 5                  # DT_STRTAB
        jne     12f
        mov     r12, [r10 + 8]
12:     add     r10, 16
        jmp     9b
11:     add     r11, r9
        add     r12, r9
13:     cmp     r11, r12                # .dynsym ends where .dynstr begins
        jae     16f
        mov     eax, dword ptr [r11]    # st_name
        lea     r13, [r12 + rax]
        mov     r14, rsi
14:     mov     al, [r13]
        cmp     al, [r14]
        jne     15f
        test    al, al
        jz      17f
        inc     r13
        inc     r14
        jmp     14b
15:     add     r11, 24
        jmp     13b
16:     xor     eax, eax
        jmp     18f
17:     mov     rax, [r11 + 8]          # st_value
        mov     edx, dword ptr [r11]
        add     rdx, r12                # the name, as stored in the vDSO
        add     rax, r9
18:     pop     r14
        pop     r13
        pop     r12
        pop     rbx
        ret

        .section .rodata
name:   .asciz  "__vdso_clock_gettime"
        .bss
ts:     .skip   16
