# The initial stack the kernel builds at execve: [rsp] = argc, then argv pointers,
# NULL, envp, NULL, auxv (SysV ABI AMD64 3.4.1; fs/binfmt_elf.c create_elf_tables).
# Prints argc as a digit and argv[1..] one per line (argv[0] is a host path, skipped).
# args: alpha beta gamma
# expect-stdout: 4\nalpha\nbeta\ngamma\n
# expect-exit: 0
.intel_syntax noprefix
.global _start
.text
_start:
    mov rbx, qword ptr [rsp]            # argc
    lea eax, [rbx + 0x30]
    mov byte ptr [rip + digit], al
    mov eax, 1
    mov edi, 1
    lea rsi, [rip + digit]
    mov edx, 2
    syscall
    mov r12d, 1                         # i = 1
.Lnext:
    cmp r12, rbx
    jge .Ldone
    mov rsi, qword ptr [rsp + 8 + r12 * 8]
    xor edx, edx
.Lstrlen:
    cmp byte ptr [rsi + rdx], 0
    je .Lwrite
    inc rdx
    jmp .Lstrlen
.Lwrite:
    mov byte ptr [rsi + rdx], 10        # borrow the NUL for a newline
    inc rdx
    mov eax, 1
    mov edi, 1
    syscall
    inc r12
    jmp .Lnext
.Ldone:
    mov eax, 60
    xor edi, edi
    syscall

.data
digit: .ascii "0\n"
