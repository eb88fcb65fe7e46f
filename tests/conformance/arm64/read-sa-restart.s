// SA_RESTART on arm64: a read(2) blocked on an empty pipe is interrupted by SIGALRM
// (setitimer, 20 ms). The handler writes "tick\n" into the pipe and returns; with
// SA_RESTART the kernel backs pc up over the svc (x0 = orig_x0) and the read runs
// again, now finding the handler's bytes. It copies them to stdout; exit 0.
// expect-stdout: tick\n
// expect-exit: 0
// expect-trace: read(3, 0x410198, 16) = ? ERESTARTSYS (To be restarted if SA_RESTART is set)
// expect-trace: rt_sigreturn({mask=[]}) = 3
// expect-trace: read(3, "tick\n", 16) = 5
.global _start
.text
_start:
        adr     x0, fds
        mov     x1, #0
        mov     x8, #59                 // pipe2
        svc     #0
        mov     x0, #14                 // SIGALRM
        adr     x1, act
        mov     x2, #0
        mov     x3, #8
        mov     x8, #134                // rt_sigaction
        svc     #0
        mov     x0, #0                  // ITIMER_REAL
        adr     x1, itv
        mov     x2, #0
        mov     x8, #103                // setitimer
        svc     #0
        adr     x9, fds
        ldr     w0, [x9]                // the read end: empty until the handler writes
        adr     x1, buf
        mov     x2, #16
        mov     x8, #63                 // read
        svc     #0
        mov     x2, x0
        mov     x0, #1
        adr     x1, buf
        mov     x8, #64                 // write
        svc     #0
        mov     x0, #0
        mov     x8, #93
        svc     #0

handler:
        adr     x9, fds
        ldr     w0, [x9, #4]            // the write end
        adr     x1, msg
        mov     x2, #5
        mov     x8, #64
        svc     #0
        ret

restorer:
        mov     x8, #139                // rt_sigreturn
        svc     #0

msg:    .ascii  "tick\n"
        .align  3
act:    .xword  handler, 0x14000000, restorer, 0    // SA_RESTORER | SA_RESTART
itv:    .xword  0, 0, 0, 20000                        // it_value 20 ms, no interval

.data
        .align  3
fds:    .word   0, 0
buf:    .space  16
