# errno: a tiny libc-style wrapper turns -4095..-1 into
# errno (kept thread-local at fs:0) and -1; a signal handler that makes its own
# failing call should leave errno as it found it (it does not yet).
        .intel_syntax noprefix
        .globl  _start
        .text
_start:
        mov     eax, 158                # arch_prctl(ARCH_SET_FS, &tls)
        mov     edi, 0x1002
        lea     rsi, [rip + tls]
        syscall

        mov     eax, 13                 # rt_sigaction(sig, &act, NULL, 8)
        mov     edi, {{params.sig}}
        lea     rsi, [rip + act]
        xor     edx, edx
        mov     r10d, 8
        syscall

        mov     eax, 2                  # open("/no/such/file", O_RDONLY)
        lea     rdi, [rip + path]
        xor     esi, esi
        call    sys                     # fails: errno = ENOENT

        mov     eax, 39                 # kill(getpid(), sig): the handler runs now
        syscall
        mov     edi, eax
        mov     eax, 62
        mov     esi, {{params.sig}}
        call    sys

        mov     eax, dword ptr fs:[0]   # errno, as the program left it
        add     al, '0'
        mov     [rip + out + 6], al
        mov     eax, 1
        mov     edi, 1
        lea     rsi, [rip + out]
        mov     edx, 8
        syscall
        mov     eax, 60
        xor     edi, edi
        syscall

# sys: raw syscall with rax = number; on -4095..-1 store -rax in errno, return -1.
sys:
        syscall
        cmp     rax, -4095
        jae     1f
        ret
1:      neg     eax
        mov     dword ptr fs:[0], eax
        mov     rax, -1
        ret

handler:
        mov     eax, 3                  # close(-1): fails with EBADF -- TODO: this clobbers errno; save and restore it
        mov     edi, -1
        call    sys
        ret
restorer:
        mov     eax, 15
        syscall

        .data
act:    .quad   handler, 0x04000000, restorer, 0
path:   .asciz  "/no/such/file"
out:    .ascii  "errno=?\n"
        .balign 16
tls:    .zero   64
