// A permanently undefined encoding (udf) raises an undefined-instruction
// exception: SIGILL, status 128 + 4.
// expect-exit: 132
// qemu-differs: si_code
// expect-trace: --- SIGILL {si_signo=SIGILL, si_code=ILL_ILLOPC, si_addr=0x400078} ---
.global _start
.text
_start:
        udf     #0
