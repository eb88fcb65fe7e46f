// The vDSO: clock_gettime without a system call (ARM64). find_vdso and vdso_lookup
// are given; _start still pays for a full trap (svc) on every call.
        .globl  _start
        .text
_start:
        mov     w19, #{{params.calls}}
1:      mov     x0, #1                  // clock_gettime(CLOCK_MONOTONIC, &ts)
        adr     x1, ts
        mov     x8, #113                // __NR_clock_gettime
        svc     #0
        subs    w19, w19, #1
        b.ne    1b
        // TODO (step 2): x0 = initial sp; bl find_vdso; then vdso_lookup(base, name)
        //   and make these {{params.calls}} calls through the returned pointer (blr) instead.
        //   The vDSO may clobber x0-x17: keep your counter and pointers in x19-x28.
        // TODO (step 3): write(1, x1, 22): the name, as vdso_lookup found it in the vDSO.
        // Keep one real clock_gettime syscall at the end for comparison.
        mov     x0, #0
        mov     x8, #93                 // __NR_exit
        svc     #0

// find_vdso(x0 = initial sp): skip argc, argv[], envp[], then scan auxv for type 33.
find_vdso:
        ldr     x1, [x0]                // argc
        add     x0, x0, x1, lsl #3
        add     x0, x0, #16             // envp[0]
2:      ldr     x1, [x0], #8
        cbnz    x1, 2b                  // x0 = auxv, just past envp's NULL
3:      ldp     x1, x2, [x0], #16       // (type, value) pairs ending in AT_NULL
        cbz     x1, 4f
        cmp     x1, #33                 // AT_SYSINFO_EHDR
        b.ne    3b
        mov     x0, x2
        ret
4:      mov     x0, #0
        ret

// vdso_lookup(x0 = ELF base, x1 = name): walk the program headers for the load bias
// and PT_DYNAMIC, take DT_SYMTAB/DT_STRTAB, scan Elf64_Sym (24 bytes) entries.
// Returns x0 = the function (0 if absent), x1 = its name as stored in the vDSO.
vdso_lookup:
        ldr     x2, [x0, #32]           // e_phoff
        add     x2, x2, x0
        ldrh    w3, [x0, #56]           // e_phnum
        mov     x4, #0                  // bias
        mov     x5, #0                  // dynamic
5:      ldr     w6, [x2]                // p_type
        ldr     x7, [x2, #16]           // p_vaddr
        cmp     w6, #1                  // PT_LOAD
        b.ne    6f
        sub     x4, x0, x7              // bias = base - p_vaddr
6:      cmp     w6, #2                  // PT_DYNAMIC
        csel    x5, x7, x5, eq
        add     x2, x2, #56
        subs    w3, w3, #1
        b.ne    5b
        add     x5, x5, x4
        mov     x6, #0                  // symtab
        mov     x7, #0                  // strtab
7:      ldp     x9, x10, [x5], #16      // d_tag, d_val
        cbz     x9, 8f
        cmp     x9, #6                  // DT_SYMTAB
        csel    x6, x10, x6, eq
        cmp     x9, #5                  // DT_STRTAB
        csel    x7, x10, x7, eq
        b       7b
8:      add     x6, x6, x4
        add     x7, x7, x4
9:      cmp     x6, x7                  // .dynsym ends where .dynstr begins
        b.hs    12f
        ldr     w9, [x6]                // st_name
        add     x10, x7, x9
        mov     x11, x1
10:     ldrb    w12, [x10], #1
        ldrb    w13, [x11], #1
        cmp     w12, w13
        b.ne    11f
        cbnz    w12, 10b
        ldr     x0, [x6, #8]            // st_value
        add     x0, x0, x4
        add     x1, x7, x9              // the name, as stored in the vDSO
        ret
11:     add     x6, x6, #24
        b       9b
12:     mov     x0, #0
        ret

name:   .asciz  "__kernel_clock_gettime"
        .data
        .balign 8
ts:     .quad   0, 0
