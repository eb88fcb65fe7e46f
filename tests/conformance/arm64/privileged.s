// A privileged instruction at EL0: reading SCTLR_EL1 traps as undefined, so
// the process gets SIGILL (exit status 128 + 4 under qemu-aarch64).
.global _start
.text
_start:
        mrs     x0, SCTLR_EL1
        mov     x8, #93
        svc     #0
