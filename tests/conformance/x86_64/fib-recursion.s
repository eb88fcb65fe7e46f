# Plain recursion with real stack frames: push rbp / mov rbp, rsp / leave / ret, a
# callee-saved register spilled with push/pop, fib(20) = 6765 = 0x1a6d computed the
# slow way (21891 calls), printed in hex (SysV ABI AMD64 3.2.2 the stack frame).
# expect-stdout: 0000000000001a6d\n
# expect-exit: 0
.intel_syntax noprefix
.global _start
.text
_start:
    mov edi, 20
    call fib
    mov rdi, rax
    call print_hex
    mov eax, 60
    xor edi, edi
    syscall

# fib(rdi) -> rax
fib:
    push rbp
    mov rbp, rsp
    push rbx
    sub rsp, 8                  # keep rsp 16-byte aligned at calls
    cmp rdi, 2
    jb .Lbase
    mov rbx, rdi
    lea rdi, [rbx - 1]
    call fib
    mov qword ptr [rbp - 16], rax
    lea rdi, [rbx - 2]
    call fib
    add rax, qword ptr [rbp - 16]
    jmp .Lout
.Lbase:
    mov rax, rdi
.Lout:
    mov rbx, qword ptr [rbp - 8]
    leave
    ret

.text
# print_hex: writes rdi as 16 hex digits and a newline to stdout.
# Clobbers rax, rcx, rdx, rsi, rdi, r8, r11 (syscall clobbers rcx and r11: SDM Vol 2B SYSCALL).
print_hex:
    sub rsp, 24
    mov ecx, 16
    lea r8, [rip + hexdigits]
.Lhex_loop:
    mov rax, rdi
    and eax, 15
    movzx eax, byte ptr [r8 + rax]
    mov byte ptr [rsp + rcx - 1], al
    shr rdi, 4
    dec ecx
    jnz .Lhex_loop
    mov byte ptr [rsp + 16], 10
    mov eax, 1                  # write
    mov edi, 1
    mov rsi, rsp
    mov edx, 17
    syscall
    add rsp, 24
    ret

.section .rodata
hexdigits: .ascii "0123456789abcdef"
