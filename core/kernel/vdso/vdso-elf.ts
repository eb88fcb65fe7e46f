// Packs a vDSO's code into a real one-page ELF shared object, so programs (musl, the
// lab's runtime, a student's auxv walk) find its functions the usual way:
// AT_SYSINFO_EHDR → program headers → PT_DYNAMIC → DT_HASH/DT_SYMTAB/DT_STRTAB, and,
// when the image carries a symbol version (as Linux's arm64 vDSO does: LINUX_2.6.39),
// DT_VERSYM/DT_VERDEF so a libc's versioned lookup (musl's __vdsosym) matches it too.
// Layout: ELF header, program headers and tables first, code at `textOffset`, section
// headers (when asked for) after the code. Formats: System V gABI ch. 4-5; symbol
// versioning: LSB Core, "Symbol Versioning".

import { encodeUtf8 } from '../../util/utf8.js';

export interface VdsoImage {
  bytes: Uint8Array;
  /** Symbol → offset from the image base. */
  symbols: Map<string, number>;
  /** [start, end) offsets of the seqlock read section (a timer tick there forces a retry). */
  seqlock: [number, number];
}

export interface VdsoElfSpec {
  /** e_machine: 62 EM_X86_64, 183 EM_AARCH64. */
  machine: number;
  /** The assembled .text, placed at `textOffset`. */
  text: Uint8Array;
  textOffset: number;
  /** Exported functions: name → offset from the image base. */
  exports: [string, number][];
  /** DT_SONAME and the one version every export belongs to (Verdef index 2; index 1 names the object). */
  version?: { soname: string; name: string };
  /** Section headers (.hash, .dynsym, .dynstr, ..., .text): what readelf -Ws and objdump -d read. */
  sectionHeaders?: boolean;
}

const PAGE = 4096;
const PHOFF = 0x40;
const HASH = 0xb0;
const DT = { NULL: 0, HASH: 4, STRTAB: 5, SYMTAB: 6, STRSZ: 10, SYMENT: 11, SONAME: 14, VERSYM: 0x6ffffff0, VERDEF: 0x6ffffffc, VERDEFNUM: 0x6ffffffd };
const SHT = { PROGBITS: 1, STRTAB: 3, HASH: 5, DYNAMIC: 6, DYNSYM: 11, VERDEF: 0x6ffffffd, VERSYM: 0x6fffffff };
const SHF_WRITE = 1;
const SHF_ALLOC = 2;
const SHF_EXECINSTR = 4;

/** The SysV ELF hash (gABI "Hash Table"), also stored in each Verdef. */
export function elfHash(name: string): number {
  let h = 0;
  for (const c of encodeUtf8(name)) {
    h = ((h << 4) + c) >>> 0;
    const g = h & 0xf0000000;
    if (g !== 0) h ^= g >>> 24;
    h &= ~g >>> 0;
  }
  return h >>> 0;
}

const align = (n: number, a: number) => Math.ceil(n / a) * a;

/** A string table: offsets by string, bytes in order of first insertion. */
class StringTable {
  readonly offsets = new Map<string, number>();
  private readonly parts: Uint8Array[] = [];
  size = 0;
  add(s: string): number {
    const known = this.offsets.get(s);
    if (known !== undefined) return known;
    this.offsets.set(s, this.size);
    const b = encodeUtf8(s + '\0');
    this.parts.push(b);
    this.size += b.length;
    return this.size - b.length;
  }
  writeTo(image: Uint8Array, at: number): void {
    for (const b of this.parts) {
      image.set(b, at);
      at += b.length;
    }
  }
}

export function buildVdsoElf(spec: VdsoElfSpec): Uint8Array {
  const { exports, version } = spec;
  const image = new Uint8Array(PAGE);
  const v = new DataView(image.buffer);
  const nsym = exports.length + 1;
  // ELF-64 symbols want 8-byte alignment; the x86-64 image keeps its original (4-byte) placement.
  const SYMTAB = spec.sectionHeaders ? align(HASH + (2 + 1 + nsym) * 4, 8) : HASH + (2 + 1 + nsym) * 4 + 4;
  const STRTAB = SYMTAB + nsym * 24;
  const strings = new StringTable();
  strings.add('');
  const nameOff = exports.map(([n]) => strings.add(n));
  const soname = version ? strings.add(version.soname) : 0;
  const verName = version ? strings.add(version.name) : 0;
  const VERSYM = align(STRTAB + strings.size, 2);
  const VERDEF = align(VERSYM + nsym * 2, 8);
  const VERDEF_SIZE = 2 * (20 + 8); // two Verdef + Verdaux pairs
  const DYNAMIC = align(version ? VERDEF + VERDEF_SIZE : STRTAB + strings.size, 8);
  const dyn: [number, number][] = [
    [DT.HASH, HASH],
    [DT.STRTAB, STRTAB],
    [DT.SYMTAB, SYMTAB],
    [DT.STRSZ, strings.size],
    [DT.SYMENT, 24],
    ...(version ? ([[DT.SONAME, soname], [DT.VERSYM, VERSYM], [DT.VERDEF, VERDEF], [DT.VERDEFNUM, 2]] as [number, number][]) : []),
    [DT.NULL, 0],
  ];
  if (DYNAMIC + dyn.length * 16 > spec.textOffset) throw new Error('vDSO tables overflow into the code');
  if (spec.textOffset + spec.text.length > PAGE) throw new Error('vDSO code does not fit in one page');
  // ELF header (gABI "ELF Header")
  image.set([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]);
  v.setUint16(16, 3, true); // ET_DYN
  v.setUint16(18, spec.machine, true);
  v.setUint32(20, 1, true);
  v.setBigUint64(32, BigInt(PHOFF), true);
  v.setUint16(52, 64, true);
  v.setUint16(54, 56, true);
  v.setUint16(56, 2, true);
  v.setUint16(58, 64, true);
  const phdr = (i: number, type: number, flags: number, offset: number, size: number, alignment: number) => {
    const p = PHOFF + i * 56;
    v.setUint32(p, type, true);
    v.setUint32(p + 4, flags, true);
    v.setBigUint64(p + 8, BigInt(offset), true);
    v.setBigUint64(p + 16, BigInt(offset), true);
    v.setBigUint64(p + 24, BigInt(offset), true);
    v.setBigUint64(p + 32, BigInt(size), true);
    v.setBigUint64(p + 40, BigInt(size), true);
    v.setBigUint64(p + 48, BigInt(alignment), true);
  };
  phdr(0, 1, 5, 0, PAGE, PAGE); // PT_LOAD r-x
  phdr(1, 2, 4, DYNAMIC, dyn.length * 16, 8); // PT_DYNAMIC
  // SysV hash: one bucket chaining every symbol (lookups are rare and the table tiny).
  v.setUint32(HASH, 1, true);
  v.setUint32(HASH + 4, nsym, true);
  v.setUint32(HASH + 8, nsym - 1, true);
  for (let i = 1; i < nsym; i++) v.setUint32(HASH + 12 + i * 4, i - 1, true);
  const sections = spec.sectionHeaders ? sectionList(version !== undefined) : null;
  const textIndex = sections ? sections.findIndex((s) => s === '.text') : 1;
  exports.forEach(([, value], i) => {
    const s = SYMTAB + (i + 1) * 24;
    v.setUint32(s, nameOff[i]!, true);
    image[s + 4] = 0x12; // STB_GLOBAL, STT_FUNC
    v.setUint16(s + 6, textIndex, true); // a defined symbol: its section's index
    v.setBigUint64(s + 8, BigInt(value), true);
  });
  strings.writeTo(image, STRTAB);
  if (version) {
    // Every export is version 2 (VER_NDX_GLOBAL would be 1); the null symbol is local (0).
    for (let i = 1; i < nsym; i++) v.setUint16(VERSYM + i * 2, 2, true);
    const verdef = (at: number, flags: number, ndx: number, name: string, nameAt: number, last: boolean) => {
      v.setUint16(at, 1, true); // VER_DEF_CURRENT
      v.setUint16(at + 2, flags, true);
      v.setUint16(at + 4, ndx, true);
      v.setUint16(at + 6, 1, true); // one Verdaux
      v.setUint32(at + 8, elfHash(name), true);
      v.setUint32(at + 12, 20, true); // the Verdaux follows
      v.setUint32(at + 16, last ? 0 : 28, true);
      v.setUint32(at + 20, nameAt, true);
      v.setUint32(at + 24, 0, true);
    };
    verdef(VERDEF, 1, 1, version.soname, soname, false); // VER_FLG_BASE: the object itself
    verdef(VERDEF + 28, 0, 2, version.name, verName, true);
  }
  dyn.forEach(([tag, val], i) => {
    v.setBigInt64(DYNAMIC + i * 16, BigInt(tag), true);
    v.setBigUint64(DYNAMIC + i * 16 + 8, BigInt(val), true);
  });
  image.set(spec.text, spec.textOffset);
  if (sections) {
    const layout: Record<string, [type: number, flags: number, offset: number, size: number, link: string, info: number, align: number, entsize: number]> = {
      '.hash': [SHT.HASH, SHF_ALLOC, HASH, (2 + 1 + nsym) * 4, '.dynsym', 0, 8, 4],
      '.dynsym': [SHT.DYNSYM, SHF_ALLOC, SYMTAB, nsym * 24, '.dynstr', 1, 8, 24],
      '.dynstr': [SHT.STRTAB, SHF_ALLOC, STRTAB, strings.size, '', 0, 1, 0],
      '.gnu.version': [SHT.VERSYM, SHF_ALLOC, VERSYM, nsym * 2, '.dynsym', 0, 2, 2],
      '.gnu.version_d': [SHT.VERDEF, SHF_ALLOC, VERDEF, VERDEF_SIZE, '.dynstr', 2, 8, 0],
      '.dynamic': [SHT.DYNAMIC, SHF_ALLOC | SHF_WRITE, DYNAMIC, dyn.length * 16, '.dynstr', 0, 8, 16],
      '.text': [SHT.PROGBITS, SHF_ALLOC | SHF_EXECINSTR, spec.textOffset, spec.text.length, '', 0, 16, 0],
    };
    const shstr = new StringTable();
    for (const name of ['', ...sections.slice(1)]) shstr.add(name);
    const SHSTRTAB = spec.textOffset + spec.text.length;
    const SHOFF = align(SHSTRTAB + shstr.size, 8);
    if (SHOFF + sections.length * 64 > PAGE) throw new Error('vDSO section headers do not fit in one page');
    shstr.writeTo(image, SHSTRTAB);
    sections.forEach((name, i) => {
      const at = SHOFF + i * 64;
      const row = name === '.shstrtab' ? ([SHT.STRTAB, 0, SHSTRTAB, shstr.size, '', 0, 1, 0] as const) : layout[name];
      if (!row) return; // the null section
      const [type, flags, offset, size, link, info, alignment, entsize] = row;
      v.setUint32(at, shstr.offsets.get(name)!, true);
      v.setUint32(at + 4, type, true);
      v.setBigUint64(at + 8, BigInt(flags), true);
      v.setBigUint64(at + 16, BigInt(offset), true); // sh_addr: the image is linked at 0
      v.setBigUint64(at + 24, BigInt(offset), true);
      v.setBigUint64(at + 32, BigInt(size), true);
      v.setUint32(at + 40, link === '' ? 0 : sections.indexOf(link), true);
      v.setUint32(at + 44, info, true);
      v.setBigUint64(at + 48, BigInt(alignment), true);
      v.setBigUint64(at + 56, BigInt(entsize), true);
    });
    v.setBigUint64(40, BigInt(SHOFF), true); // e_shoff
    v.setUint16(58, 64, true); // e_shentsize
    v.setUint16(60, sections.length, true); // e_shnum
    v.setUint16(62, sections.length - 1, true); // e_shstrndx
  }
  return image;
}

/** Section names in header order: index 0 is SHN_UNDEF, .shstrtab comes last. */
function sectionList(versioned: boolean): string[] {
  return ['', '.hash', '.dynsym', '.dynstr', ...(versioned ? ['.gnu.version', '.gnu.version_d'] : []), '.dynamic', '.text', '.shstrtab'];
}
