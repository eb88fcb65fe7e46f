// Fast and slow calls (ARM64): a read on an empty pipe waits for SIGALRM.
// The generic table has no alarm() or pipe(): setitimer and pipe2 do the same.
        .globl  _start
        .text
_start:
        mov     x8, #59                 // pipe2(fds, 0)
        ldr     x0, =fds
        mov     x1, #0
        svc     #0
        mov     x8, #172                // getpid: a fast call, never interrupted
        svc     #0

        ldr     x1, =act                // phase 1: no SA_RESTART
        bl      set_alarm_handler
        bl      arm
        bl      read_pipe               // -1 EINTR

        // TODO (step 3): set phase to 1, install the handler again with
        // SA_RESTART (0x10000000), arm the timer and read again.

        mov     x8, #93                 // exit(0)
        mov     x0, #0
        svc     #0

set_alarm_handler:                      // rt_sigaction(SIGALRM, x1, NULL, 8)
        mov     x8, #134
        mov     x0, #14
        mov     x2, #0
        mov     x3, #8
        svc     #0
        ret
arm:    mov     x8, #103                // setitimer(ITIMER_REAL, &timer, NULL): SIGALRM in {{params.secs}} s
        mov     x0, #0
        ldr     x1, =timer
        mov     x2, #0
        svc     #0
        ret
read_pipe:
        mov     x8, #63                 // read(fds[0], buf, 16)
        ldr     x9, =fds
        ldr     w0, [x9]
        ldr     x1, =buf
        mov     x2, #16
        svc     #0
        ret

handler:                                // in phase 1 do nothing; in phase 2 feed the pipe
        ldr     x9, =phase
        ldrb    w10, [x9]
        cbz     w10, 1f
        mov     x8, #64                 // write(fds[1], "x", 1)
        ldr     x9, =fds
        ldr     w0, [x9, #4]
        ldr     x1, =feed
        mov     x2, #1
        svc     #0
1:      ret                             // to the vDSO's rt_sigreturn trampoline

        .data
act:    .quad   handler, 0, 0, 0        // handler, flags, restorer (unused), mask
timer:  .quad   0, 0                    // it_interval: do not repeat
        .quad   {{params.secs}}, 0      // it_value: {{params.secs}} s, 0 us
fds:    .long   0, 0
phase:  .byte   0
feed:   .ascii  "x"
        .bss
buf:    .skip   16
