// uname(2) (nr 160) fills struct utsname: six 65-byte fields; the fifth,
// machine, is "aarch64" on this architecture. Print it.
// expect-stdout: aarch64\n
// expect-exit: 0
.global _start
.text
_start:
        adr     x0, buf
        mov     x8, #160
        svc     #0
        adr     x1, buf
        add     x1, x1, #260            // utsname.machine
        mov     w2, #10
        strb    w2, [x1, #7]            // "aarch64" + newline
        mov     x0, #1
        mov     x2, #8
        mov     x8, #64
        svc     #0
        mov     x0, #0
        mov     x8, #93
        svc     #0
.bss
buf:    .skip   390
