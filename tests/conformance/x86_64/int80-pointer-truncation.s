# Why 64-bit code must not use `int 0x80`: the i386 entry reads only ebx, ecx, edx, so a
# buffer above 4 GiB loses its upper half. Here the message sits at 0x100001000 (a
# MAP_FIXED mapping); int 0x80 write sees ecx = 0x1000, which maps nothing: -EFAULT.
# The same call through `syscall` works (arch/x86/entry/entry_64_compat.S).
# strace still prints the whole rcx: a tracer gets the full registers from
# PTRACE_GET_SYSCALL_INFO; the truncation happens later, in the ia32 syscall wrapper.
# requires: ia32-emulation
# expect-stdout: hello\nint 0x80 got EFAULT: 1\n
# expect-exit: 0
# expect-trace: mmap(MAP1, 4096, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_FIXED|MAP_ANONYMOUS, -1, 0) = MAP1
# expect-trace: write(1, MAP1, 6) = -1 EFAULT (Bad address)
.intel_syntax noprefix
.global _start
.text
_start:
    mov eax, 9
    movabs rdi, 0x100001000
    mov esi, 4096
    mov edx, 3
    mov r10d, 0x32              # MAP_PRIVATE|MAP_FIXED|MAP_ANONYMOUS
    mov r8, -1
    xor r9d, r9d
    syscall
    mov rbx, rax
    mov dword ptr [rbx], 0x6c6c6568     # "hell"
    mov word ptr [rbx + 4], 0x0a6f      # "o\n"
    mov eax, 1                  # 64-bit write: the full pointer
    mov edi, 1
    mov rsi, rbx
    mov edx, 6
    syscall
    mov r12, rbx
    mov eax, 4                  # i386 write(ebx=1, ecx=low half, edx=6)
    mov ebx, 1
    mov rcx, r12
    mov edx, 6
    int 0x80
    xor edi, edi
    cmp eax, -14
    sete dil
    lea rsi, [rip + label]
    mov edx, 21
    call print_bool
    mov eax, 60
    xor edi, edi
    syscall

.section .rodata
label: .ascii "int 0x80 got EFAULT: "
.text

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
