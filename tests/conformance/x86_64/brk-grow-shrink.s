# The program break: brk(0) asks where the heap ends; brk(end + 16 KiB) grows it and the
# new bytes are usable and zero; brk(end + 4 KiB) shrinks it again (brk(2); mm/mmap.c).
# The kernel picks the start (randomised), so the trace normalizer writes addresses relative to it (BRK+0x...).
# expect-stdout: grown heap reads 0: 1\nshrunk to end+4096: 1\n
# expect-exit: 0
# expect-trace: brk(NULL) = BRK
# expect-trace: brk(BRK+0x4000) = BRK+0x4000
# expect-trace: brk(BRK+0x1000) = BRK+0x1000
.intel_syntax noprefix
.global _start
.text
_start:
    mov eax, 12                 # brk(0): query
    xor edi, edi
    syscall
    mov rbx, rax                # rbx = initial break
    lea rdi, [rbx + 16384]
    mov eax, 12
    syscall
    lea rcx, [rbx + 16384]
    cmp rax, rcx
    jne .Lbad
    mov byte ptr [rbx + 100], 7         # first page: usable
    movzx edi, byte ptr [rbx + 16383]   # last byte: zero-filled
    test edi, edi
    sete dil
    lea rsi, [rip + l1]
    mov edx, 20
    call print_bool
    lea rdi, [rbx + 4096]       # shrink
    mov eax, 12
    syscall
    mov eax, 12                 # query again
    xor edi, edi
    syscall
    lea rcx, [rbx + 4096]
    xor edi, edi
    cmp rax, rcx
    sete dil
    lea rsi, [rip + l2]
    mov edx, 20
    call print_bool
    mov eax, 60
    xor edi, edi
    syscall
.Lbad:
    mov eax, 60
    mov edi, 1
    syscall

.section .rodata
l1: .ascii "grown heap reads 0: "
l2: .ascii "shrunk to end+4096: "
.text

# print_bool: writes the label at rsi (rdx bytes) followed by "1\n" if edi != 0, else "0\n".
print_bool:
    push rdi
    mov eax, 1                  # write(1, label, len)
    mov edi, 1
    syscall
    pop rdi
    lea rsi, [rip + bool_false]
    lea rax, [rip + bool_true]
    test edi, edi
    cmovnz rsi, rax
    mov eax, 1
    mov edi, 1
    mov edx, 2
    syscall
    ret

.section .rodata
bool_true:  .ascii "1\n"
bool_false: .ascii "0\n"
