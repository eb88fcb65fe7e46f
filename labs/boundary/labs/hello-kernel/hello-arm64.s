// Hello, kernel (ARM64): write(2) then exit(2), straight to the kernel.
// Linux arm64 syscall ABI: number in x8, arguments in x0-x5, then SVC #0
// (ARM ARM C6.2 SVC; syscall(2)). The result comes back in x0.
        .globl  _start
        .text
_start:
        mov     x8, #64                 // __NR_write
        mov     x0, #1                  // fd 1: standard output
        adr     x1, msg                 // buffer
        mov     x2, #14                 // length
        svc     #0                      // ELR_EL1 <- next instruction, SPSR_EL1 <- PSTATE

        mov     x8, #93                 // __NR_exit
        mov     x0, #0                  // TODO: exit with status {{params.status}}
        svc     #0

msg:    .ascii  "hello, kernel\n"
