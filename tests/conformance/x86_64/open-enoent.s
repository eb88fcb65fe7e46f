# The older open(2) (syscall 2), which x86-64 still has and AArch64 never had: a missing
# path gives -ENOENT just as openat does.
# expect-stdout: ENOENT\n
# expect-exit: 0
# expect-trace: open("/nonexistent-syscall-lab/other.txt", O_RDONLY) = -1 ENOENT (No such file or directory)
.intel_syntax noprefix
.global _start
.text
_start:
    mov eax, 2                  # open
    lea rdi, [rip + path]
    xor esi, esi                # O_RDONLY
    xor edx, edx
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
path: .asciz "/nonexistent-syscall-lab/other.txt"
msg: .ascii "ENOENT\n"
