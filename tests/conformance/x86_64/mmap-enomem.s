# mmap(2) sizes and places the address space cannot hold are ENOMEM, not EINVAL: a
# MAP_FIXED mapping at TASK_SIZE (2^47) or straddling it, MAP_FIXED_NOREPLACE there,
# a length larger than the user half, and a length of -1 (it wraps to 0 when rounded
# up to a page). A hint above TASK_SIZE without MAP_FIXED is only a hint: it maps.
# expect-stdout: fixed at top: ENOMEM\nstraddling: ENOMEM\nnoreplace: ENOMEM\nhuge: ENOMEM\nminus one: ENOMEM\nhint ignored: ok\n
# expect-exit: 0
# expect-trace: mmap(0x800000000000, 4096, PROT_READ, MAP_PRIVATE|MAP_FIXED|MAP_ANONYMOUS, -1, 0) = -1 ENOMEM (Cannot allocate memory)
.intel_syntax noprefix
.global _start

.text
_start:
    mov eax, 9
    mov rdi, 0x800000000000
    mov rsi, 4096
    mov edx, 1                  # PROT_READ
    mov r10d, 0x32
    mov r8, -1
    xor r9d, r9d
    syscall
    cmp rax, -12                # ENOMEM
    jne .Lbad
    mov eax, 1
    mov edi, 1
    lea rsi, [rip + m1]
    mov edx, 21
    syscall
    mov eax, 9
    mov rdi, 0x7ffffffff000
    mov rsi, 8192
    mov edx, 1                  # PROT_READ
    mov r10d, 0x32
    mov r8, -1
    xor r9d, r9d
    syscall
    cmp rax, -12                # ENOMEM
    jne .Lbad
    mov eax, 1
    mov edi, 1
    lea rsi, [rip + m2]
    mov edx, 19
    syscall
    mov eax, 9
    mov rdi, 0x800000000000
    mov rsi, 4096
    mov edx, 1                  # PROT_READ
    mov r10d, 0x100022
    mov r8, -1
    xor r9d, r9d
    syscall
    cmp rax, -12                # ENOMEM
    jne .Lbad
    mov eax, 1
    mov edi, 1
    lea rsi, [rip + m3]
    mov edx, 18
    syscall
    mov eax, 9
    mov rdi, 0
    mov rsi, 0x800000001000
    mov edx, 1                  # PROT_READ
    mov r10d, 0x22
    mov r8, -1
    xor r9d, r9d
    syscall
    cmp rax, -12                # ENOMEM
    jne .Lbad
    mov eax, 1
    mov edi, 1
    lea rsi, [rip + m4]
    mov edx, 13
    syscall
    mov eax, 9
    mov rdi, 0
    mov rsi, -1
    mov edx, 1                  # PROT_READ
    mov r10d, 0x22
    mov r8, -1
    xor r9d, r9d
    syscall
    cmp rax, -12                # ENOMEM
    jne .Lbad
    mov eax, 1
    mov edi, 1
    lea rsi, [rip + m5]
    mov edx, 18
    syscall
    # A hint past TASK_SIZE is ignored and the kernel picks the place.
    mov eax, 9
    mov rdi, 0x900000000000
    mov esi, 4096
    mov edx, 1
    mov r10d, 0x22
    mov r8, -1
    xor r9d, r9d
    syscall
    cmp rax, -4095
    jae .Lbad
    mov eax, 1
    mov edi, 1
    lea rsi, [rip + m6]
    mov edx, 17
    syscall
    mov eax, 60
    xor edi, edi
    syscall
.Lbad:
    mov eax, 60
    mov edi, 1
    syscall

.section .rodata
m1: .ascii "fixed at top: ENOMEM\n"
m2: .ascii "straddling: ENOMEM\n"
m3: .ascii "noreplace: ENOMEM\n"
m4: .ascii "huge: ENOMEM\n"
m5: .ascii "minus one: ENOMEM\n"
m6: .ascii "hint ignored: ok\n"
