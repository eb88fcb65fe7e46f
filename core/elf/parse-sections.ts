// Optional parts of an executable: section headers and the symbol table.
// They do not affect loading, so problems become warnings and the parts are
// dropped rather than failing the file (gABI "Section Header", "Symbol Table").

import { SHDR_SIZE, SHT_NOBITS, SHT_SYMTAB, SYM_SIZE } from './elf-constants.js';

export interface ElfSection {
  index: number;
  name: string;
  type: number;
  flags: bigint;
  addr: bigint;
  offset: bigint;
  size: bigint;
}

export interface ElfSymbol {
  name: string;
  value: bigint;
  size: bigint;
  bind: 'local' | 'global' | 'weak' | 'other';
  type: 'notype' | 'object' | 'func' | 'section' | 'file' | 'other';
  /** Section index (SHN_ABS = 0xfff1, SHN_UNDEF = 0). */
  shndx: number;
}

const MAX_SECTIONS = 4096;
const MAX_SYMBOLS = 1 << 20;

function cString(bytes: Uint8Array, start: number, end: number): string | null {
  if (start < 0 || start >= end) return null;
  let i = start;
  while (i < end && bytes[i] !== 0) i++;
  if (i >= end) return null;
  return String.fromCharCode(...bytes.subarray(start, Math.min(i, start + 1024)));
}

export function parseSections(bytes: Uint8Array, v: DataView): { sections: ElfSection[]; symbols: ElfSymbol[]; warnings: string[] } {
  const warnings: string[] = [];
  const none = { sections: [], symbols: [], warnings };
  const size = BigInt(bytes.length);
  const shoff = v.getBigUint64(40, true);
  const shentsize = v.getUint16(58, true);
  const shnum = v.getUint16(60, true);
  const shstrndx = v.getUint16(62, true);
  if (shoff === 0n || shnum === 0) return none;
  if (shentsize !== SHDR_SIZE) {
    warnings.push(`section header entry size is ${shentsize}, expected ${SHDR_SIZE}; sections ignored`);
    return none;
  }
  if (shnum > MAX_SECTIONS || shoff + BigInt(shnum * SHDR_SIZE) > size) {
    warnings.push('section header table extends past end of file; sections ignored');
    return none;
  }
  const raw: (ElfSection & { nameOff: number; link: number })[] = [];
  for (let i = 0; i < shnum; i++) {
    const o = Number(shoff) + i * SHDR_SIZE;
    raw.push({
      index: i,
      name: '',
      nameOff: v.getUint32(o, true),
      type: v.getUint32(o + 4, true),
      flags: v.getBigUint64(o + 8, true),
      addr: v.getBigUint64(o + 16, true),
      offset: v.getBigUint64(o + 24, true),
      size: v.getBigUint64(o + 32, true),
      link: v.getUint32(o + 40, true),
    });
  }
  const inFile = (s: { offset: bigint; size: bigint; type: number }): boolean => s.type === SHT_NOBITS || s.offset + s.size <= size;
  const strtab = raw[shstrndx];
  if (strtab !== undefined && inFile(strtab)) {
    const start = Number(strtab.offset);
    const end = start + Number(strtab.size);
    for (const s of raw) s.name = cString(bytes, start + s.nameOff, end) ?? '';
  } else if (shstrndx !== 0) warnings.push('section name table is invalid; section names missing');
  const sections: ElfSection[] = raw.map(({ nameOff: _n, link: _l, ...s }) => s);
  const symbols: ElfSymbol[] = [];
  const symtab = raw.find((s) => s.type === SHT_SYMTAB);
  if (symtab !== undefined) {
    const strs = raw[symtab.link];
    if (!inFile(symtab) || strs === undefined || !inFile(strs)) warnings.push('symbol table extends past end of file; symbols ignored');
    else {
      const count = Math.min(Number(symtab.size / BigInt(SYM_SIZE)), MAX_SYMBOLS);
      const sStart = Number(strs.offset);
      const sEnd = sStart + Number(strs.size);
      const binds = ['local', 'global', 'weak'] as const;
      const types = ['notype', 'object', 'func', 'section', 'file'] as const;
      for (let i = 1; i < count; i++) {
        const o = Number(symtab.offset) + i * SYM_SIZE;
        const info = v.getUint8(o + 4);
        symbols.push({
          name: cString(bytes, sStart + v.getUint32(o, true), sEnd) ?? '',
          value: v.getBigUint64(o + 8, true),
          size: v.getBigUint64(o + 16, true),
          bind: binds[info >> 4] ?? 'other',
          type: types[info & 15] ?? 'other',
          shndx: v.getUint16(o + 6, true),
        });
      }
    }
  }
  return { sections, symbols, warnings };
}
