# Exit statuses wrap: only the low 8 bits reach the parent (status & 0377, exit(3);
# kernel/exit.c stores (code & 0xff) << 8), so exit(256) looks like success.
# expect-stdout:
# expect-exit: 0
# expect-trace: exit(256) = ?
# expect-trace: +++ exited with 0 +++
.intel_syntax noprefix
.global _start
.text
_start:
    mov eax, 60
    mov edi, 256
    syscall
