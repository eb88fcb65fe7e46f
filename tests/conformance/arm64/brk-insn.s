// The brk instruction is a software breakpoint: without a debugger attached
// the process gets SIGTRAP (TRAP_BRKPT) and dies with status 128 + 5.
// expect-exit: 133
.global _start
.text
_start:
        brk     #0
