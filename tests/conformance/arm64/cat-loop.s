// A read/write loop: copy stdin to stdout 8 bytes at a time until read
// returns 0 (end of file) or an error; exit with the last read result.
// stdin: "first line\nsecond line\nthird\n"
// expect-stdout: first line\nsecond line\nthird\n
// expect-exit: 0
// expect-trace: read(0, "", 8) = 0
.global _start
.text
_start:
1:      mov     x0, #0                  // fd 0
        adrp    x1, buf
        add     x1, x1, :lo12:buf
        mov     x2, #8
        mov     x8, #63                 // read
        svc     #0
        cmp     x0, #0
        b.le    2f
        mov     x2, x0                  // write exactly what was read
        mov     x0, #1
        adrp    x1, buf
        add     x1, x1, :lo12:buf
        mov     x8, #64                 // write
        svc     #0
        b       1b
2:      neg     x0, x0
        mov     x8, #93
        svc     #0
.bss
buf:    .skip   8
