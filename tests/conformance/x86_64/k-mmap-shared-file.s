# MAP_SHARED vs MAP_PRIVATE on a file (mmap(2)): a store through the shared mapping
# reaches the file (read() sees it at once, msync has nothing left to do, it survives
# munmap) and another process's mapping of it (a forked child's store is seen by the
# parent); write() to the file shows up in the shared mapping; a store through the
# private mapping is copy-on-write and never reaches the file. A read-only fd cannot
# back a writable shared mapping (EACCES). The private store comes first, before the
# file changes, since which version a private page copies is Linux's choice.
# expect-stdout: private:  hello, xxpping!\nread():   HELLO, mapping!\nmapping:  JELLO, mapping!\nchild's:  JELLO, CHILD   \nafter munmap: JELLO, CHILD   \nread-only fd, shared PROT_WRITE: -13\n
# expect-exit: 0
# expect-trace: msync(MAP1, 4096, MS_SYNC) = 0
# expect-trace: unlink("k-mmap-shared.dat") = 0
.intel_syntax noprefix
.global _start
.text
_start:
    mov eax, 2                  # open("k-mmap-shared.dat", O_RDWR|O_CREAT|O_TRUNC, 0644)
    lea rdi, [rip + path]
    mov esi, 0x242
    mov edx, 0644
    syscall
    mov r12, rax
    mov eax, 1                  # write(fd, "hello, mapping!\n", 16)
    mov rdi, r12
    lea rsi, [rip + initial]
    mov edx, 16
    syscall
    mov eax, 9                  # mmap(NULL, 4096, PROT_READ|PROT_WRITE, MAP_SHARED, fd, 0)
    xor edi, edi
    mov esi, 4096
    mov edx, 3
    mov r10d, 1
    mov r8, r12
    xor r9d, r9d
    syscall
    mov r13, rax                # r13 = shared
    mov eax, 9                  # mmap(NULL, 4096, PROT_READ|PROT_WRITE, MAP_PRIVATE, fd, 0)
    xor edi, edi
    mov esi, 4096
    mov edx, 3
    mov r10d, 2
    mov r8, r12
    xor r9d, r9d
    syscall
    mov r14, rax                # r14 = private
    mov word ptr [r14 + 7], 0x7878      # "xx" into the private copy
    lea rsi, [rip + m_private]
    mov rdx, r14
    call show
    mov dword ptr [r13], 0x4c4c4548     # "HELL" through the shared mapping
    mov byte ptr [r13 + 4], 0x4f        # "O"
    mov eax, 8                  # lseek(fd, 0, SEEK_SET); read(fd, buf, 16)
    mov rdi, r12
    xor esi, esi
    xor edx, edx
    syscall
    xor eax, eax
    mov rdi, r12
    lea rsi, [rip + buf]
    mov edx, 16
    syscall
    lea rsi, [rip + m_read]
    lea rdx, [rip + buf]
    call show
    mov eax, 8                  # lseek(fd, 0, SEEK_SET); write(fd, "J", 1)
    mov rdi, r12
    xor esi, esi
    xor edx, edx
    syscall
    mov eax, 1
    mov rdi, r12
    lea rsi, [rip + jay]
    mov edx, 1
    syscall
    lea rsi, [rip + m_mapping]
    mov rdx, r13
    call show
    mov eax, 57                 # fork: the child writes through its copy of the mapping
    syscall
    test rax, rax
    jnz .Lparent
    mov eax, 35                 # child: nanosleep(50 ms) so the parent's fork line comes first
    lea rdi, [rip + delay]
    xor esi, esi
    syscall
    mov dword ptr [r13 + 7], 0x4c494843 # "CHIL"
    mov dword ptr [r13 + 11], 0x20202044 # "D   "
    mov eax, 231
    xor edi, edi
    syscall
.Lparent:
    mov eax, 61                 # wait4(-1, NULL, 0, NULL)
    mov rdi, -1
    xor esi, esi
    xor edx, edx
    xor r10d, r10d
    syscall
    lea rsi, [rip + m_child]
    mov rdx, r13
    call show
    mov eax, 26                 # msync(shared, 4096, MS_SYNC)
    mov rdi, r13
    mov esi, 4096
    mov edx, 4
    syscall
    mov eax, 11                 # munmap(shared, 4096), then read the file again
    mov rdi, r13
    mov esi, 4096
    syscall
    mov eax, 8
    mov rdi, r12
    xor esi, esi
    xor edx, edx
    syscall
    xor eax, eax
    mov rdi, r12
    lea rsi, [rip + buf]
    mov edx, 16
    syscall
    lea rsi, [rip + m_after]
    lea rdx, [rip + buf]
    call show
    mov eax, 2                  # open(path, O_RDONLY): no writable shared mapping from it
    lea rdi, [rip + path]
    xor esi, esi
    syscall
    mov r8, rax
    mov eax, 9
    xor edi, edi
    mov esi, 4096
    mov edx, 3
    mov r10d, 1
    xor r9d, r9d
    syscall
    mov rdi, rax
    lea rsi, [rip + m_rdonly]
    call say
    mov eax, 87                 # unlink(path): leave nothing behind in the working directory
    lea rdi, [rip + path]
    syscall
    mov eax, 231
    xor edi, edi
    syscall

# show: puts(rsi), then the 16 bytes at rdx (which end in a newline).
show:
    push rdx
    call puts
    pop rsi
    mov eax, 1
    mov edi, 1
    mov edx, 16
    syscall
    ret

.data
delay: .quad 0, 50000000
.section .rodata
path:      .asciz "k-mmap-shared.dat"
initial:   .ascii "hello, mapping!\n"
jay:       .ascii "J"
m_private: .asciz "private:  "
m_read:    .asciz "read():   "
m_mapping: .asciz "mapping:  "
m_child:   .asciz "child's:  "
m_after:   .asciz "after munmap: "
m_rdonly:  .asciz "read-only fd, shared PROT_WRITE: "
.bss
buf: .zero 16

# ---- helpers shared by the k-*.s programs (each file carries its own copy) ----
.text
# puts: write the NUL-terminated string at rsi to fd 1 (clobbers rax, rcx, rdx, rdi, r11).
puts:
    xor edx, edx
.Lputs_len:
    cmp byte ptr [rsi + rdx], 0
    je .Lputs_write
    inc rdx
    jmp .Lputs_len
.Lputs_write:
    mov eax, 1
    mov edi, 1
    syscall
    ret

# putnum: write the signed value in rdi in decimal, then a newline.
putnum:
    sub rsp, 40
    lea rsi, [rsp + 39]
    mov byte ptr [rsi], 10
    mov rax, rdi
    mov r8, rdi
    test rax, rax
    jns .Lputnum_loop
    neg rax
.Lputnum_loop:
    mov ecx, 10
    xor edx, edx
    div rcx
    add dl, 0x30
    dec rsi
    mov byte ptr [rsi], dl
    test rax, rax
    jnz .Lputnum_loop
    test r8, r8
    jns .Lputnum_out
    dec rsi
    mov byte ptr [rsi], 0x2d
.Lputnum_out:
    lea rdx, [rsp + 40]
    sub rdx, rsi
    mov eax, 1
    mov edi, 1
    syscall
    add rsp, 40
    ret

# say: puts(rsi) then putnum(rdi), i.e. "label value\n".
say:
    push rdi
    call puts
    pop rdi
    jmp putnum

# restorer: the SA_RESTORER trampoline (x86-64 has no kernel-provided one).
restorer:
    mov eax, 15                 # rt_sigreturn
    syscall
