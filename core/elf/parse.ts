// A defensive ELF64 reader for executables handed to the emulated kernel.
// Every field that points into the file is bounds-checked before use, and a
// malformed file yields one specific message instead of an exception — the
// checks mirror what Linux's binfmt_elf (load_elf_binary) refuses, plus a few
// that make the lab's errors clearer (entry outside code, overlaps).

import { EHDR_SIZE, EM_AARCH64, EM_X86_64, ET_DYN, ET_EXEC, MACHINE_NAMES, PF_R, PF_W, PF_X, PHDR_SIZE, PT_INTERP, PT_LOAD, PT_NAMES } from './elf-constants.js';
import { parseSections, type ElfSection, type ElfSymbol } from './parse-sections.js';

export type { ElfSection, ElfSymbol };

export interface ElfProgramHeader {
  /** 0-based index in the program header table (the number used in messages). */
  index: number;
  type: number;
  /** 'LOAD', 'INTERP', 'GNU_STACK', ... or '0x...' */
  typeName: string;
  flags: { r: boolean; w: boolean; x: boolean };
  offset: bigint;
  vaddr: bigint;
  paddr: bigint;
  filesz: bigint;
  memsz: bigint;
  align: bigint;
}

export interface ParsedElf {
  machine: 'x86_64' | 'arm64';
  type: 'exec' | 'dyn';
  entry: bigint;
  /** File offset and count of the program header table (for AT_PHDR / AT_PHNUM). */
  phoff: bigint;
  phnum: number;
  programHeaders: ElfProgramHeader[];
  /** PT_INTERP path (e.g. "/lib64/ld-linux-x86-64.so.2") for dynamically linked files, else null. */
  interp: string | null;
  sections: ElfSection[];
  symbols: ElfSymbol[];
  /** Problems in optional parts (section headers, symbols) that do not stop loading. */
  warnings: string[];
}

export type ParseElfResult = { ok: true; elf: ParsedElf } | { ok: false; error: string };

const hex = (v: bigint | number): string => '0x' + v.toString(16);
const U64_LIMIT = 1n << 64n;

export function parseElf(bytes: Uint8Array): ParseElfResult {
  try {
    return parseUnchecked(bytes);
  } catch (e) {
    // Defence in depth: any reader bug still comes back as a message.
    return { ok: false, error: `malformed ELF file (${e instanceof Error ? e.message : String(e)})` };
  }
}

function parseUnchecked(bytes: Uint8Array): ParseElfResult {
  const fail = (error: string): ParseElfResult => ({ ok: false, error });
  const size = bytes.length;
  const MAGIC = [0x7f, 0x45, 0x4c, 0x46];
  if (size === 0) return fail('file is empty');
  if (MAGIC.some((m, i) => i < size && bytes[i] !== m)) return fail('not an ELF file (bad magic)');
  if (size < EHDR_SIZE) return fail(`file is ${size} bytes, shorter than the 64-byte ELF header`);
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes[4] !== 2) return fail(bytes[4] === 1 ? '32-bit ELF (ELFCLASS32) is not supported, only ELF64' : `bad ELF class ${bytes[4]}`);
  if (bytes[5] !== 1) return fail(bytes[5] === 2 ? 'big-endian ELF (ELFDATA2MSB) is not supported' : `bad ELF data encoding ${bytes[5]}`);
  if (bytes[6] !== 1) return fail(`bad ELF version ${bytes[6]}`);
  const eType = v.getUint16(16, true);
  if (eType !== ET_EXEC && eType !== ET_DYN) {
    const names: Record<number, string> = { 0: 'ET_NONE', 1: 'ET_REL (a relocatable object: link it first)', 4: 'ET_CORE (a core dump)' };
    return fail(`unsupported ELF type ${eType}${names[eType] !== undefined ? ` ${names[eType]}` : ''}`);
  }
  const machine = v.getUint16(18, true);
  if (machine !== EM_X86_64 && machine !== EM_AARCH64) return fail(`unsupported machine ${machine} (${MACHINE_NAMES[machine] ?? 'unknown'})`);
  const entry = v.getBigUint64(24, true);
  const phoff = v.getBigUint64(32, true);
  const phentsize = v.getUint16(54, true);
  const phnum = v.getUint16(56, true);
  if (phnum === 0) return fail('no program headers: not an executable');
  if (phnum === 0xffff) return fail('too many program headers (PN_XNUM) is not supported');
  if (phentsize !== PHDR_SIZE) return fail(`program header entry size is ${phentsize}, expected ${PHDR_SIZE}`);
  const phdrs: ElfProgramHeader[] = [];
  for (let i = 0; i < phnum; i++) {
    const at = phoff + BigInt(i * PHDR_SIZE);
    if (at + BigInt(PHDR_SIZE) > BigInt(size)) return fail(`program header ${i} extends past end of file`);
    const o = Number(at);
    const type = v.getUint32(o, true);
    const f = v.getUint32(o + 4, true);
    phdrs.push({
      index: i,
      type,
      typeName: PT_NAMES[type] ?? hex(type),
      flags: { r: (f & PF_R) !== 0, w: (f & PF_W) !== 0, x: (f & PF_X) !== 0 },
      offset: v.getBigUint64(o + 8, true),
      vaddr: v.getBigUint64(o + 16, true),
      paddr: v.getBigUint64(o + 24, true),
      filesz: v.getBigUint64(o + 32, true),
      memsz: v.getBigUint64(o + 40, true),
      align: v.getBigUint64(o + 48, true),
    });
  }
  const loads = phdrs.filter((p) => p.type === PT_LOAD);
  if (loads.length === 0) return fail('no PT_LOAD segments: nothing to map');
  for (const p of loads) {
    const n = p.index;
    if (p.filesz > p.memsz) return fail(`segment ${n} has filesz ${hex(p.filesz)} > memsz ${hex(p.memsz)}`);
    if (p.offset + p.filesz > BigInt(size)) return fail(`segment ${n} extends past end of file (offset ${hex(p.offset)} + filesz ${hex(p.filesz)} > file size ${hex(size)})`);
    if (p.vaddr + p.memsz > U64_LIMIT) return fail(`segment ${n} wraps around the address space (vaddr ${hex(p.vaddr)} + memsz ${hex(p.memsz)})`);
    if (p.align > 1n) {
      if ((p.align & (p.align - 1n)) !== 0n) return fail(`segment ${n} has alignment ${hex(p.align)}, not a power of two`);
      if ((p.vaddr - p.offset) % p.align !== 0n && (p.offset - p.vaddr) % p.align !== 0n)
        return fail(`segment ${n}: vaddr ${hex(p.vaddr)} and offset ${hex(p.offset)} differ modulo alignment ${hex(p.align)}`);
    }
  }
  const sorted = [...loads].sort((a, b) => (a.vaddr < b.vaddr ? -1 : a.vaddr > b.vaddr ? 1 : 0));
  for (let i = 1; i < sorted.length; i++) {
    const a = sorted[i - 1] as ElfProgramHeader;
    const b = sorted[i] as ElfProgramHeader;
    if (a.memsz > 0n && b.memsz > 0n && a.vaddr + a.memsz > b.vaddr) {
      const [x, y] = a.index < b.index ? [a.index, b.index] : [b.index, a.index];
      return fail(`overlapping PT_LOAD segments ${x} and ${y}`);
    }
  }
  let interp: string | null = null;
  const ip = phdrs.find((p) => p.type === PT_INTERP);
  if (ip !== undefined) {
    if (ip.offset + ip.filesz > BigInt(size) || ip.filesz === 0n || ip.filesz > 4096n) return fail(`PT_INTERP (program header ${ip.index}) extends past end of file or is empty`);
    const raw = bytes.subarray(Number(ip.offset), Number(ip.offset + ip.filesz));
    const nul = raw.indexOf(0);
    interp = String.fromCharCode(...(nul < 0 ? raw : raw.subarray(0, nul)));
  }
  const inCode = loads.some((p) => p.flags.x && entry >= p.vaddr && entry < p.vaddr + p.memsz);
  if (!inCode) return fail(`entry point ${hex(entry)} is outside every executable segment`);
  const { sections, symbols, warnings } = parseSections(bytes, v);
  return {
    ok: true,
    elf: {
      machine: machine === EM_X86_64 ? 'x86_64' : 'arm64',
      type: eType === ET_EXEC ? 'exec' : 'dyn',
      entry,
      phoff,
      phnum,
      programHeaders: phdrs,
      interp,
      sections,
      symbols,
      warnings,
    },
  };
}
