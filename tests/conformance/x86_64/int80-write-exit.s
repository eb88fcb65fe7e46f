# The legacy i386 entry: `int 0x80` with i386 syscall numbers (write = 4, exit = 1) and
# arguments in ebx, ecx, edx. Only the low 32 bits are used, so the buffer must sit
# below 4 GiB, as .rodata does in a static non-PIE executable (arch/x86/entry/entry_64_compat.S).
# requires: ia32-emulation
# expect-stdout: int 0x80 works\n
# expect-exit: 3
# expect-trace: write(1, "int 0x80 works\n", 15) = 15
# expect-trace: exit(3) = ?
.intel_syntax noprefix
.global _start
.text
_start:
    mov eax, 4                  # __NR_write in arch/x86/entry/syscalls/syscall_32.tbl
    mov ebx, 1
    lea rcx, [rip + msg]
    mov edx, 15
    int 0x80
    mov eax, 1                  # __NR_exit (i386)
    mov ebx, 3
    int 0x80

.section .rodata
msg: .ascii "int 0x80 works\n"
