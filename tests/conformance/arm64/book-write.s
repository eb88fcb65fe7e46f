// The book's raw AArch64 write(2) example, rewritten: write(1, msg, 17) with
// the syscall number in x8 (64 = write), then exit(0) (93 = exit).
// expect-stdout: Direct write call
// expect-exit: 0
// expect-trace: write(1, "Direct write call", 17) = 17
.global _start
.text
_start:
        mov     x0, 1           // fd: stdout
        ldr     x1, =message    // buffer address from the literal pool
        mov     x2, 17          // length
        mov     x8, 64          // __NR_write on arm64
        svc     #0
        mov     x0, 0           // exit status
        mov     x8, 93          // __NR_exit on arm64
        svc     #0

.data
message:
        .ascii  "Direct write call\n"
