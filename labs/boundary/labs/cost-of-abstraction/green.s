# The cost of abstraction: two green threads share one kernel thread. Thread A
# reads from a pipe that only thread B ever writes to. Run it and see why it stalls.
        .intel_syntax noprefix
        .globl  _start
        .text
_start:
        mov     eax, 293                # pipe2(fds, 0)  TODO (step 3): O_NONBLOCK is 0x800
        lea     rdi, [rip + fds]
        xor     esi, esi
        syscall
        # Thread B's first resume: six zero callee-saved registers, then its entry.
        lea     rax, [rip + stack_b_top]
        lea     rcx, [rip + thread_b]
        mov     [rax - 8], rcx
        sub     rax, 56
        mov     [rip + saved_sp + 8], rax
        jmp     thread_a

thread_a:
1:      xor     eax, eax                # read(fds[0], buf, 16)
        mov     edi, dword ptr [rip + fds]
        lea     rsi, [rip + buf]
        mov     edx, 16
        syscall
        # TODO (step 3): on -EAGAIN (-11), call yield and try again
        lea     rsi, [rip + msg_a]
        mov     edx, 12
        call    say
        mov     eax, 60
        xor     edi, edi
        syscall

thread_b:
        mov     eax, 1                  # write(fds[1], "ping", 4)
        mov     edi, dword ptr [rip + fds + 4]
        lea     rsi, [rip + ping]
        mov     edx, 4
        syscall
        lea     rsi, [rip + msg_b]
        mov     edx, 8
        call    say
3:      call    yield
        jmp     3b

# yield: save callee-saved registers on this thread's stack, switch stacks.
yield:
        push    rbx
        push    rbp
        push    r12
        push    r13
        push    r14
        push    r15
        mov     rax, [rip + current]
        lea     rcx, [rip + saved_sp]
        mov     [rcx + rax*8], rsp
        xor     eax, 1
        mov     [rip + current], rax
        mov     rsp, [rcx + rax*8]
        pop     r15
        pop     r14
        pop     r13
        pop     r12
        pop     rbp
        pop     rbx
        ret

say:    mov     eax, 1                  # write(1, rsi, rdx)
        mov     edi, 1
        syscall
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
