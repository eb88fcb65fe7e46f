# openat(AT_FDCWD, path, O_RDONLY) on a path that does not exist: -ENOENT (-2), and
# no descriptor is allocated (openat(2): ENOENT).
# expect-stdout: ENOENT\n
# expect-exit: 0
# expect-trace: openat(AT_FDCWD, "/nonexistent-syscall-lab/missing.txt", O_RDONLY) = -1 ENOENT (No such file or directory)
.intel_syntax noprefix
.global _start
.text
_start:
    mov eax, 257                # openat
    mov rdi, -100               # AT_FDCWD
    lea rsi, [rip + path]
    xor edx, edx                # O_RDONLY
    xor r10d, r10d
    syscall
    cmp rax, -2
    jne .Lbad
    mov eax, 1
    mov edi, 1
    lea rsi, [rip + msg]
    mov edx, 7
    syscall
    mov eax, 60
    xor edi, edi
    syscall
.Lbad:
    mov eax, 60
    mov edi, 1
    syscall

.section .rodata
path: .asciz "/nonexistent-syscall-lab/missing.txt"
msg: .ascii "ENOENT\n"
