# The shape of /proc/self/maps (proc(5)): one line per mapping, "start-end perms ...",
# sorted by address. Only booleans are printed, since addresses, inodes and the vDSO are
# the host's: is there a [stack] line, does the first line cover the ELF header (the
# first page the loader maps), is the line covering _start r-xp, and does a [heap] line
# appear only once brk has grown the heap.
# expect-stdout: [stack] line: 1\n[heap] line before brk grows: 0\nfirst line covers the ELF header: 1\n_start's line is r-xp: 1\n[heap] line after brk grows: 1\n
# expect-exit: 0
# expect-trace: open("/proc/self/maps", O_RDONLY) = 3
.intel_syntax noprefix
.global _start
.text
_start:
    mov rax, qword ptr [rsp]    # find AT_PHDR (3) in the auxv
    lea rbx, [rsp + 16 + rax * 8]
.Lenv:
    mov rax, qword ptr [rbx]
    add rbx, 8
    test rax, rax
    jnz .Lenv
.Laux:
    mov rax, qword ptr [rbx]
    mov rcx, qword ptr [rbx + 8]
    add rbx, 16
    test rax, rax
    jz .Laux_done
    cmp rax, 3
    jne .Laux
    mov qword ptr [rip + at_phdr], rcx
    jmp .Laux
.Laux_done:
    call read_maps
    lea rdi, [rip + s_stack]
    call contains
    mov edi, eax
    lea rsi, [rip + m_stack]
    call say
    lea rdi, [rip + s_heap]
    call contains
    mov edi, eax
    lea rsi, [rip + m_heap0]
    call say
    lea rsi, [rip + buf]        # first line: start <= AT_PHDR < end
    call parse_line
    mov rcx, qword ptr [rip + at_phdr]
    xor edi, edi
    cmp rcx, rax
    jb .Lfirst_done
    cmp rcx, rdx
    jae .Lfirst_done
    mov edi, 1
.Lfirst_done:
    lea rsi, [rip + m_first]
    call say
    lea rsi, [rip + buf]        # the line whose range holds _start
    lea rcx, [rip + _start]
    xor edi, edi
.Lfind:
    cmp byte ptr [rsi], 0
    je .Lfind_done
    push rcx
    call parse_line
    pop rcx
    cmp rcx, rax
    jb .Lfind
    cmp rcx, rdx
    jae .Lfind
    cmp dword ptr [r8], 0x70782d72       # "r-xp", little-endian
    sete dil
.Lfind_done:
    lea rsi, [rip + m_text]
    call say
    mov eax, 12                 # brk(0), then grow by 64 KiB
    xor edi, edi
    syscall
    lea rdi, [rax + 0x10000]
    mov eax, 12
    syscall
    call read_maps
    lea rdi, [rip + s_heap]
    call contains
    mov edi, eax
    lea rsi, [rip + m_heap1]
    call say
    mov eax, 231
    xor edi, edi
    syscall

# read_maps: open /proc/self/maps, read it whole into buf (NUL-terminated), close it.
read_maps:
    mov eax, 2                  # open("/proc/self/maps", O_RDONLY)
    lea rdi, [rip + path]
    xor esi, esi
    syscall
    mov r12, rax
    xor r13d, r13d              # bytes so far
.Lread:
    xor eax, eax                # read(fd, buf + n, size - 1 - n)
    mov rdi, r12
    lea rsi, [rip + buf]
    add rsi, r13
    mov edx, 65535
    sub rdx, r13
    syscall
    test rax, rax
    jle .Lread_done
    add r13, rax
    jmp .Lread
.Lread_done:
    lea rax, [rip + buf]
    mov byte ptr [rax + r13], 0
    mov eax, 3                  # close(fd)
    mov rdi, r12
    syscall
    ret

# contains: eax = 1 if the NUL-terminated string at rdi occurs in buf, else 0.
contains:
    lea rsi, [rip + buf]
.Lc_outer:
    cmp byte ptr [rsi], 0
    je .Lc_no
    xor ecx, ecx
.Lc_inner:
    movzx eax, byte ptr [rdi + rcx]
    test eax, eax
    jz .Lc_yes
    cmp al, byte ptr [rsi + rcx]
    jne .Lc_next
    inc rcx
    jmp .Lc_inner
.Lc_next:
    inc rsi
    jmp .Lc_outer
.Lc_yes:
    mov eax, 1
    ret
.Lc_no:
    xor eax, eax
    ret

# parse_line: rsi -> "start-end perms ...\n"; returns rax = start, rdx = end,
# r8 -> perms, rsi -> the next line.
parse_line:
    call parse_hex
    mov r9, rax
    inc rsi                     # '-'
    call parse_hex
    mov rdx, rax
    mov rax, r9
    inc rsi                     # ' '
    mov r8, rsi
.Lpl_eol:
    cmp byte ptr [rsi], 0
    je .Lpl_done
    cmp byte ptr [rsi], 10
    je .Lpl_nl
    inc rsi
    jmp .Lpl_eol
.Lpl_nl:
    inc rsi
.Lpl_done:
    ret

# parse_hex: rax = the lowercase hex number at rsi; rsi -> the first other byte.
parse_hex:
    xor eax, eax
.Lph:
    movzx ecx, byte ptr [rsi]
    sub ecx, 0x30
    cmp ecx, 10
    jb .Lph_digit
    sub ecx, 0x27               # 'a' - '0' - 10
    cmp ecx, 10
    jb .Lph_end
    cmp ecx, 16
    jae .Lph_end
.Lph_digit:
    shl rax, 4
    or rax, rcx
    inc rsi
    jmp .Lph
.Lph_end:
    ret

.data
at_phdr: .quad 0
.section .rodata
path:    .asciz "/proc/self/maps"
s_stack: .asciz "[stack]"
s_heap:  .asciz "[heap]"
m_stack: .asciz "[stack] line: "
m_heap0: .asciz "[heap] line before brk grows: "
m_first: .asciz "first line covers the ELF header: "
m_text:  .asciz "_start's line is r-xp: "
m_heap1: .asciz "[heap] line after brk grows: "
.bss
buf: .zero 65536

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
