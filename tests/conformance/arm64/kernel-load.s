// A load from a kernel-half address (TTBR1 range) at EL0 faults: the process
// gets SIGSEGV (exit status 128 + 11 under qemu-aarch64).
.global _start
.text
_start:
        mov     x1, #0xffff000000000000
        ldr     x0, [x1]
        mov     x8, #93
        svc     #0
