// errno (ARM64): a tiny libc-style wrapper turns -4095..-1 into errno (kept
// thread-local, at the address in TPIDR_EL0) and -1; a signal handler that makes
// its own failing call should leave errno as it found it (it does not yet).
        .globl  _start
        .text
_start:
        adr     x0, tls                 // this thread's TLS block: no system call needed,
        msr     tpidr_el0, x0           // EL0 may write its own thread pointer

        mov     x8, #134                // rt_sigaction(sig, &act, NULL, 8)
        mov     x0, #{{params.sig}}
        adr     x1, act
        mov     x2, #0
        mov     x3, #8
        svc     #0

        mov     x8, #56                 // openat(AT_FDCWD, "/no/such/file", O_RDONLY)
        mov     x0, #-100
        adr     x1, path
        mov     x2, #0
        bl      sys                     // fails: errno = ENOENT

        mov     x8, #172                // kill(getpid(), sig): the handler runs now
        svc     #0
        mov     x8, #129
        mov     x1, #{{params.sig}}
        bl      sys

        mrs     x0, tpidr_el0           // errno, as the program left it
        ldr     w1, [x0]
        add     w1, w1, #'0'
        adr     x2, out
        strb    w1, [x2, #6]
        mov     x8, #64                 // write(1, out, 8)
        mov     x0, #1
        mov     x1, x2
        mov     x2, #8
        svc     #0
        mov     x8, #93                 // exit(0)
        mov     x0, #0
        svc     #0

// sys: raw syscall with x8 = number; on -4095..-1 store -x0 in errno, return -1.
sys:
        svc     #0
        cmn     x0, #4095               // carry set when x0 >= -4095 (unsigned)
        b.hs    1f
        ret
1:      neg     w0, w0
        mrs     x9, tpidr_el0
        str     w0, [x9]
        mov     x0, #-1
        ret

handler:
        mov     x20, x30                // bl below overwrites x30 (the way back to sigreturn)
        mov     x8, #57                 // close(-1): fails with EBADF -- TODO: this clobbers errno; save and restore it
        mov     x0, #-1
        bl      sys
        mov     x30, x20
        ret

        .data
act:    .quad   handler, 0, 0, 0        // no SA_RESTORER: the kernel returns through the vDSO
path:   .asciz  "/no/such/file"
out:    .ascii  "errno=?\n"
        .balign 16
tls:    .zero   64
