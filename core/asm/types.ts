// Public data types of the architecture-neutral assembler front end.
// An ObjectImage is what one assembly run produces: sections of bytes, symbols
// and fixups (ELF relocations) that only the linker can resolve, plus a source
// map so the stepping UI can go from an address back to a source line.

export type AsmArch = 'x86_64' | 'arm64';

/** One diagnostic; line and column are 1-based like GNU as prints them. */
export interface AsmError {
  line: number;
  column: number;
  message: string;
}

export type SectionKind = 'text' | 'data' | 'bss' | 'other';

export interface SectionFlags {
  alloc: boolean;
  write: boolean;
  exec: boolean;
}

export interface ObjectSection {
  name: string;
  kind: SectionKind;
  flags: SectionFlags;
  /** Byte alignment (a power of two, at least 1). */
  align: number;
  /** Contents; empty for bss (NOBITS) sections. */
  bytes: Uint8Array;
  /** Size in memory; equals bytes.length except for bss. */
  size: number;
}

export type SymbolKind = 'notype' | 'func' | 'object' | 'abs';

export interface ObjectSymbol {
  name: string;
  /** Section name, or '*ABS*' for absolute (.equ) symbols. */
  section: string;
  /** Offset inside the section, or the value for absolute symbols. */
  offset: bigint;
  global: boolean;
  kind: SymbolKind;
  /** From `.size`, when given and absolute. */
  size?: bigint;
}

/**
 * A relocation left for the linker, in ELF terms: the field at
 * (section, offset) receives f(S + A, P) where S is the value of `symbol`,
 * A is `addend`, P the field's own address. `type` is the ELF r_type for the
 * image's arch (R_X86_64_* or R_AARCH64_*); core/elf/relocate.ts applies it.
 */
export interface ObjectFixup {
  section: string;
  offset: number;
  type: number;
  symbol: string;
  addend: bigint;
  /** Source position, for "relocation out of range" errors at link time. */
  line: number;
  column: number;
}

export interface SourceMapEntry {
  section: string;
  offset: number;
  length: number;
  line: number;
  column: number;
}

export interface ObjectImage {
  arch: AsmArch;
  sections: ObjectSection[];
  symbols: ObjectSymbol[];
  fixups: ObjectFixup[];
  sourceMap: SourceMapEntry[];
}

export type AssembleResult = { ok: true; image: ObjectImage } | { ok: false; errors: AsmError[] };
