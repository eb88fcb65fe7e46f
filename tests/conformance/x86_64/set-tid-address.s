# set_tid_address(2) records where to clear the tid at thread exit and returns the
# caller's tid, which must equal gettid(2). libc calls it once at startup.
# expect-stdout: returns the tid: 1\n
# expect-exit: 0
# expect-trace: set_tid_address(0x403018) = PID
.intel_syntax noprefix
.global _start
.text
_start:
    mov eax, 218                # set_tid_address
    lea rdi, [rip + tidword]
    syscall
    mov rbx, rax
    mov eax, 186                # gettid
    syscall
    xor edi, edi
    cmp rax, rbx
    sete dil
    lea rsi, [rip + label]
    mov edx, 17
    call print_bool
    mov eax, 60
    xor edi, edi
    syscall

.section .rodata
label: .ascii "returns the tid: "
.bss
.align 4
tidword: .skip 4
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
