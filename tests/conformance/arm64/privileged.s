// A privileged instruction at EL0: reading SCTLR_EL1 traps as undefined, so
// the process gets SIGILL (exit status 128 + 4 under qemu-aarch64).
// qemu-user says ILL_ILLOPN; Linux (do_el0_undef) says ILL_ILLOPC, as the emulator does.
// expect-exit: 132
// qemu-differs: si_code
// expect-trace: --- SIGILL {si_signo=SIGILL, si_code=ILL_ILLOPC, si_addr=0x400078} ---
.global _start
.text
_start:
        mrs     x0, SCTLR_EL1
        mov     x8, #93
        svc     #0
