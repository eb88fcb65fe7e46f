// The runtime's two walks over ELF structures in memory, as AArch64 guest assembly:
// a static PIE relocating itself (R_AARCH64_RELATIVE), and finding
// __kernel_clock_gettime in the vDSO (arch/arm64/kernel/vdso/vdso.lds.S names it so,
// version LINUX_2.6.39). The structures are the same ELF-64 ones the x86-64 walks in
// elf-walk-source.ts read; only the instructions and the relocation type differ.

const AT_PHDR = 3;
const AT_ENTRY = 9;
const AT_SYSINFO_EHDR = 33;
/** ELF for the Arm 64-bit Architecture (AAELF64), "Dynamic relocations": B(S) + A. */
const R_AARCH64_RELATIVE = 1027;

/**
 * A loop over (tag, value) pairs at `ptr` (advanced as it goes) that leaves in each
 * register the value of its tag, or 0 when the tag is absent. Uses x9, x10 and the
 * numeric labels `label` (the loop) and `label + 1` (the end).
 */
export function scanTagsArm64(ptr: string, label: number, picks: ReadonlyArray<readonly [tag: number, reg: string, note: string]>): string {
  const zero = picks.map(([, reg, note]) => `${`    mov ${reg}, #0`.padEnd(40)}// ${note}`);
  const pick = picks.flatMap(([tag, reg]) => [`    cmp x9, #${tag}`, `    csel ${reg}, x10, ${reg}, eq`]);
  return [...zero, `${label}:  ldp x9, x10, [${ptr}], #16`, `    cbz x9, ${label + 1}f`, ...pick, `    b ${label}b`, `${label + 1}:`].join('\n');
}

export const ELF_WALK_SOURCE_ARM64 = `// ---- ELF walks: static-PIE self-relocation, the vDSO symbol lookup ----
.text
// A static PIE must fix its own absolute pointers (GOT entries, pointer tables) before
// anything reads them: there is no dynamic linker. Each R_AARCH64_RELATIVE entry in
// DT_RELA says "store base + addend at base + offset". Everything comes from the auxv:
// the ELF header sits just before the program headers (AT_PHDR - 64, GNU ld's
// e_phoff), the base is AT_ENTRY - e_entry, and a fixed-address executable (ET_EXEC)
// has nothing to relocate. Only x0-x15 are used: no stack, no callee-saved registers.
.type __relocate_static_pie, %function
__relocate_static_pie:
    adrp x0, __auxv
    ldr x0, [x0, :lo12:__auxv]
${scanTagsArm64('x0', 1, [
  [AT_PHDR, 'x1', 'AT_PHDR'],
  [AT_ENTRY, 'x2', 'AT_ENTRY'],
])}
    cbz x1, 9f
    sub x5, x1, #64                     // the ELF header, if the tables follow it
    ldr w6, [x5]
    movz w7, #0x457f
    movk w7, #0x464c, lsl #16           // "\\x7fELF"
    cmp w6, w7
    b.ne 9f
    ldr x6, [x5, #0x20]                 // e_phoff
    cmp x6, #64
    b.ne 9f
    ldrh w6, [x5, #0x10]                // e_type == ET_DYN
    cmp w6, #3
    b.ne 9f
    ldr x6, [x5, #0x18]
    sub x2, x2, x6                      // base = AT_ENTRY - e_entry
    ldrh w6, [x5, #0x38]                // e_phnum
3:  cbz w6, 9f
    ldr w7, [x1]
    cmp w7, #2                          // PT_DYNAMIC
    b.eq 4f
    add x1, x1, #56
    sub w6, w6, #1
    b 3b
4:  ldr x0, [x1, #16]
    add x0, x0, x2                      // the dynamic section, relocated
${scanTagsArm64('x0', 5, [
  [7, 'x3', 'DT_RELA'],
  [8, 'x4', 'DT_RELASZ'],
])}
    cbz x3, 9f
    add x3, x3, x2
    add x4, x4, x3                      // end of the table
7:  cmp x3, x4
    b.hs 9f
    ldr w5, [x3, #8]                    // ELF64_R_TYPE(r_info)
    cmp w5, #${R_AARCH64_RELATIVE}                      // R_AARCH64_RELATIVE
    b.ne 8f
    ldr x5, [x3, #16]                   // r_addend
    add x5, x5, x2
    ldr x6, [x3]                        // r_offset
    str x5, [x2, x6]
8:  add x3, x3, #24                     // sizeof(Elf64_Rela)
    b 7b
9:  ret

// __vdso_init(auxv): find __kernel_clock_gettime the way a dynamic linker would:
// AT_SYSINFO_EHDR -> program headers (load bias, PT_DYNAMIC) -> DT_HASH, DT_SYMTAB,
// DT_STRTAB -> the symbol by name (vdso(7)). Leaves the pointer 0 when anything is
// missing, and clock_gettime then makes the system call.
.type __vdso_init, %function
__vdso_init:
${scanTagsArm64('x0', 1, [[AT_SYSINFO_EHDR, 'x1', 'AT_SYSINFO_EHDR: the vDSO image']])}
    cbz x1, 9f
    ldrh w2, [x1, #56]                  // e_phnum
    ldr x3, [x1, #32]                   // e_phoff
    add x3, x3, x1
    mov x4, #-1                         // load bias, not yet known
    mov x5, #0                          // PT_DYNAMIC's vaddr
3:  cbz w2, 5f
    ldr w6, [x3]                        // p_type
    cmp w6, #1                          // PT_LOAD: bias = base + p_offset - p_vaddr
    b.ne 4f
    cmn x4, #1
    b.ne 4f
    ldr x7, [x3, #8]
    add x4, x1, x7
    ldr x7, [x3, #16]
    sub x4, x4, x7
4:  cmp w6, #2                          // PT_DYNAMIC
    b.ne 41f
    ldr x5, [x3, #16]
41: add x3, x3, #56
    sub w2, w2, #1
    b 3b
5:  cmn x4, #1
    b.eq 9f
    cbz x5, 9f
    add x5, x5, x4
${scanTagsArm64('x5', 6, [
  [6, 'x1', 'DT_SYMTAB'],
  [5, 'x2', 'DT_STRTAB'],
  [4, 'x3', 'DT_HASH'],
])}
    cbz x1, 9f
    cbz x2, 9f
    cbz x3, 9f
    add x1, x1, x4                      // the tables' addresses are link-time: add the bias
    add x2, x2, x4
    add x3, x3, x4
    ldr w3, [x3, #4]                    // nchain: the number of symbols
8:  cbz w3, 9f
    ldr w6, [x1]                        // st_name
    add x6, x2, x6
    adrp x7, __vdso_cgt_name
    add x7, x7, :lo12:__vdso_cgt_name
81: ldrb w9, [x6], #1
    ldrb w10, [x7], #1
    cmp w9, w10
    b.ne 82f
    cbnz w9, 81b
    ldrh w9, [x1, #6]                   // st_shndx: SHN_UNDEF is not a definition
    cbz w9, 82f
    ldr x9, [x1, #8]                    // st_value
    add x9, x9, x4
    adrp x10, __vdso_clock_gettime
    str x9, [x10, :lo12:__vdso_clock_gettime]
    ret
82: add x1, x1, #24                     // sizeof(Elf64_Sym)
    sub w3, w3, #1
    b 8b
9:  ret

.section .rodata
__vdso_cgt_name: .asciz "__kernel_clock_gettime"
.text
`;
