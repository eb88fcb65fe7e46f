# write(2) from a buffer whose first 10 bytes are mapped and the rest are not. Linux's
# pipe write copies in page-sized chunks and a chunk that faults writes nothing, so the
# call returns -EFAULT and nothing reaches stdout (fs/pipe.c pipe_write). (To a regular
# file the same call writes the 10 good bytes and returns 10: the runner uses a pipe.)
# expect-stdout: done\n
# expect-exit: 0
# expect-trace: write(1, MAP1+0xff6, 100) = -1 EFAULT (Bad address)
.intel_syntax noprefix
.global _start
.text
_start:
    mov eax, 9
    xor edi, edi
    mov esi, 8192
    mov edx, 3
    mov r10d, 0x22
    mov r8, -1
    xor r9d, r9d
    syscall
    mov rbx, rax
    mov eax, 11
    lea rdi, [rbx + 4096]
    mov esi, 4096
    syscall
    mov eax, 1                  # write(1, page_end - 10, 100)
    mov edi, 1
    lea rsi, [rbx + 4086]
    mov edx, 100
    syscall
    mov eax, 1
    mov edi, 1
    lea rsi, [rip + msg]
    mov edx, 5
    syscall
    mov eax, 60
    xor edi, edi
    syscall

.section .rodata
msg: .ascii "done\n"
