// A static linker for one ObjectImage: places sections into page-aligned
// PT_LOAD segments the way GNU ld's default script does for a static
// executable (-z separate-code: headers R, text R+X at base+0x1000, rodata R,
// data+bss RW), applies the relocations, and writes an ELF64 executable
// (ET_EXEC, or ET_DYN for static PIE) with a .symtab.

import type { AsmArch, AsmError, ObjectImage, ObjectSection, SymbolKind } from '../asm/types.js';
import {
  EHDR_SIZE, EM_AARCH64, EM_X86_64, ET_DYN, ET_EXEC, PF_R, PF_W, PF_X, PHDR_SIZE, PT_GNU_STACK, PT_LOAD, SHF_ALLOC,
  SHF_EXECINSTR, SHF_WRITE, SHT_NOBITS, SHT_PROGBITS, STT_FUNC, STT_NOTYPE, STT_OBJECT,
} from './elf-constants.js';
import { writeElf, type OutSection, type OutSymbol, type ProgramHeader } from './elf-writer.js';
import { applyRelocation, isAbsoluteRelocation, relocName } from './relocate.js';

export interface LinkOptions {
  arch: AsmArch;
  /** Lowest load address; default 0x400000 like GNU ld (0 for PIE). */
  base?: bigint | number;
  /** Produce a static PIE (ET_DYN). Absolute relocations are then refused. */
  pie?: boolean;
  /** Entry symbol; default '_start'. */
  entry?: string;
}

export interface LinkedSegment {
  type: 'load' | 'gnu-stack';
  flags: { r: boolean; w: boolean; x: boolean };
  offset: number;
  vaddr: bigint;
  filesz: number;
  memsz: number;
  align: number;
}

export interface LinkedSection {
  name: string;
  kind: ObjectSection['kind'];
  address: bigint;
  offset: number;
  size: number;
}

export interface LinkedSymbol {
  name: string;
  value: bigint;
  size: bigint;
  global: boolean;
  kind: SymbolKind;
  section: string;
}

export interface LinkedSourceMapEntry {
  address: bigint;
  length: number;
  line: number;
  column: number;
}

export type LinkResult =
  | {
      ok: true;
      elf: Uint8Array;
      entry: bigint;
      segments: LinkedSegment[];
      sections: LinkedSection[];
      symbols: LinkedSymbol[];
      sourceMap: LinkedSourceMapEntry[];
      /** e.g. ld's "cannot find entry symbol _start; defaulting to 0x401000". */
      warnings: string[];
    }
  | { ok: false; errors: AsmError[] };

const PAGE = 0x1000;

function alignUp(n: number, a: number): number {
  return Math.ceil(n / a) * a;
}

type Group = 'text' | 'rodata' | 'data';

function groupOf(s: ObjectSection): Group | null {
  if (!s.flags.alloc) return null;
  if (s.flags.exec) return 'text';
  if (s.flags.write) return 'data';
  return 'rodata';
}

export function linkExecutable(image: ObjectImage, opts: LinkOptions): LinkResult {
  const errors: AsmError[] = [];
  const warnings: string[] = [];
  if (image.arch !== opts.arch) return { ok: false, errors: [{ line: 1, column: 1, message: `object is ${image.arch}, link requested for ${opts.arch}` }] };
  const pie = opts.pie === true;
  const base = BigInt(opts.base ?? (pie ? 0 : 0x400000));
  if (base % BigInt(PAGE) !== 0n) return { ok: false, errors: [{ line: 1, column: 1, message: `base 0x${base.toString(16)} is not page-aligned` }] };

  // Decide which segments exist so the header size (phnum) is known.
  const groups: Record<Group, ObjectSection[]> = { text: [], rodata: [], data: [] };
  for (const s of image.sections) {
    const g = groupOf(s);
    if (g !== null && s.size > 0) groups[g].push(s);
  }
  // Within the RW segment, PROGBITS first and NOBITS last so bss needs no file bytes.
  groups.data.sort((a, b) => Number(a.kind === 'bss') - Number(b.kind === 'bss'));
  const order: Group[] = ['text', 'rodata', 'data'];
  const present = order.filter((g) => groups[g].length > 0);
  const phnum = 1 + present.length + 1; // headers, groups, GNU_STACK
  const headerSize = EHDR_SIZE + PHDR_SIZE * phnum;

  const sectionAddr = new Map<string, bigint>();
  const linkedSections: LinkedSection[] = [];
  const phdrs: ProgramHeader[] = [{ type: PT_LOAD, flags: PF_R, offset: 0, vaddr: base, filesz: headerSize, memsz: headerSize, align: PAGE }];
  let fileEnd = headerSize;
  let offset = headerSize;
  for (const g of present) {
    offset = alignUp(offset, PAGE);
    const segStart = offset;
    let fileLimit = offset;
    for (const s of groups[g]) {
      offset = alignUp(offset, Math.max(1, s.align));
      sectionAddr.set(s.name, base + BigInt(offset));
      linkedSections.push({ name: s.name, kind: s.kind, address: base + BigInt(offset), offset, size: s.size });
      offset += s.size;
      if (s.kind !== 'bss') fileLimit = offset;
    }
    const flags = PF_R | (g === 'text' ? PF_X : 0) | (g === 'data' ? PF_W : 0);
    phdrs.push({ type: PT_LOAD, flags, offset: segStart, vaddr: base + BigInt(segStart), filesz: fileLimit - segStart, memsz: offset - segStart, align: PAGE });
    fileEnd = fileLimit;
  }
  phdrs.push({ type: PT_GNU_STACK, flags: PF_R | PF_W, offset: 0, vaddr: 0n, filesz: 0, memsz: 0, align: 16 });

  const body = new Uint8Array(fileEnd);
  for (const s of image.sections) {
    const ls = linkedSections.find((x) => x.name === s.name);
    if (ls !== undefined && s.kind !== 'bss') body.set(s.bytes, ls.offset);
  }

  // Symbol values.
  const symbolValue = new Map<string, bigint>();
  for (const [name, addr] of sectionAddr) symbolValue.set(name, addr);
  for (const s of image.sections) if (!sectionAddr.has(s.name)) symbolValue.set(s.name, 0n);
  symbolValue.set('*ABS*', 0n);
  const linkedSymbols: LinkedSymbol[] = [];
  for (const sym of image.symbols) {
    const value = sym.section === '*ABS*' ? sym.offset : (sectionAddr.get(sym.section) ?? 0n) + sym.offset;
    symbolValue.set(sym.name, value);
    linkedSymbols.push({ name: sym.name, value, size: sym.size ?? 0n, global: sym.global, kind: sym.kind, section: sym.section });
  }

  const view = new DataView(body.buffer);
  for (const f of image.fixups) {
    const secAddr = sectionAddr.get(f.section);
    const ls = linkedSections.find((x) => x.name === f.section);
    if (secAddr === undefined || ls === undefined) continue; // non-alloc section: nothing to patch in memory
    const s = symbolValue.get(f.symbol);
    if (s === undefined) {
      errors.push({ line: f.line, column: f.column, message: `undefined reference to '${f.symbol}'` });
      continue;
    }
    if (pie && isAbsoluteRelocation(opts.arch, f.type) && f.symbol !== '*ABS*') {
      errors.push({
        line: f.line,
        column: f.column,
        message: `relocation ${relocName(opts.arch, f.type)} against '${f.symbol}' can not be used when making a PIE object; use a RIP/PC-relative address`,
      });
      continue;
    }
    const err = applyRelocation(opts.arch, view, ls.offset + f.offset, { type: f.type, value: s + f.addend, place: secAddr + BigInt(f.offset) });
    if (err !== null) errors.push({ line: f.line, column: f.column, message: `${err} against '${f.symbol}'` });
  }
  if (errors.length > 0) return { ok: false, errors };

  const entryName = opts.entry ?? '_start';
  let entry = symbolValue.get(entryName);
  if (entry === undefined || !image.symbols.some((s) => s.name === entryName)) {
    entry = sectionAddr.get('.text') ?? linkedSections.find((s) => s.kind === 'text')?.address ?? base;
    warnings.push(`cannot find entry symbol ${entryName}; defaulting to 0x${entry.toString(16)}`);
  }

  const outSections: OutSection[] = linkedSections.map((ls) => {
    const src = image.sections.find((s) => s.name === ls.name) as ObjectSection;
    const flags = SHF_ALLOC | (src.flags.write ? SHF_WRITE : 0) | (src.flags.exec ? SHF_EXECINSTR : 0);
    return { name: ls.name, type: ls.kind === 'bss' ? SHT_NOBITS : SHT_PROGBITS, flags, addr: ls.address, offset: ls.offset, size: ls.size, align: src.align };
  });
  const outSymbols: OutSymbol[] = [];
  for (const sym of linkedSymbols) {
    if (sym.name.startsWith('.L')) continue; // assembler-local labels, as GNU as drops them
    const idx = outSections.findIndex((s) => s.name === sym.section);
    if (sym.section !== '*ABS*' && idx < 0) continue;
    const type = sym.kind === 'func' ? STT_FUNC : sym.kind === 'object' ? STT_OBJECT : STT_NOTYPE;
    outSymbols.push({ name: sym.name, value: sym.value, size: sym.size, global: sym.global, type, section: sym.section === '*ABS*' ? 'abs' : idx + 1 });
  }
  const elf = writeElf({
    type: pie ? ET_DYN : ET_EXEC,
    machine: opts.arch === 'x86_64' ? EM_X86_64 : EM_AARCH64,
    entry,
    phdrs,
    body,
    sections: outSections,
    symbols: outSymbols,
  });
  const sourceMap: LinkedSourceMapEntry[] = image.sourceMap.flatMap((m) => {
    const a = sectionAddr.get(m.section);
    return a === undefined ? [] : [{ address: a + BigInt(m.offset), length: m.length, line: m.line, column: m.column }];
  });
  const segments: LinkedSegment[] = phdrs.map((p) => ({
    type: p.type === PT_LOAD ? 'load' : 'gnu-stack',
    flags: { r: (p.flags & PF_R) !== 0, w: (p.flags & PF_W) !== 0, x: (p.flags & PF_X) !== 0 },
    offset: p.offset,
    vaddr: p.vaddr,
    filesz: p.filesz,
    memsz: p.memsz,
    align: p.align,
  }));
  return { ok: true, elf, entry, segments, sections: linkedSections, symbols: linkedSymbols, sourceMap, warnings };
}
