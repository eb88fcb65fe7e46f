# Context switches: bounce a byte {{params.rounds}} times. For now one process talks
# to itself, so nothing ever blocks and no other process runs.
        .intel_syntax noprefix
        .globl  _start
        .text
_start:
        mov     eax, 22                 # pipe(ping)
        lea     rdi, [rip + ping]
        syscall
        mov     eax, 22                 # pipe(pong)
        lea     rdi, [rip + pong]
        syscall
        # TODO (step 2): fork(); the child reads ping and answers on pong,
        #   the parent writes ping and waits for pong, then wait4s for the child.
        mov     r12d, {{params.rounds}}
1:      mov     edi, dword ptr [rip + ping + 4]
        call    put
        mov     edi, dword ptr [rip + ping]
        call    get
        dec     r12d
        jnz     1b
        mov     eax, 60
        xor     edi, edi
        syscall

put:    mov     eax, 1                  # write(fd, &token, 1)
        lea     rsi, [rip + token]
        mov     edx, 1
        syscall
        ret
get:    xor     eax, eax                # read(fd, &token, 1)
        lea     rsi, [rip + token]
        mov     edx, 1
        syscall
        ret

        .data
ping:   .long   0, 0
pong:   .long   0, 0
token:  .byte   0
