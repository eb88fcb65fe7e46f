# rep movsb that runs off the end of a mapping: the copy proceeds byte by byte until the
# first store to the unmapped page faults, SIGSEGV SEGV_MAPERR at that page's start;
# the bytes before it were copied (SDM Vol 2B REP: the instruction is restartable,
# rcx/rsi/rdi hold the progress).
# expect-stdout: copying 32 bytes across the end\n
# expect-exit: 139
# expect-trace: --- SIGSEGV {si_signo=SIGSEGV, si_code=SEGV_MAPERR, si_addr=MAP1+0x1000} ---
.intel_syntax noprefix
.global _start
.text
_start:
    mov eax, 9
    xor edi, edi
    mov esi, 8192
    mov edx, 3
    mov r10d, 0x22
    mov r8, -1
    xor r9d, r9d
    syscall
    mov rbx, rax
    mov eax, 11
    lea rdi, [rbx + 4096]
    mov esi, 4096
    syscall
    mov eax, 1
    mov edi, 1
    lea rsi, [rip + msg]
    mov edx, 32
    syscall
    lea rsi, [rip + msg]
    lea rdi, [rbx + 4080]       # 16 bytes fit, the 17th faults
    mov ecx, 32
    rep movsb
    mov eax, 60
    xor edi, edi
    syscall

.section .rodata
msg: .ascii "copying 32 bytes across the end\n"
