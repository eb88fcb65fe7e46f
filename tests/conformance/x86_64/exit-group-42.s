# exit_group(42): ends every thread of the process with status 42, the way libc's
# exit(3) does (exit_group(2)).
# expect-stdout:
# expect-exit: 42
# expect-trace: exit_group(42) = ?
# expect-trace: +++ exited with 42 +++
.intel_syntax noprefix
.global _start
.text
_start:
    mov eax, 231                # exit_group
    mov edi, 42
    syscall
