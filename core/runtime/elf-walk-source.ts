// The runtime's two walks over ELF structures in memory, as x86-64 guest assembly:
// finding __vdso_clock_gettime in the vDSO, and a static PIE relocating itself. Both
// read (tag, value) arrays ending in tag 0, the shape the auxv and the dynamic section
// share (ELF-64 "Dynamic Section", getauxval(3)), so one generator writes those loops.

const AT_PHDR = 3;
const AT_ENTRY = 9;
const AT_SYSINFO_EHDR = 33;

const LOW32: Record<string, string> = { rcx: 'ecx', rdx: 'edx', rsi: 'esi', r8: 'r8d', r9: 'r9d' };

/**
 * A loop over (tag, value) pairs at `ptr` (advanced as it goes) that leaves in each
 * register the value of its tag, or 0 when the tag is absent. Uses RAX and the numeric
 * labels `label` (the loop) and `label + 1` (the end).
 */
export function scanTags(ptr: string, label: number, picks: ReadonlyArray<readonly [tag: number, reg: string, note: string]>): string {
  const zero = picks.map(([, reg, note]) => {
    const low = LOW32[reg] ?? reg;
    return `${`    xor ${low}, ${low}`.padEnd(40)}# ${note}`;
  });
  const pick = picks.flatMap(([tag, reg]) => [`    cmp rax, ${tag}`, `    cmove ${reg}, QWORD PTR [${ptr} + 8]`]);
  return [...zero, `${label}:  mov rax, QWORD PTR [${ptr}]`, '    test rax, rax', `    jz ${label + 1}f`, ...pick, `    add ${ptr}, 16`, `    jmp ${label}b`, `${label + 1}:`].join('\n');
}

export const ELF_WALK_SOURCE = `# ---- ELF walks: static-PIE self-relocation, the vDSO symbol lookup ----
.text
# A static PIE must fix its own absolute pointers before anything reads them: there is
# no dynamic linker. Each R_X86_64_RELATIVE entry in DT_RELA says "store base + addend
# at base + offset" (x86-64 psABI 4.4.1). Everything comes from the auxv, so no
# link-time symbol is needed: the ELF header sits just before the program headers
# (AT_PHDR - 64, GNU ld's e_phoff), the base is AT_ENTRY - e_entry, and a fixed-address
# executable (ET_EXEC) has nothing to relocate.
__relocate_static_pie:
    mov rdx, QWORD PTR [rip + __auxv]
${scanTags('rdx', 1, [
  [AT_PHDR, 'r8', 'AT_PHDR'],
  [AT_ENTRY, 'r9', 'AT_ENTRY'],
])}
    test r8, r8
    jz 9f
    lea r10, [r8 - 64]                  # the ELF header, if the tables follow it
    cmp DWORD PTR [r10], 0x464c457f     # "\\x7fELF"
    jne 9f
    cmp QWORD PTR [r10 + 0x20], 64      # e_phoff
    jne 9f
    cmp WORD PTR [r10 + 0x10], 3        # e_type == ET_DYN
    jne 9f
    sub r9, QWORD PTR [r10 + 0x18]      # base = AT_ENTRY - e_entry
    movzx ecx, WORD PTR [r10 + 0x38]    # e_phnum
3:  test ecx, ecx
    jz 9f
    cmp DWORD PTR [r8], 2               # PT_DYNAMIC
    je 4f
    add r8, 56
    dec ecx
    jmp 3b
4:  mov rdx, QWORD PTR [r8 + 16]
    add rdx, r9                         # the dynamic section, relocated
    mov r8, r9
${scanTags('rdx', 5, [
  [7, 'rsi', 'DT_RELA'],
  [8, 'rcx', 'DT_RELASZ'],
])}
    test rsi, rsi
    jz 9f
    add rsi, r8
    add rcx, rsi                        # end of the table
7:  cmp rsi, rcx
    jae 9f
    cmp DWORD PTR [rsi + 8], 8          # ELF64_R_TYPE(r_info) == R_X86_64_RELATIVE
    jne 8f
    mov rax, QWORD PTR [rsi + 16]       # r_addend
    add rax, r8
    mov rdi, QWORD PTR [rsi]            # r_offset
    mov QWORD PTR [r8 + rdi], rax
8:  add rsi, 24                         # sizeof(Elf64_Rela)
    jmp 7b
9:  ret

# __vdso_init(auxv): find __vdso_clock_gettime the way a dynamic linker would:
# AT_SYSINFO_EHDR -> program headers (load bias, PT_DYNAMIC) -> DT_HASH, DT_SYMTAB,
# DT_STRTAB -> the symbol by name (vdso(7)). Leaves the pointer 0 when anything is
# missing, and clock_gettime then makes the system call.
__vdso_init:
${scanTags('rdi', 1, [[AT_SYSINFO_EHDR, 'r8', 'AT_SYSINFO_EHDR: the vDSO image']])}
    test r8, r8
    jz 9f
    movzx ecx, WORD PTR [r8 + 56]       # e_phnum
    mov r9, QWORD PTR [r8 + 32]         # e_phoff
    add r9, r8
    mov r10, -1                         # load bias, not yet known
    xor r11d, r11d                      # PT_DYNAMIC's vaddr
3:  test ecx, ecx
    jz 5f
    mov edx, DWORD PTR [r9]             # p_type
    cmp edx, 1                          # PT_LOAD: bias = base + p_offset - p_vaddr
    jne 4f
    cmp r10, -1
    jne 4f
    mov r10, r8
    add r10, QWORD PTR [r9 + 8]
    sub r10, QWORD PTR [r9 + 16]
4:  cmp edx, 2                          # PT_DYNAMIC
    jne 41f
    mov r11, QWORD PTR [r9 + 16]
41: add r9, 56
    dec ecx
    jmp 3b
5:  cmp r10, -1
    je 9f
    test r11, r11
    jz 9f
    add r11, r10
${scanTags('r11', 6, [
  [6, 'rsi', 'DT_SYMTAB'],
  [5, 'rdx', 'DT_STRTAB'],
  [4, 'rcx', 'DT_HASH'],
])}
    test rsi, rsi
    jz 9f
    test rdx, rdx
    jz 9f
    test rcx, rcx
    jz 9f
    add rsi, r10                        # the tables' addresses are link-time: add the bias
    add rdx, r10
    add rcx, r10
    mov ecx, DWORD PTR [rcx + 4]        # nchain: the number of symbols
8:  test ecx, ecx
    jz 9f
    mov eax, DWORD PTR [rsi]            # st_name
    lea rdi, [rdx + rax]
    lea r9, [rip + __vdso_cgt_name]
81: mov al, BYTE PTR [rdi]
    cmp al, BYTE PTR [r9]
    jne 82f
    inc rdi
    inc r9
    test al, al
    jnz 81b
    cmp WORD PTR [rsi + 6], 0           # st_shndx: SHN_UNDEF is not a definition
    je 82f
    mov rax, QWORD PTR [rsi + 8]        # st_value
    add rax, r10
    mov QWORD PTR [rip + __vdso_clock_gettime], rax
    ret
82: add rsi, 24                         # sizeof(Elf64_Sym)
    dec ecx
    jmp 8b
9:  ret

.section .rodata
__vdso_cgt_name: .asciz "__vdso_clock_gettime"
.text
`;
