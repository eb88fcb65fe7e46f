// Serialises an ELF64 little-endian executable: header, program headers,
// segment contents, and (optionally) .symtab/.strtab/.shstrtab plus section
// headers so objdump/gdb can show labels (gABI "ELF Header", "Sections").

import {
  EHDR_SIZE, ELFCLASS64, ELFDATA2LSB, EV_CURRENT, PHDR_SIZE, SHDR_SIZE, SHN_ABS, SHT_NOBITS, SHT_PROGBITS, SHT_STRTAB,
  SHT_SYMTAB, STB_GLOBAL, STB_LOCAL, SYM_SIZE,
} from './elf-constants.js';

export interface ProgramHeader {
  type: number;
  flags: number;
  offset: number;
  vaddr: bigint;
  filesz: number;
  memsz: number;
  align: number;
}

export interface OutSection {
  name: string;
  type: number;
  flags: number;
  addr: bigint;
  offset: number;
  size: number;
  align: number;
}

export interface OutSymbol {
  name: string;
  value: bigint;
  size: bigint;
  global: boolean;
  type: number;
  /** Index into the sections array (1-based in the file), or 'abs'. */
  section: number | 'abs';
}

export interface ElfWriteInput {
  type: number;
  machine: number;
  entry: bigint;
  phdrs: ProgramHeader[];
  /** File image of everything up to the end of the last segment (headers are written over its start). */
  body: Uint8Array;
  sections: OutSection[];
  symbols: OutSymbol[];
}

class StringTable {
  bytes: number[] = [0];
  private index = new Map<string, number>();
  add(s: string): number {
    const have = this.index.get(s);
    if (have !== undefined) return have;
    const at = this.bytes.length;
    for (let i = 0; i < s.length; i++) this.bytes.push(s.charCodeAt(i) & 0xff);
    this.bytes.push(0);
    this.index.set(s, at);
    return at;
  }
}

export function writeElf(input: ElfWriteInput): Uint8Array {
  const strtab = new StringTable();
  const shstrtab = new StringTable();
  // Locals first: sh_info of .symtab is the index of the first global (gABI).
  const syms = [...input.symbols.filter((s) => !s.global), ...input.symbols.filter((s) => s.global)];
  const firstGlobal = 1 + syms.filter((s) => !s.global).length;
  const symBytes = new Uint8Array((syms.length + 1) * SYM_SIZE);
  const sv = new DataView(symBytes.buffer);
  syms.forEach((s, i) => {
    const at = (i + 1) * SYM_SIZE;
    sv.setUint32(at, strtab.add(s.name), true);
    sv.setUint8(at + 4, ((s.global ? STB_GLOBAL : STB_LOCAL) << 4) | s.type);
    sv.setUint8(at + 5, 0);
    sv.setUint16(at + 6, s.section === 'abs' ? SHN_ABS : s.section, true);
    sv.setBigUint64(at + 8, BigInt.asUintN(64, s.value), true);
    sv.setBigUint64(at + 16, BigInt.asUintN(64, s.size), true);
  });
  const secNames = input.sections.map((s) => shstrtab.add(s.name));
  const symtabName = shstrtab.add('.symtab');
  const strtabName = shstrtab.add('.strtab');
  const shstrtabName = shstrtab.add('.shstrtab');

  const align = (n: number, a: number): number => Math.ceil(n / a) * a;
  let off = input.body.length;
  const symtabOff = align(off, 8);
  off = symtabOff + symBytes.length;
  const strtabOff = off;
  off += strtab.bytes.length;
  const shstrOff = off;
  off += shstrtab.bytes.length;
  const shoff = align(off, 8);
  const shnum = input.sections.length + 4;
  const total = shoff + shnum * SHDR_SIZE;

  const out = new Uint8Array(total);
  out.set(input.body, 0);
  out.set(symBytes, symtabOff);
  out.set(strtab.bytes, strtabOff);
  out.set(shstrtab.bytes, shstrOff);
  const v = new DataView(out.buffer);
  // ELF header.
  out.set([0x7f, 0x45, 0x4c, 0x46, ELFCLASS64, ELFDATA2LSB, EV_CURRENT, 0], 0);
  v.setUint16(16, input.type, true);
  v.setUint16(18, input.machine, true);
  v.setUint32(20, EV_CURRENT, true);
  v.setBigUint64(24, BigInt.asUintN(64, input.entry), true);
  v.setBigUint64(32, BigInt(EHDR_SIZE), true);
  v.setBigUint64(40, BigInt(shoff), true);
  v.setUint32(48, 0, true);
  v.setUint16(52, EHDR_SIZE, true);
  v.setUint16(54, PHDR_SIZE, true);
  v.setUint16(56, input.phdrs.length, true);
  v.setUint16(58, SHDR_SIZE, true);
  v.setUint16(60, shnum, true);
  v.setUint16(62, shnum - 1, true);
  input.phdrs.forEach((p, i) => {
    const at = EHDR_SIZE + i * PHDR_SIZE;
    v.setUint32(at, p.type, true);
    v.setUint32(at + 4, p.flags, true);
    v.setBigUint64(at + 8, BigInt(p.offset), true);
    v.setBigUint64(at + 16, BigInt.asUintN(64, p.vaddr), true);
    v.setBigUint64(at + 24, BigInt.asUintN(64, p.vaddr), true);
    v.setBigUint64(at + 32, BigInt(p.filesz), true);
    v.setBigUint64(at + 40, BigInt(p.memsz), true);
    v.setBigUint64(at + 48, BigInt(p.align), true);
  });
  const shdr = (i: number, name: number, type: number, flags: number, addr: bigint, offset: number, size: number, link: number, info: number, al: number, entsize: number): void => {
    const at = shoff + i * SHDR_SIZE;
    v.setUint32(at, name, true);
    v.setUint32(at + 4, type, true);
    v.setBigUint64(at + 8, BigInt(flags), true);
    v.setBigUint64(at + 16, BigInt.asUintN(64, addr), true);
    v.setBigUint64(at + 24, BigInt(offset), true);
    v.setBigUint64(at + 32, BigInt(size), true);
    v.setUint32(at + 40, link, true);
    v.setUint32(at + 44, info, true);
    v.setBigUint64(at + 48, BigInt(al), true);
    v.setBigUint64(at + 56, BigInt(entsize), true);
  };
  input.sections.forEach((s, i) => {
    shdr(i + 1, secNames[i] ?? 0, s.type, s.flags, s.addr, s.offset, s.size, 0, 0, s.align, 0);
  });
  const n = input.sections.length;
  shdr(n + 1, symtabName, SHT_SYMTAB, 0, 0n, symtabOff, symBytes.length, n + 2, firstGlobal, 8, SYM_SIZE);
  shdr(n + 2, strtabName, SHT_STRTAB, 0, 0n, strtabOff, strtab.bytes.length, 0, 0, 1, 0);
  shdr(n + 3, shstrtabName, SHT_STRTAB, 0, 0n, shstrOff, shstrtab.bytes.length, 0, 0, 1, 0);
  return out;
}

export { SHT_NOBITS, SHT_PROGBITS };
