# Every call that takes a descriptor checks it first: fd 99 was never opened, so
# lseek, fstat, ioctl, read, write, readv and writev all fail with -EBADF (-9)
# before looking at their other arguments (fget() in fs/file.c).
# expect-stdout: EBADF count: 0000000000000007\n
# expect-exit: 0
# expect-trace: lseek(99, 0, SEEK_SET) = -1 EBADF (Bad file descriptor)
# expect-trace: ioctl(99, TCGETS, 0x403030) = -1 EBADF (Bad file descriptor)
# expect-trace: readv(99, [{iov_base=0x402000, iov_len=1}], 1) = -1 EBADF (Bad file descriptor)
# expect-trace: writev(99, [{iov_base="x", iov_len=1}], 1) = -1 EBADF (Bad file descriptor)
.intel_syntax noprefix
.global _start
.text
_start:
    xor r12d, r12d              # how many calls said EBADF
    mov eax, 8                  # lseek(99, 0, SEEK_SET)
    mov edi, 99
    xor esi, esi
    xor edx, edx
    call count_ebadf
    mov eax, 5                  # fstat(99, buf)
    mov edi, 99
    lea rsi, [rip + buf]
    call count_ebadf
    mov eax, 16                 # ioctl(99, TCGETS, buf)
    mov edi, 99
    mov esi, 0x5401
    lea rdx, [rip + buf]
    call count_ebadf
    xor eax, eax                # read(99, buf, 1)
    mov edi, 99
    lea rsi, [rip + buf]
    mov edx, 1
    call count_ebadf
    mov eax, 1                  # write(99, "x", 1)
    mov edi, 99
    lea rsi, [rip + x]
    mov edx, 1
    call count_ebadf
    mov eax, 19                 # readv(99, iov, 1)
    mov edi, 99
    lea rsi, [rip + iov]
    mov edx, 1
    call count_ebadf
    mov eax, 20                 # writev(99, iov, 1)
    mov edi, 99
    lea rsi, [rip + iov]
    mov edx, 1
    call count_ebadf
    mov eax, 1
    mov edi, 1
    lea rsi, [rip + label]
    mov edx, 13
    syscall
    mov rdi, r12
    call print_hex
    mov eax, 60
    xor edi, edi
    syscall

# count_ebadf: make the syscall in eax; r12 += 1 if it returned -EBADF.
count_ebadf:
    syscall
    cmp rax, -9
    jne .Lnot
    inc r12
.Lnot:
    ret

.section .rodata
x: .ascii "x"
label: .ascii "EBADF count: "
.align 8
iov: .quad x, 1
.bss
.align 16
buf: .skip 144

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
