// Test helper: read an executable's memory image by virtual address through
// its PT_LOAD program headers (ELF gABI "Program Header"), so two links can be
// compared address by address whatever their file layout.

export interface LoadSegment {
  offset: number;
  vaddr: bigint;
  filesz: number;
  memsz: number;
}

export function loadSegments(elf: Uint8Array): LoadSegment[] {
  const dv = new DataView(elf.buffer, elf.byteOffset, elf.byteLength);
  const phoff = Number(dv.getBigUint64(0x20, true));
  const phentsize = dv.getUint16(0x36, true);
  const phnum = dv.getUint16(0x38, true);
  const out: LoadSegment[] = [];
  for (let i = 0; i < phnum; i++) {
    const p = phoff + i * phentsize;
    if (dv.getUint32(p, true) !== 1) continue;
    out.push({
      offset: Number(dv.getBigUint64(p + 8, true)),
      vaddr: dv.getBigUint64(p + 16, true),
      filesz: Number(dv.getBigUint64(p + 32, true)),
      memsz: Number(dv.getBigUint64(p + 40, true)),
    });
  }
  return out;
}

/** `length` bytes of memory at `vaddr` as the loader would map them (bss reads as zero). */
export function readMemory(elf: Uint8Array, vaddr: bigint, length: number): Uint8Array {
  const out = new Uint8Array(length);
  const segs = loadSegments(elf);
  for (let i = 0; i < length; i++) {
    const a = vaddr + BigInt(i);
    const s = segs.find((x) => a >= x.vaddr && a < x.vaddr + BigInt(x.memsz));
    if (!s) throw new Error(`address 0x${a.toString(16)} is not mapped`);
    const rel = Number(a - s.vaddr);
    out[i] = rel < s.filesz ? (elf[s.offset + rel] ?? 0) : 0;
  }
  return out;
}

export function entryPoint(elf: Uint8Array): bigint {
  return new DataView(elf.buffer, elf.byteOffset, elf.byteLength).getBigUint64(0x18, true);
}
