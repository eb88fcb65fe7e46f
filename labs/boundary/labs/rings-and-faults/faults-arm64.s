// Rings and faults (ARM64): poke at EL1 from EL0 and watch the signals.
        .globl  _start
        .text
_start:
        // TODO (step 4): install a handler for SIGILL (4) and SIGSEGV (11) with
        //   rt_sigaction(sig, &act, NULL, 8): number 134 in x8, arguments in x0-x3

try1:   {{params.privArm64}}            // EL0 may not do this: UNDEFINED, so SIGILL
try2:   // TODO (step 2): load from {{params.kaddr}}
try3:   // TODO (step 3): load from {{params.holeArm64}}
done:   mov     x8, #93                 // exit(0)
        mov     x0, #0
        svc     #0
