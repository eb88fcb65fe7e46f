// Process bootstrap (ARM64): read argc, argv[0] and the auxiliary vector straight
// off the stack the kernel built for execve.
        .globl  _start
        .text
_start:
        mov     x19, sp                 // sp -> argc, argv[0..argc-1], NULL, envp..., NULL, auxv
        ldr     x0, [x19, #8]           // argv[0]
        bl      strlen
        mov     x2, x0
        mov     x8, #64                 // write(1, argv[0], strlen)
        mov     x0, #1
        ldr     x1, [x19, #8]
        svc     #0
        mov     x8, #64                 // write(1, "\n", 1)
        mov     x0, #1
        adr     x1, nl
        mov     x2, #1
        svc     #0

        // TODO (step 3): skip argv[] and envp[] to the auxiliary vector, find AT_ENTRY (9)
        //   and print "AT_ENTRY is _start\n" when it equals the address of _start.
        // TODO (step 4): find AT_PAGESZ (6) and exit with argc if it is 4096.
        mov     x8, #93                 // exit(0)
        mov     x0, #0
        svc     #0

strlen:                                 // x0 = string -> x0 = its length
        mov     x1, x0
7:      ldrb    w2, [x1]
        cbz     w2, 8f
        add     x1, x1, #1
        b       7b
8:      sub     x0, x1, x0
        ret

        .section .rodata
nl:     .ascii  "\n"
ok:     .ascii  "AT_ENTRY is _start\n"
