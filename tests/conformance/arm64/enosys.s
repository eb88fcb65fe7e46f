// An out-of-range system call number: the kernel answers -ENOSYS (-38) in x0
// without doing anything. Exit with -x0 so the status shows the errno (38).
// expect-exit: 38
.global _start
.text
_start:
        mov     x8, #999                // no such syscall on arm64
        svc     #0
        neg     x0, x0                  // -(-38) = 38
        mov     x8, #93                 // exit
        svc     #0
