# The classic read/write loop: copy stdin to stdout 8 bytes at a time until read(2)
# returns 0 (end of file). Short reads are normal; each write sends what was read.
# stdin: first line\nsecond line\n
# expect-stdout: first line\nsecond line\n
# expect-exit: 0
# expect-trace: read(0, "first li", 8) = 8
# expect-trace: read(0, "", 8) = 0
.intel_syntax noprefix
.global _start
.text
_start:
.Lloop:
    xor eax, eax                # read(0, buf, 8)
    xor edi, edi
    lea rsi, [rip + buf]
    mov edx, 8
    syscall
    test rax, rax
    jle .Ldone                  # 0 = EOF, negative = error
    mov rdx, rax                # write(1, buf, n)
    mov eax, 1
    mov edi, 1
    lea rsi, [rip + buf]
    syscall
    jmp .Lloop
.Ldone:
    mov rdi, rax                # exit status 0 at EOF
    neg rdi
    mov eax, 60
    syscall

.bss
buf: .skip 8
