// Test helper: serialise an ObjectImage as an ELF64 relocatable object (ELF
// gABI "Sections", "Symbol Table", "Relocation"; AArch64 = EM 183) so that
// GNU ld can link what our assembler produced, exactly as it links GNU as's
// output. Local `.L` labels are dropped like GNU as drops them.

import type { ObjectImage } from '../../../../../core/asm/index.js';

const SHT_PROGBITS = 1;
const SHT_SYMTAB = 2;
const SHT_STRTAB = 3;
const SHT_RELA = 4;
const SHT_NOBITS = 8;
const SHF_WRITE = 1;
const SHF_ALLOC = 2;
const SHF_EXECINSTR = 4;
const SHF_INFO_LINK = 0x40;
const SHN_ABS = 0xfff1;

class Strtab {
  bytes: number[] = [0];
  private seen = new Map<string, number>();
  add(s: string): number {
    const hit = this.seen.get(s);
    if (hit !== undefined) return hit;
    const off = this.bytes.length;
    for (const c of new TextEncoder().encode(s)) this.bytes.push(c);
    this.bytes.push(0);
    this.seen.set(s, off);
    return off;
  }
}

interface Shdr {
  name: number;
  type: number;
  flags: number;
  data: Uint8Array;
  size?: number;
  link?: number;
  info?: number;
  align: number;
  entsize?: number;
}

export function elfObject(image: ObjectImage): Uint8Array {
  const shstr = new Strtab();
  const str = new Strtab();
  const shdrs: Shdr[] = [{ name: 0, type: 0, flags: 0, data: new Uint8Array(0), align: 0 }];
  const secIndex = new Map<string, number>();
  for (const s of image.sections) {
    const flags = (s.flags.alloc ? SHF_ALLOC : 0) | (s.flags.write ? SHF_WRITE : 0) | (s.flags.exec ? SHF_EXECINSTR : 0);
    secIndex.set(s.name, shdrs.length);
    shdrs.push({ name: shstr.add(s.name), type: s.kind === 'bss' ? SHT_NOBITS : SHT_PROGBITS, flags, data: s.bytes, size: s.size, align: s.align });
  }
  // Symbols: null, section symbols, locals, then globals (gABI: locals first).
  const syms: { name: number; info: number; shndx: number; value: bigint; size: bigint }[] = [{ name: 0, info: 0, shndx: 0, value: 0n, size: 0n }];
  const symIndex = new Map<string, number>();
  for (const s of image.sections) {
    symIndex.set(s.name, syms.length);
    syms.push({ name: 0, info: 3, shndx: secIndex.get(s.name) ?? 0, value: 0n, size: 0n });
  }
  const typeOf = (k: string): number => (k === 'func' ? 2 : k === 'object' ? 1 : 0);
  const named = image.symbols.filter((s) => !s.name.startsWith('.L'));
  for (const global of [false, true]) {
    for (const s of named.filter((x) => x.global === global)) {
      symIndex.set(s.name, syms.length);
      const shndx = s.section === '*ABS*' ? SHN_ABS : (secIndex.get(s.section) ?? 0);
      syms.push({ name: str.add(s.name), info: ((global ? 1 : 0) << 4) | typeOf(s.kind), shndx, value: s.offset, size: s.size ?? 0n });
    }
  }
  const firstGlobal = syms.findIndex((s) => s.info >> 4 === 1);
  // Relocations against `.L` labels become section symbol + offset (what GNU as emits).
  const local = new Map(image.symbols.filter((s) => s.name.startsWith('.L')).map((s) => [s.name, s]));
  const relaBySection = new Map<string, number[]>();
  for (const f of image.fixups) {
    let symName = f.symbol;
    let addend = f.addend;
    const l = local.get(symName);
    if (l) {
      symName = l.section;
      addend += l.offset;
    }
    let idx = symIndex.get(symName);
    if (idx === undefined) {
      idx = syms.length;
      symIndex.set(symName, idx);
      syms.push({ name: str.add(symName), info: 1 << 4, shndx: 0, value: 0n, size: 0n });
    }
    const buf = new DataView(new ArrayBuffer(24));
    buf.setBigUint64(0, BigInt(f.offset), true);
    buf.setBigUint64(8, (BigInt(idx) << 32n) | BigInt(f.type), true);
    buf.setBigInt64(16, addend, true);
    const list = relaBySection.get(f.section) ?? [];
    list.push(...new Uint8Array(buf.buffer));
    relaBySection.set(f.section, list);
  }
  const symtabIndex = shdrs.length + relaBySection.size;
  for (const [sec, bytes] of relaBySection) {
    shdrs.push({ name: shstr.add(`.rela${sec}`), type: SHT_RELA, flags: SHF_INFO_LINK, data: Uint8Array.from(bytes), link: symtabIndex, info: secIndex.get(sec) ?? 0, align: 8, entsize: 24 });
  }
  const symBytes = new DataView(new ArrayBuffer(syms.length * 24));
  syms.forEach((s, i) => {
    symBytes.setUint32(i * 24, s.name, true);
    symBytes.setUint8(i * 24 + 4, s.info);
    symBytes.setUint16(i * 24 + 6, s.shndx, true);
    symBytes.setBigUint64(i * 24 + 8, BigInt.asUintN(64, s.value), true);
    symBytes.setBigUint64(i * 24 + 16, s.size, true);
  });
  shdrs.push({ name: shstr.add('.symtab'), type: SHT_SYMTAB, flags: 0, data: new Uint8Array(symBytes.buffer), link: symtabIndex + 1, info: firstGlobal < 0 ? syms.length : firstGlobal, align: 8, entsize: 24 });
  shdrs.push({ name: shstr.add('.strtab'), type: SHT_STRTAB, flags: 0, data: Uint8Array.from(str.bytes), align: 1 });
  const shstrIndex = shdrs.length;
  shdrs.push({ name: shstr.add('.shstrtab'), type: SHT_STRTAB, flags: 0, data: new Uint8Array(0), align: 1 });
  const last = shdrs[shstrIndex] as Shdr;
  last.data = Uint8Array.from(shstr.bytes);

  // Layout: header, section contents, section header table.
  let off = 64;
  const offsets: number[] = [];
  for (const sh of shdrs) {
    const a = Math.max(sh.align, 1);
    off = Math.ceil(off / a) * a;
    offsets.push(off);
    if (sh.type !== SHT_NOBITS) off += sh.data.length;
  }
  const shoff = Math.ceil(off / 8) * 8;
  const out = new Uint8Array(shoff + shdrs.length * 64);
  const dv = new DataView(out.buffer);
  out.set([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0], 0);
  dv.setUint16(16, 1, true);
  dv.setUint16(18, 183, true);
  dv.setUint32(20, 1, true);
  dv.setBigUint64(40, BigInt(shoff), true);
  dv.setUint16(52, 64, true);
  dv.setUint16(58, 64, true);
  dv.setUint16(60, shdrs.length, true);
  dv.setUint16(62, shstrIndex, true);
  shdrs.forEach((sh, i) => {
    const o = offsets[i] ?? 0;
    if (sh.type !== SHT_NOBITS) out.set(sh.data, o);
    const h = shoff + i * 64;
    dv.setUint32(h, sh.name, true);
    dv.setUint32(h + 4, sh.type, true);
    dv.setBigUint64(h + 8, BigInt(sh.flags), true);
    dv.setBigUint64(h + 24, BigInt(i === 0 ? 0 : o), true);
    dv.setBigUint64(h + 32, BigInt(sh.size ?? sh.data.length), true);
    dv.setUint32(h + 40, sh.link ?? 0, true);
    dv.setUint32(h + 44, sh.info ?? 0, true);
    dv.setBigUint64(h + 48, BigInt(sh.align), true);
    dv.setBigUint64(h + 56, BigInt(sh.entsize ?? 0), true);
  });
  return out;
}
