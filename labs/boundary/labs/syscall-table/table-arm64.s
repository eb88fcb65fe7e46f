// The system call table (ARM64): numbers past the end, holes, and argument
// sanitising. The call number goes in x8, the arguments in x0-x5.
        .globl  _start
        .text
_start:
        // TODO (step 1): call number {{params.bogus}}
        // TODO (step 2): call number {{params.retiredArm64}}

        mov     x8, #64                 // write(1, msg, 9)
        mov     x0, #1                  // TODO (step 3): fd 1 with garbage in the upper half
        adr     x1, msg
        mov     x2, #9
        svc     #0

        mov     x8, #93                 // exit(0)
        mov     x0, #0
        svc     #0

        .section .rodata
msg:    .ascii  "table ok\n"
