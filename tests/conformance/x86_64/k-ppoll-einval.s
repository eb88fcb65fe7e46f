# ppoll(2)'s argument checks, in the kernel's order (fs/select.c): the timespec is
# validated first (a tv_nsec of 1e9 or a negative tv_sec is EINVAL), then the mask's
# size, but only when there is a mask: a NULL mask with sigsetsize 4 is accepted, a real
# one with size 4 is EINVAL. An unreadable timespec is EFAULT.
# expect-stdout: nsec 1e9 -22\nsec -1 -22\nnull mask size 4 0\nmask size 4 -22\nbad timespec -14\n
# expect-exit: 0
# expect-trace: ppoll([{fd=-1}], 1, {tv_sec=0, tv_nsec=1000000000}, NULL, 8) = -1 EINVAL (Invalid argument)
# expect-trace: ppoll([{fd=-1}], 1, {tv_sec=-1, tv_nsec=0}, NULL, 8) = -1 EINVAL (Invalid argument)
# expect-trace: ppoll([{fd=-1}], 1, {tv_sec=0, tv_nsec=0}, NULL, 4) = 0 (Timeout)
# expect-trace: ppoll([{fd=-1}], 1, {tv_sec=0, tv_nsec=0}, 0x400000, 4) = -1 EINVAL (Invalid argument)
.intel_syntax noprefix
.global _start
.text
_start:
    lea rdx, [rip + ts_nsec]
    xor r10d, r10d
    mov r8d, 8
    lea rsi, [rip + m_nsec]
    call try
    lea rdx, [rip + ts_neg]
    xor r10d, r10d
    mov r8d, 8
    lea rsi, [rip + m_neg]
    call try
    lea rdx, [rip + ts_zero]
    xor r10d, r10d
    mov r8d, 4
    lea rsi, [rip + m_nullmask]
    call try
    lea rdx, [rip + ts_zero]
    mov r10d, 0x400000          # the ELF header: readable, never parsed as a mask
    mov r8d, 4
    lea rsi, [rip + m_size4]
    call try
    mov edx, 8                  # an unmapped timespec
    xor r10d, r10d
    mov r8d, 8
    lea rsi, [rip + m_fault]
    call try
    mov eax, 231
    xor edi, edi
    syscall

# try: ppoll(&pfd, 1, rdx, r10, r8) on fd -1, then say(rsi, result).
try:
    push rsi
    mov eax, 271
    lea rdi, [rip + pfd]
    mov esi, 1
    syscall
    pop rsi
    mov rdi, rax
    jmp say

.data
pfd: .long -1                   # fd -1: ignored, never ready (poll(2))
     .short 1, 0
ts_nsec: .quad 0, 1000000000
ts_neg: .quad -1, 0
ts_zero: .quad 0, 0
.section .rodata
m_nsec: .asciz "nsec 1e9 "
m_neg: .asciz "sec -1 "
m_nullmask: .asciz "null mask size 4 "
m_size4: .asciz "mask size 4 "
m_fault: .asciz "bad timespec "

# ---- helpers shared by the k-*.s programs (each file carries its own copy) ----
.text
# puts: write the NUL-terminated string at rsi to fd 1 (clobbers rax, rcx, rdx, rdi, r11).
puts:
    xor edx, edx
.Lputs_len:
    cmp byte ptr [rsi + rdx], 0
    je .Lputs_write
    inc rdx
    jmp .Lputs_len
.Lputs_write:
    mov eax, 1
    mov edi, 1
    syscall
    ret

# putnum: write the signed value in rdi in decimal, then a newline.
putnum:
    sub rsp, 40
    lea rsi, [rsp + 39]
    mov byte ptr [rsi], 10
    mov rax, rdi
    mov r8, rdi
    test rax, rax
    jns .Lputnum_loop
    neg rax
.Lputnum_loop:
    mov ecx, 10
    xor edx, edx
    div rcx
    add dl, 0x30
    dec rsi
    mov byte ptr [rsi], dl
    test rax, rax
    jnz .Lputnum_loop
    test r8, r8
    jns .Lputnum_out
    dec rsi
    mov byte ptr [rsi], 0x2d
.Lputnum_out:
    lea rdx, [rsp + 40]
    sub rdx, rsi
    mov eax, 1
    mov edi, 1
    syscall
    add rsp, 40
    ret

# say: puts(rsi) then putnum(rdi), i.e. "label value\n".
say:
    push rdi
    call puts
    pop rdi
    jmp putnum

# restorer: the SA_RESTORER trampoline (x86-64 has no kernel-provided one).
restorer:
    mov eax, 15                 # rt_sigreturn
    syscall
