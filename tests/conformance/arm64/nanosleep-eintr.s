// A signal interrupts a sleep: setitimer(ITIMER_REAL, 20 ms) then nanosleep(2 s).
// SIGALRM runs a handler, and nanosleep returns -EINTR (it is never restarted
// after a handler, SA_RESTART or not); the exit status is -x0 = 4.
// expect-stdout: alarm\n
// expect-exit: 4
.global _start
.text
_start:
        mov     x0, #14                 // SIGALRM
        adr     x1, act
        mov     x2, #0
        mov     x3, #8
        mov     x8, #134
        svc     #0
        mov     x0, #0                  // ITIMER_REAL
        adr     x1, itv
        mov     x2, #0
        mov     x8, #103                // setitimer
        svc     #0
        adr     x0, two_s
        mov     x1, #0
        mov     x8, #101                // nanosleep
        svc     #0
        neg     x0, x0
        mov     x8, #93
        svc     #0

handler:
        mov     x0, #1
        adr     x1, msg
        mov     x2, #6
        mov     x8, #64
        svc     #0
        ret

restorer:
        mov     x8, #139
        svc     #0

msg:    .ascii  "alarm\n"
        .align  3
act:    .xword  handler, 0x14000000, restorer, 0    // SA_RESTORER | SA_RESTART
itv:    .xword  0, 0, 0, 20000                        // it_interval 0, it_value 20 ms
two_s:  .xword  2, 0
