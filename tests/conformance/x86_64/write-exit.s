# The book's first listing: write(2) called straight through `syscall`, then exit(2).
# The message carries no newline, so the byte count is exactly its length, 17.
# expect-stdout: Direct write call
# expect-exit: 0
# expect-trace: write(1, "Direct write call", 17) = 17
# expect-trace: exit(0) = ?
.intel_syntax noprefix
.global _start
.text
_start:
    mov eax, 1                  # __NR_write on x86-64
    mov edi, 1                  # fd 1: stdout
    lea rsi, [rip + msg]
    mov edx, 17
    syscall
    mov eax, 60                 # __NR_exit
    xor edi, edi
    syscall

.section .rodata
msg: .ascii "Direct write call"
