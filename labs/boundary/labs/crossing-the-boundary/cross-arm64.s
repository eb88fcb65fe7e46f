// Crossing the boundary (ARM64): SVC #0 saves the return address in ELR_EL1 and
// PSTATE in SPSR_EL1, then jumps to VBAR_EL1 + 0x400 (ARM ARM D1.10, exception entry).
        .globl  _start
        .text
_start:
        // TODO (step 4): set NZCV to {{params.nzcv}} (mov x9, ...; msr nzcv, x9)
        mov     x8, #172                // __NR_getpid
        svc     #0                      // return lands on the next instruction
        mov     x8, #93                 // exit(0)
        mov     x0, #0
        svc     #0
