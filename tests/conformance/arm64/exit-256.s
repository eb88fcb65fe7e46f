// The exit status is the low 8 bits of the argument: exit(256) reports 0.
// expect-exit: 0
.global _start
.text
_start:
        mov     x0, #256
        mov     x8, #93
        svc     #0
