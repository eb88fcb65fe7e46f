# Process bootstrap: read argc, argv[0] and the auxiliary
# vector straight off the stack the kernel built for execve.
        .intel_syntax noprefix
        .globl  _start
        .text
_start:
        mov     rbx, rsp                # rsp -> argc, argv[0..argc-1], NULL, envp..., NULL, auxv
        mov     rsi, [rbx + 8]          # argv[0]
        mov     rdi, rsi
        call    strlen
        mov     rdx, rax
        mov     eax, 1                  # write(1, argv[0], strlen)
        mov     edi, 1
        syscall
        mov     eax, 1
        mov     edi, 1
        lea     rsi, [rip + nl]
        mov     edx, 1
        syscall

        # TODO (step 3): skip argv[] and envp[] to the auxiliary vector, find AT_ENTRY (9)
        #   and print "AT_ENTRY is _start\n" when it equals the address of _start.
        # TODO (step 4): find AT_PAGESZ (6) and exit with argc if it is 4096.
        mov     eax, 60
        xor     edi, edi
        syscall

strlen:
        xor     eax, eax
7:      cmp     byte ptr [rdi + rax], 0
        je      8f
        inc     rax
        jmp     7b
8:      ret

        .section .rodata
nl:     .ascii  "\n"
ok:     .ascii  "AT_ENTRY is _start\n"
