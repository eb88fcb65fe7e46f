# getpid, gettid and getppid: a single-threaded process is its own thread-group leader,
# so pid == tid, and its parent is someone else. Pids differ run to run, so only the
# comparisons are printed (getpid(2), gettid(2)).
# expect-stdout: pid == tid: 1\nppid != pid: 1\nppid > 0: 1\n
# expect-exit: 0
# expect-trace: gettid() = PID
# expect-trace: getppid() = PID
.intel_syntax noprefix
.global _start
.text
_start:
    mov eax, 39                 # getpid
    syscall
    mov rbx, rax
    mov eax, 186                # gettid
    syscall
    mov r12, rax
    mov eax, 110                # getppid
    syscall
    mov r13, rax
    xor edi, edi
    cmp rbx, r12
    sete dil
    lea rsi, [rip + l1]
    mov edx, 12
    call print_bool
    xor edi, edi
    cmp r13, rbx
    setne dil
    lea rsi, [rip + l2]
    mov edx, 13
    call print_bool
    xor edi, edi
    test r13, r13
    setg dil
    lea rsi, [rip + l3]
    mov edx, 10
    call print_bool
    mov eax, 60
    xor edi, edi
    syscall

.section .rodata
l1: .ascii "pid == tid: "
l2: .ascii "ppid != pid: "
l3: .ascii "ppid > 0: "
.text

# print_bool: writes the label at rsi (rdx bytes) followed by "1\n" if edi != 0, else "0\n".
print_bool:
    push rdi
    mov eax, 1                  # write(1, label, len)
    mov edi, 1
    syscall
    pop rdi
    lea rsi, [rip + bool_false]
    lea rax, [rip + bool_true]
    test edi, edi
    cmovnz rsi, rax
    mov eax, 1
    mov edi, 1
    mov edx, 2
    syscall
    ret

.section .rodata
bool_true:  .ascii "1\n"
bool_false: .ascii "0\n"
