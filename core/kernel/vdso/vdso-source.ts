// The vDSO's code, as guest assembly: clock_gettime, gettimeofday, time and getcpu
// answered in user mode from the vvar page, with no mode switch. The read is a
// seqlock: take seq, retry while it is odd, read, retry if seq changed meanwhile.

import { VVAR_CLOCK_MASK, VVAR_CLOCKS, VVAR_SEQ, VVAR_TSC_BASE, VVAR_TSC_DEN, VVAR_TSC_NUM } from './vvar.js';

/** Offset of the code inside the vDSO image (the ELF headers and tables come first). */
export const VDSO_TEXT_OFFSET = 0x400;

export const VDSO_FUNCTIONS = ['__vdso_clock_gettime', '__vdso_gettimeofday', '__vdso_time', '__vdso_getcpu'] as const;

export const VDSO_SOURCE = `# Syscall Lab vDSO (x86-64). The vvar page sits one page below this image.
.intel_syntax noprefix
.text
vdso_text:

# vread: ECX = clock id. Returns R10 = seconds, RDX = nanoseconds. Clobbers RAX, R8, R9, R11.
vread:
    lea r8, [rip + vdso_text]
    sub r8, ${VDSO_TEXT_OFFSET + 4096}           # r8 = the vvar page
vdso_seqlock_begin:
    mov r9d, DWORD PTR [r8 + ${VVAR_SEQ}]       # seq
    test r9d, 1
    jnz vdso_seqlock_begin                       # odd: an update is in progress
    .byte 0x0f, 0x31                             # rdtsc: EDX:EAX = time-stamp counter
    shl rdx, 32
    or rax, rdx
    sub rax, QWORD PTR [r8 + ${VVAR_TSC_BASE}]  # ticks since the last update
    imul rax, QWORD PTR [r8 + ${VVAR_TSC_NUM}]
    xor edx, edx
    div QWORD PTR [r8 + ${VVAR_TSC_DEN}]        # → nanoseconds since the update
    mov r11, rcx
    shl r11, 4
    add rax, QWORD PTR [r8 + r11 + ${VVAR_CLOCKS + 8}]
    mov r10, QWORD PTR [r8 + r11 + ${VVAR_CLOCKS}]
    xor edx, edx
    mov r11d, 1000000000
    div r11                                      # carry whole seconds out of the nanoseconds
    add r10, rax
    mov eax, DWORD PTR [r8 + ${VVAR_SEQ}]
    cmp eax, r9d
    jne vdso_seqlock_begin                       # the kernel wrote meanwhile: read again
vdso_seqlock_end:
    ret

# int clock_gettime(clockid_t id, struct timespec *tp)
.global __vdso_clock_gettime
__vdso_clock_gettime:
    cmp edi, 31
    ja 1f
    lea r8, [rip + vdso_text]
    sub r8, ${VDSO_TEXT_OFFSET + 4096}
    mov eax, DWORD PTR [r8 + ${VVAR_CLOCK_MASK}]
    bt eax, edi
    jnc 1f                                       # not served here: fall back to the syscall
    mov ecx, edi
    call vread
    mov QWORD PTR [rsi], r10
    mov QWORD PTR [rsi + 8], rdx
    xor eax, eax
    ret
1:
    mov eax, 228                                 # __NR_clock_gettime
    syscall
    ret

# int gettimeofday(struct timeval *tv, struct timezone *tz)
.global __vdso_gettimeofday
__vdso_gettimeofday:
    test rdi, rdi
    jz 2f
    xor ecx, ecx                                 # CLOCK_REALTIME
    call vread
    mov rax, rdx
    xor edx, edx
    mov r11d, 1000
    div r11                                      # nanoseconds → microseconds
    mov QWORD PTR [rdi], r10
    mov QWORD PTR [rdi + 8], rax
2:
    test rsi, rsi
    jz 3f
    mov QWORD PTR [rsi], 0                       # struct timezone: UTC, no DST
3:
    xor eax, eax
    ret

# time_t time(time_t *t)
.global __vdso_time
__vdso_time:
    xor ecx, ecx
    call vread
    mov rax, r10
    test rdi, rdi
    jz 4f
    mov QWORD PTR [rdi], rax
4:
    ret

# int getcpu(unsigned *cpu, unsigned *node, void *unused): one CPU, one node
.global __vdso_getcpu
__vdso_getcpu:
    test rdi, rdi
    jz 5f
    mov DWORD PTR [rdi], 0
5:
    test rsi, rsi
    jz 6f
    mov DWORD PTR [rsi], 0
6:
    xor eax, eax
    ret
`;
