# uname(2) fills struct utsname: six 65-byte NUL-terminated fields. Print sysname
# (offset 0) and machine (offset 4 * 65 = 260); nodename and release differ per host.
# expect-stdout: Linux x86_64\n
# expect-exit: 0
.intel_syntax noprefix
.global _start
.text
_start:
    mov eax, 63                 # uname
    lea rdi, [rip + uts]
    syscall
    lea rsi, [rip + uts]
    call print_cstr
    lea rsi, [rip + space]
    mov edx, 1
    mov eax, 1
    mov edi, 1
    syscall
    lea rsi, [rip + uts + 260]
    call print_cstr
    lea rsi, [rip + newline]
    mov edx, 1
    mov eax, 1
    mov edi, 1
    syscall
    mov eax, 60
    xor edi, edi
    syscall

# print_cstr: write the NUL-terminated string at rsi to stdout.
print_cstr:
    xor edx, edx
.Lstrlen:
    cmp byte ptr [rsi + rdx], 0
    je .Lwrite
    inc rdx
    jmp .Lstrlen
.Lwrite:
    mov eax, 1
    mov edi, 1
    syscall
    ret

.section .rodata
space: .ascii " "
newline: .ascii "\n"
.bss
uts: .skip 390
