// Grow the heap with brk(2): ask for the current break, move it up one page,
// store at the old break, and exit with the low byte of the growth (0 if
// the kernel granted exactly 4096 bytes: 4096 & 0xff == 0). brk is 214.
// expect-exit: 0
.global _start
.text
_start:
        mov     x0, #0
        mov     x8, #214
        svc     #0                      // x0 = current break
        mov     x19, x0
        add     x0, x0, #4096
        mov     x8, #214
        svc     #0                      // x0 = new break
        sub     x20, x0, x19            // growth in bytes
        mov     x1, #0x55
        str     x1, [x19]               // the new page is writable
        and     x0, x20, #0xff
        mov     x8, #93
        svc     #0
