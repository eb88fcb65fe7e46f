// wfi, wfe and yield at EL0 are hints a user program may execute: Linux sets
// SCTLR_EL1.nTWI/nTWE, so they do not trap, and the program carries on to exit(3).
// expect-exit: 3
.global _start
.text
_start:
        wfi
        wfe
        yield
        mov     x0, #3
        mov     x8, #93
        svc     #0
