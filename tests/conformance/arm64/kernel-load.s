// A load from a kernel-half address (TTBR1 range) at EL0 faults: the process
// gets SIGSEGV (exit status 128 + 11 under qemu-aarch64).
// qemu-user reports si_addr=NULL here (the address is outside its guest space);
// Linux reports the faulting address, as the emulator does.
// expect-exit: 139
// qemu-differs: si_addr
// expect-trace: --- SIGSEGV {si_signo=SIGSEGV, si_code=SEGV_MAPERR, si_addr=0xffff000000000000} ---
.global _start
.text
_start:
        mov     x1, #0xffff000000000000
        ldr     x0, [x1]
        mov     x8, #93
        svc     #0
