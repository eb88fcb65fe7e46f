// Builds the vDSO as a real ELF shared object, so programs (musl, the lab's runtime)
// find its functions the usual way: AT_SYSINFO_EHDR → program headers → PT_DYNAMIC
// → DT_SYMTAB/DT_STRTAB/DT_HASH. One page: headers and tables first, code at 0x400.

import { assembleX86 } from '../../arch/x86_64/assembler/index.js';
import { encodeUtf8 } from '../../util/utf8.js';
import { VDSO_FUNCTIONS, VDSO_SOURCE, VDSO_TEXT_OFFSET } from './vdso-source.js';

export interface VdsoImage {
  bytes: Uint8Array;
  /** Symbol → offset from the image base. */
  symbols: Map<string, number>;
  /** [start, end) offsets of the seqlock read section (a timer tick there forces a retry). */
  seqlock: [number, number];
}

const PAGE = 4096;
let cached: VdsoImage | null = null;

export function vdsoImage(): VdsoImage {
  if (cached) return cached;
  const asm = assembleX86(VDSO_SOURCE, { fileName: 'vdso.S' });
  if (!asm.ok) throw new Error(`the vDSO does not assemble: ${asm.errors.map((e) => `${e.line}:${e.column} ${e.message}`).join('; ')}`);
  const text = asm.image.sections.find((s) => s.name === '.text');
  if (!text || asm.image.fixups.length > 0) throw new Error('the vDSO must be position-independent code in .text');
  const off = (name: string) => {
    const s = asm.image.symbols.find((x) => x.name === name);
    if (!s) throw new Error(`vDSO symbol ${name} missing`);
    return VDSO_TEXT_OFFSET + Number(s.offset);
  };
  // Linux exports each function twice: __vdso_clock_gettime and a weak clock_gettime.
  const exported: [string, number][] = [];
  for (const f of VDSO_FUNCTIONS) {
    exported.push([f, off(f)]);
    exported.push([f.replace('__vdso_', ''), off(f)]);
  }
  const image = new Uint8Array(PAGE);
  const v = new DataView(image.buffer);
  const PHOFF = 0x40;
  const HASH = 0xb0;
  const nsym = exported.length + 1;
  const SYMTAB = HASH + (2 + 1 + nsym) * 4 + 4; // keep 8-byte alignment
  const STRTAB = SYMTAB + nsym * 24;
  const names = ['', ...exported.map(([n]) => n)];
  const nameOff: number[] = [];
  let strSize = 0;
  const strBytes: Uint8Array[] = [];
  for (const n of names) {
    nameOff.push(strSize);
    const b = encodeUtf8(n + '\0');
    strBytes.push(b);
    strSize += b.length;
  }
  const DYNAMIC = Math.ceil((STRTAB + strSize) / 8) * 8;
  const dyn: [number, number][] = [
    [4, HASH], // DT_HASH
    [5, STRTAB], // DT_STRTAB
    [6, SYMTAB], // DT_SYMTAB
    [10, strSize], // DT_STRSZ
    [11, 24], // DT_SYMENT
    [0, 0], // DT_NULL
  ];
  if (DYNAMIC + dyn.length * 16 > VDSO_TEXT_OFFSET) throw new Error('vDSO tables overflow into the code');
  if (VDSO_TEXT_OFFSET + text.bytes.length > PAGE) throw new Error('vDSO code does not fit in one page');
  // ELF header (System V gABI, ELF-64 Object File Format)
  image.set([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]);
  v.setUint16(16, 3, true); // ET_DYN
  v.setUint16(18, 62, true); // EM_X86_64
  v.setUint32(20, 1, true);
  v.setBigUint64(32, BigInt(PHOFF), true);
  v.setUint16(52, 64, true);
  v.setUint16(54, 56, true);
  v.setUint16(56, 2, true);
  v.setUint16(58, 64, true);
  const phdr = (i: number, type: number, flags: number, offset: number, size: number, align: number) => {
    const p = PHOFF + i * 56;
    v.setUint32(p, type, true);
    v.setUint32(p + 4, flags, true);
    v.setBigUint64(p + 8, BigInt(offset), true);
    v.setBigUint64(p + 16, BigInt(offset), true);
    v.setBigUint64(p + 24, BigInt(offset), true);
    v.setBigUint64(p + 32, BigInt(size), true);
    v.setBigUint64(p + 40, BigInt(size), true);
    v.setBigUint64(p + 48, BigInt(align), true);
  };
  phdr(0, 1, 5, 0, PAGE, PAGE); // PT_LOAD r-x
  phdr(1, 2, 4, DYNAMIC, dyn.length * 16, 8); // PT_DYNAMIC
  // SysV hash: one bucket chaining every symbol (lookups are rare and the table tiny).
  v.setUint32(HASH, 1, true);
  v.setUint32(HASH + 4, nsym, true);
  v.setUint32(HASH + 8, nsym - 1, true);
  for (let i = 1; i < nsym; i++) v.setUint32(HASH + 12 + i * 4, i - 1, true);
  exported.forEach(([, value], i) => {
    const s = SYMTAB + (i + 1) * 24;
    v.setUint32(s, nameOff[i + 1]!, true);
    image[s + 4] = 0x12; // STB_GLOBAL, STT_FUNC
    v.setUint16(s + 6, 1, true); // a defined symbol (any non-zero section index)
    v.setBigUint64(s + 8, BigInt(value), true);
  });
  let p = STRTAB;
  for (const b of strBytes) {
    image.set(b, p);
    p += b.length;
  }
  dyn.forEach(([tag, val], i) => {
    v.setBigInt64(DYNAMIC + i * 16, BigInt(tag), true);
    v.setBigUint64(DYNAMIC + i * 16 + 8, BigInt(val), true);
  });
  image.set(text.bytes, VDSO_TEXT_OFFSET);
  cached = { bytes: image, symbols: new Map(exported), seqlock: [off('vdso_seqlock_begin'), off('vdso_seqlock_end')] };
  return cached;
}
