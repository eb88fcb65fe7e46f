# fstat(2) on stdout, which the runner connects to a pipe: st_mode's file-type bits
# (S_IFMT, 0170000) must read S_IFIFO (0010000). st_mode is at offset 24 of the
# x86-64 struct stat (arch/x86/include/uapi/asm/stat.h).
# expect-stdout: stdout is a FIFO: 1\n
# expect-exit: 0
# expect-trace: fstat(1, {st_mode=S_IFIFO|0600, st_size=0, ...}) = 0
.intel_syntax noprefix
.global _start
.text
_start:
    mov eax, 5                  # fstat
    mov edi, 1
    lea rsi, [rip + statbuf]
    syscall
    test rax, rax
    jnz .Lbad
    mov edi, dword ptr [rip + statbuf + 24]
    and edi, 0xf000
    cmp edi, 0x1000
    sete dil
    movzx edi, dil
    lea rsi, [rip + label]
    mov edx, 18
    call print_bool
    mov eax, 60
    xor edi, edi
    syscall
.Lbad:
    mov eax, 60
    mov edi, 1
    syscall

.section .rodata
label: .ascii "stdout is a FIFO: "
.bss
statbuf: .skip 144
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
