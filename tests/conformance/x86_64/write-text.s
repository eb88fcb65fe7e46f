# A store into the program's own code. The text segment is mapped read+execute, so the
# page exists but forbids writing: #PF with the present bit set, reported as SIGSEGV
# SEGV_ACCERR with the target address (arch/x86/mm/fault.c access_error).
# expect-stdout: patching _start\n
# expect-exit: 139
# expect-trace: --- SIGSEGV {si_signo=SIGSEGV, si_code=SEGV_ACCERR, si_addr=0x401000} ---
.intel_syntax noprefix
.global _start
.text
_start:
    mov eax, 1
    mov edi, 1
    lea rsi, [rip + msg]
    mov edx, 16
    syscall
    lea rax, [rip + _start]
    mov byte ptr [rax], 0x90    # nop over our first byte
    mov eax, 60
    xor edi, edi
    syscall

.section .rodata
msg: .ascii "patching _start\n"
