# A pipe has no file position: lseek(2) on it fails with -ESPIPE (-29). The runner feeds
# stdin through a pipe because this program declares stdin (lseek(2): ESPIPE).
# stdin: piped
# expect-stdout: ESPIPE\n
# expect-exit: 0
# expect-trace: lseek(0, 0, SEEK_CUR) = -1 ESPIPE (Illegal seek)
.intel_syntax noprefix
.global _start
.text
_start:
    mov eax, 8                  # lseek(0, 0, SEEK_CUR)
    xor edi, edi
    xor esi, esi
    mov edx, 1
    syscall
    cmp rax, -29
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
msg: .ascii "ESPIPE\n"
