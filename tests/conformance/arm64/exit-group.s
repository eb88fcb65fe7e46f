// exit_group(2) (nr 94) ends every thread of the process with the given status.
// expect-exit: 7
// expect-trace: exit_group(7) = ?
.global _start
.text
_start:
        mov     x0, #7
        mov     x8, #94
        svc     #0
