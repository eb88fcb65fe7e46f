// File descriptors are allocated lowest-first: with 0, 1, 2 open the first
// openat(2) (nr 56) returns 3. Write to it, close it, exit with the fd.
// expect-exit: 3
// expect-trace: openat(AT_FDCWD, "/dev/null", O_WRONLY) = 3
.global _start
.text
_start:
        mov     x0, #-100               // AT_FDCWD
        adr     x1, path
        mov     x2, #1                  // O_WRONLY
        mov     x3, #0
        mov     x8, #56
        svc     #0
        mov     x19, x0
        adr     x1, path
        mov     x2, #4
        mov     x8, #64                 // write(fd, "/dev", 4)
        svc     #0
        mov     x0, x19
        mov     x8, #57                 // close
        svc     #0
        mov     x0, x19
        mov     x8, #93
        svc     #0
path:   .asciz  "/dev/null"
