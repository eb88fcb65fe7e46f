// The cost of abstraction (ARM64): two green threads share one kernel thread.
// Thread A reads from a pipe that only thread B ever writes to. Run it and see
// why it stalls.
        .globl  _start
        .text
_start:
        mov     x8, #59                 // pipe2(fds, 0)  TODO (step 3): O_NONBLOCK is 0x800
        ldr     x0, =fds
        mov     x1, #0
        svc     #0
        // Thread B's first resume: twelve zero callee-saved registers, x30 = its entry.
        ldr     x0, =stack_b_top
        sub     x0, x0, #96
        ldr     x1, =thread_b
        str     x1, [x0, #88]           // the saved x30 that yield returns through
        ldr     x2, =saved_sp
        str     x0, [x2, #8]
        b       thread_a

thread_a:
1:      mov     x8, #63                 // read(fds[0], buf, 16)
        ldr     x9, =fds
        ldr     w0, [x9]
        ldr     x1, =buf
        mov     x2, #16
        svc     #0
        // TODO (step 3): on -EAGAIN (-11), bl yield and try again
        ldr     x1, =msg_a
        mov     x2, #12
        bl      say
        mov     x8, #93                 // exit(0)
        mov     x0, #0
        svc     #0

thread_b:
        mov     x8, #64                 // write(fds[1], "ping", 4)
        ldr     x9, =fds
        ldr     w0, [x9, #4]
        ldr     x1, =ping
        mov     x2, #4
        svc     #0
        ldr     x1, =msg_b
        mov     x2, #8
        bl      say
3:      bl      yield
        b       3b

// yield: save the callee-saved registers (x19-x30, AAPCS64) on this thread's
// stack, switch stack pointers, restore the other thread's and return into it.
yield:
        sub     sp, sp, #96
        stp     x19, x20, [sp, #0]
        stp     x21, x22, [sp, #16]
        stp     x23, x24, [sp, #32]
        stp     x25, x26, [sp, #48]
        stp     x27, x28, [sp, #64]
        stp     x29, x30, [sp, #80]
        ldr     x9, =current
        ldr     x10, [x9]
        ldr     x11, =saved_sp
        mov     x12, sp
        str     x12, [x11, x10, lsl #3]
        eor     x10, x10, #1
        str     x10, [x9]
        ldr     x12, [x11, x10, lsl #3]
        mov     sp, x12
        ldp     x19, x20, [sp, #0]
        ldp     x21, x22, [sp, #16]
        ldp     x23, x24, [sp, #32]
        ldp     x25, x26, [sp, #48]
        ldp     x27, x28, [sp, #64]
        ldp     x29, x30, [sp, #80]
        add     sp, sp, #96
        ret

say:    mov     x8, #64                 // write(1, x1, x2)
        mov     x0, #1
        svc     #0
        ret

        .section .rodata
ping:   .ascii  "ping"
msg_a:  .ascii  "A read ping\n"
msg_b:  .ascii  "B wrote\n"
        .data
fds:    .long   0, 0
current: .quad  0
saved_sp: .quad 0, 0
        .bss
buf:    .skip   16
        .balign 16
stack_b: .skip  4096
stack_b_top:
