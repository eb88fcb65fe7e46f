# The system call table: numbers past the end, holes, and argument sanitising.
        .intel_syntax noprefix
        .globl  _start
        .text
_start:
        # TODO (step 1): syscall number {{params.bogus}}
        # TODO (step 2): syscall number {{params.retired}}

        mov     eax, 1                  # write(1, msg, 9)
        mov     edi, 1                  # TODO (step 3): fd 1 with garbage in the upper half
        lea     rsi, [rip + msg]
        mov     edx, 9
        syscall

        mov     eax, 60
        xor     edi, edi
        syscall

        .section .rodata
msg:    .ascii  "table ok\n"
