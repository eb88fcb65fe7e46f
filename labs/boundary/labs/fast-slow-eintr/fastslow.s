# Fast and slow calls: a read on an empty pipe waits for SIGALRM.
        .intel_syntax noprefix
        .globl  _start
        .text
_start:
        mov     eax, 22                 # pipe(fds)
        lea     rdi, [rip + fds]
        syscall
        mov     eax, 39                 # getpid: a fast call, never interrupted
        syscall

        lea     rsi, [rip + act]        # phase 1: no SA_RESTART
        call    set_alarm_handler
        call    arm
        call    read_pipe               # -1 EINTR

        # TODO (step 3): set phase to 1, install the handler again with
        # SA_RESTORER | SA_RESTART (0x14000000), arm the alarm and read again.

        mov     eax, 60
        xor     edi, edi
        syscall

set_alarm_handler:                      # rt_sigaction(SIGALRM, rsi, NULL, 8)
        mov     eax, 13
        mov     edi, 14
        xor     edx, edx
        mov     r10d, 8
        syscall
        ret
arm:    mov     eax, 37                 # alarm({{params.secs}})
        mov     edi, {{params.secs}}
        syscall
        ret
read_pipe:
        xor     eax, eax                # read(fds[0], buf, 16)
        mov     edi, dword ptr [rip + fds]
        lea     rsi, [rip + buf]
        mov     edx, 16
        syscall
        ret

handler:                                # in phase 1 do nothing; in phase 2 feed the pipe
        cmp     byte ptr [rip + phase], 0
        je      1f
        mov     eax, 1
        mov     edi, dword ptr [rip + fds + 4]
        lea     rsi, [rip + feed]
        mov     edx, 1
        syscall
1:      ret
restorer:
        mov     eax, 15
        syscall

        .data
act:    .quad   handler, 0x04000000, restorer, 0
fds:    .long   0, 0
phase:  .byte   0
feed:   .ascii  "x"
        .bss
buf:    .skip   16
