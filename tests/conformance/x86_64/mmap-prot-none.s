# A PROT_NONE mapping reserves addresses without access: the page is there (mapped),
# so a load faults with SEGV_ACCERR, not SEGV_MAPERR (mmap(2) PROT_NONE; guard pages
# are made this way).
# expect-stdout: reading PROT_NONE\n
# expect-exit: 139
# expect-trace: mmap(NULL, 4096, PROT_NONE, MAP_PRIVATE|MAP_ANONYMOUS, -1, 0) = MAP1
# expect-trace: --- SIGSEGV {si_signo=SIGSEGV, si_code=SEGV_ACCERR, si_addr=MAP1+0x10} ---
.intel_syntax noprefix
.global _start
.text
_start:
    mov eax, 9
    xor edi, edi
    mov esi, 4096
    xor edx, edx                # PROT_NONE
    mov r10d, 0x22
    mov r8, -1
    xor r9d, r9d
    syscall
    mov rbx, rax
    mov eax, 1
    mov edi, 1
    lea rsi, [rip + msg]
    mov edx, 18
    syscall
    mov rax, qword ptr [rbx + 16]
    mov eax, 60
    xor edi, edi
    syscall

.section .rodata
msg: .ascii "reading PROT_NONE\n"
