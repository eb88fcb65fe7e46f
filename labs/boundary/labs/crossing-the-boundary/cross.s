# Crossing the boundary: one getpid, to be stepped through the kernel's entry path.
        .intel_syntax noprefix
        .globl  _start
        .text
_start:
        movabs  rcx, 0x1111111111111111 # a marker: watch SYSCALL overwrite it
        mov     eax, 39                 # __NR_getpid
        # TODO: set rflags to {{params.rflags}} here (push + popfq)
        syscall                         # rcx <- next rip, r11 <- rflags, rip <- IA32_LSTAR
        mov     eax, 60                 # exit(0)
        xor     edi, edi
        syscall
