# int 0x80 vs syscall: the same kernel behind two gates.
        .intel_syntax noprefix
        .globl  _start
        .text
_start:
        mov     eax, 4                  # i386 __NR_write
        mov     ebx, 1                  # fd
        lea     rcx, [rip + old]        # buffer (only the low 32 bits are used)
        mov     edx, 14                 # length
        int     0x80

        # TODO: write "via syscall\n" (12 bytes) with the 64-bit syscall instruction
        # TODO: write a string that lives on the stack through int 0x80 (expect EFAULT)
        # TODO: exit with status {{params.status}} through int 0x80 (i386 __NR_exit is 1)
        mov     eax, 60
        xor     edi, edi
        syscall

        .section .rodata
old:    .ascii  "via int 0x80\n\n"
new:    .ascii  "via syscall\n"
