# ioctl(1, TCGETS) asks for terminal settings; stdout here is a pipe, not a terminal,
# so the answer is -ENOTTY (-25). This is how isatty(3) decides (ioctl_tty(2)).
# expect-stdout: ENOTTY\n
# expect-exit: 0
# expect-trace: ioctl(1, TCGETS, 0x403007) = -1 ENOTTY (Inappropriate ioctl for device)
.intel_syntax noprefix
.global _start
.text
_start:
    mov eax, 16                 # ioctl
    mov edi, 1
    mov esi, 0x5401             # TCGETS
    lea rdx, [rip + termios]
    syscall
    cmp rax, -25
    jne .Lbad
    mov eax, 1
    mov edi, 1
    lea rsi, [rip + msg]
    mov edx, 7
    syscall
    mov eax, 60
    xor edi, edi
    syscall
.Lbad:
    mov eax, 60
    mov edi, 1
    syscall

.section .rodata
msg: .ascii "ENOTTY\n"
.bss
termios: .skip 64
