// The C library helpers of helpers-source.ts, as AArch64 guest assembly. gcc may emit
// calls to memcpy and memset even with -fno-builtin (struct copies, large zeroing), so
// those must exist in any -nostdlib program. Byte loops: short, and easy to step.

export const HELPERS_SOURCE_ARM64 = `// ---- string and output helpers ----
.text
.global strlen
.type strlen, %function
strlen:
    mov x1, x0
1:  ldrb w2, [x1], #1
    cbnz w2, 1b
    sub x0, x1, x0
    sub x0, x0, #1                      // the NUL was counted
    ret

.global strcmp
.type strcmp, %function
strcmp:
1:  ldrb w2, [x0], #1
    ldrb w3, [x1], #1
    subs w4, w2, w3
    b.ne 2f
    cbnz w3, 1b
2:  mov w0, w4
    ret

.global memcpy
.type memcpy, %function
memcpy:
    mov x3, x0
    cbz x2, 2f
1:  ldrb w4, [x1], #1
    strb w4, [x3], #1
    subs x2, x2, #1
    b.ne 1b
2:  ret

.global memset
.type memset, %function
memset:
    mov x3, x0
    cbz x2, 2f
1:  strb w1, [x3], #1
    subs x2, x2, #1
    b.ne 1b
2:  ret

// long print_str(const char *s): write(1, s, strlen(s)).
.global print_str
.type print_str, %function
print_str:
    stp x29, x30, [sp, #-32]!
    mov x29, sp
    str x0, [sp, #16]
    bl strlen
    mov x2, x0
    ldr x1, [sp, #16]
    mov w0, #1
    ldp x29, x30, [sp], #32
    b write

// long print_num(long v): v in decimal on stdout, one write.
.global print_num
.type print_num, %function
print_num:
    stp x29, x30, [sp, #-48]!           // 32 bytes of digits above the frame record
    mov x29, sp
    add x3, sp, #48                     // one past the last digit
    mov x1, x3
    cmp x0, #0
    cneg x2, x0, lt                     // INT64_MIN stays put and divides right unsigned
    mov x4, #10
1:  udiv x5, x2, x4
    msub x6, x5, x4, x2                 // the remainder: the lowest digit
    add w6, w6, #48
    strb w6, [x1, #-1]!
    mov x2, x5
    cbnz x2, 1b
    tbz x0, #63, 2f
    mov w6, #45                         // '-'
    strb w6, [x1, #-1]!
2:  sub x2, x3, x1
    mov w0, #1
    bl write
    ldp x29, x30, [sp], #48
    ret
`;
