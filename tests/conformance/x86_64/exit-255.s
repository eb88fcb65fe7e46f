# The largest exit status: 255 survives intact.
# expect-stdout:
# expect-exit: 255
# expect-trace: exit(255) = ?
# expect-trace: +++ exited with 255 +++
.intel_syntax noprefix
.global _start
.text
_start:
    mov eax, 60
    mov edi, 255
    syscall
