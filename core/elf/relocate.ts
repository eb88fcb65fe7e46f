// Applies one ELF relocation to linked bytes. x86-64: psABI Table 4.10;
// AArch64: AAELF64 §5.7 (static data, MOVW, PC-relative, branches, LO12).
// Returns an error string when the value does not fit (ld: "relocation
// truncated to fit").

export interface RelocInput {
  type: number;
  /** S + A */
  value: bigint;
  /** Address of the field (P). */
  place: bigint;
}

function fitsS(v: bigint, bits: number): boolean {
  const lim = 1n << BigInt(bits - 1);
  return v >= -lim && v < lim;
}
function fitsU(v: bigint, bits: number): boolean {
  return v >= 0n && v < 1n << BigInt(bits);
}
function fitsEither(v: bigint, bits: number): boolean {
  return fitsS(v, bits) || fitsU(v, bits);
}

function write(view: DataView, at: number, size: number, v: bigint): void {
  const u = BigInt.asUintN(64, v);
  if (size === 8) view.setBigUint64(at, u, true);
  else if (size === 4) view.setUint32(at, Number(u & 0xffffffffn), true);
  else if (size === 2) view.setUint16(at, Number(u & 0xffffn), true);
  else view.setUint8(at, Number(u & 0xffn));
}

/** Patches bits [lo, lo+width) of the 32-bit instruction word at `at`. */
function patch(view: DataView, at: number, lo: number, width: number, v: bigint): void {
  const mask = ((1 << width) - 1) >>> 0;
  const field = Number(BigInt.asUintN(width, v)) >>> 0;
  const word = view.getUint32(at, true);
  view.setUint32(at, ((word & ~((mask << lo) >>> 0)) | ((field & mask) << lo)) >>> 0, true);
}

export const X86_64_RELOC_NAMES: Record<number, string> = {
  1: 'R_X86_64_64', 2: 'R_X86_64_PC32', 4: 'R_X86_64_PLT32', 10: 'R_X86_64_32', 11: 'R_X86_64_32S', 12: 'R_X86_64_16',
  13: 'R_X86_64_PC16', 14: 'R_X86_64_8', 15: 'R_X86_64_PC8', 24: 'R_X86_64_PC64',
};
export const AARCH64_RELOC_NAMES: Record<number, string> = {
  257: 'R_AARCH64_ABS64', 258: 'R_AARCH64_ABS32', 259: 'R_AARCH64_ABS16', 260: 'R_AARCH64_PREL64', 261: 'R_AARCH64_PREL32',
  262: 'R_AARCH64_PREL16', 263: 'R_AARCH64_MOVW_UABS_G0', 264: 'R_AARCH64_MOVW_UABS_G0_NC', 265: 'R_AARCH64_MOVW_UABS_G1',
  266: 'R_AARCH64_MOVW_UABS_G1_NC', 267: 'R_AARCH64_MOVW_UABS_G2', 268: 'R_AARCH64_MOVW_UABS_G2_NC', 269: 'R_AARCH64_MOVW_UABS_G3',
  273: 'R_AARCH64_LD_PREL_LO19', 274: 'R_AARCH64_ADR_PREL_LO21', 275: 'R_AARCH64_ADR_PREL_PG_HI21',
  276: 'R_AARCH64_ADR_PREL_PG_HI21_NC', 277: 'R_AARCH64_ADD_ABS_LO12_NC', 278: 'R_AARCH64_LDST8_ABS_LO12_NC',
  279: 'R_AARCH64_TSTBR14', 280: 'R_AARCH64_CONDBR19', 282: 'R_AARCH64_JUMP26', 283: 'R_AARCH64_CALL26',
  284: 'R_AARCH64_LDST16_ABS_LO12_NC', 285: 'R_AARCH64_LDST32_ABS_LO12_NC', 286: 'R_AARCH64_LDST64_ABS_LO12_NC',
  299: 'R_AARCH64_LDST128_ABS_LO12_NC',
};

/** True for relocations that store an absolute address (need a fixed load address). */
export function isAbsoluteRelocation(arch: 'x86_64' | 'arm64', type: number): boolean {
  if (arch === 'x86_64') return [1, 10, 11, 12, 14].includes(type);
  return [257, 258, 259, 263, 264, 265, 266, 267, 268, 269].includes(type);
}

export function applyRelocation(arch: 'x86_64' | 'arm64', view: DataView, at: number, r: RelocInput): string | null {
  const { value: sa, place: p } = r;
  const overflow = (): string => `relocation truncated to fit: ${relocName(arch, r.type)}`;
  if (arch === 'x86_64') {
    switch (r.type) {
      case 1:
        write(view, at, 8, sa);
        return null;
      case 24:
        write(view, at, 8, sa - p);
        return null;
      case 2:
      case 4: {
        const v = sa - p;
        if (!fitsS(v, 32)) return overflow();
        write(view, at, 4, v);
        return null;
      }
      case 10:
        if (!fitsU(sa, 32)) return overflow();
        write(view, at, 4, sa);
        return null;
      case 11:
        if (!fitsS(sa, 32)) return overflow();
        write(view, at, 4, sa);
        return null;
      case 12:
      case 14: {
        const bits = r.type === 12 ? 16 : 8;
        if (!fitsEither(sa, bits)) return overflow();
        write(view, at, bits / 8, sa);
        return null;
      }
      case 13:
      case 15: {
        const bits = r.type === 13 ? 16 : 8;
        if (!fitsS(sa - p, bits)) return overflow();
        write(view, at, bits / 8, sa - p);
        return null;
      }
    }
    return `unsupported relocation type ${r.type}`;
  }
  const page = (x: bigint): bigint => x & ~0xfffn;
  switch (r.type) {
    case 257:
      write(view, at, 8, sa);
      return null;
    case 258:
      if (!fitsEither(sa, 32)) return overflow();
      write(view, at, 4, sa);
      return null;
    case 259:
      if (!fitsEither(sa, 16)) return overflow();
      write(view, at, 2, sa);
      return null;
    case 260:
      write(view, at, 8, sa - p);
      return null;
    case 261:
      if (!fitsEither(sa - p, 32)) return overflow();
      write(view, at, 4, sa - p);
      return null;
    case 262:
      if (!fitsEither(sa - p, 16)) return overflow();
      write(view, at, 2, sa - p);
      return null;
    case 263:
    case 264:
    case 265:
    case 266:
    case 267:
    case 268:
    case 269: {
      const g = Math.floor((r.type - 263) / 2);
      const checked = r.type === 263 || r.type === 265 || r.type === 267 || r.type === 269;
      if (checked && !fitsU(BigInt.asUintN(64, sa), 16 * (g + 1)) && r.type !== 269) return overflow();
      patch(view, at, 5, 16, BigInt.asUintN(64, sa) >> BigInt(16 * g));
      return null;
    }
    case 273:
    case 280:
    case 279: {
      const v = sa - p;
      const bits = r.type === 279 ? 14 : 19;
      if ((v & 3n) !== 0n || !fitsS(v >> 2n, bits)) return overflow();
      patch(view, at, 5, bits, v >> 2n);
      return null;
    }
    case 274: {
      const v = sa - p;
      if (!fitsS(v, 21)) return overflow();
      patch(view, at, 29, 2, v & 3n);
      patch(view, at, 5, 19, v >> 2n);
      return null;
    }
    case 275:
    case 276: {
      const v = (page(sa) - page(p)) >> 12n;
      if (r.type === 275 && !fitsS(v, 21)) return overflow();
      patch(view, at, 29, 2, v & 3n);
      patch(view, at, 5, 19, v >> 2n);
      return null;
    }
    case 277:
    case 278:
    case 284:
    case 285:
    case 286:
    case 299: {
      const shift = { 277: 0n, 278: 0n, 284: 1n, 285: 2n, 286: 3n, 299: 4n }[r.type] ?? 0n;
      patch(view, at, 10, 12, (sa & 0xfffn) >> shift);
      return null;
    }
    case 282:
    case 283: {
      const v = sa - p;
      if ((v & 3n) !== 0n || !fitsS(v >> 2n, 26)) return overflow();
      patch(view, at, 0, 26, v >> 2n);
      return null;
    }
  }
  return `unsupported relocation type ${r.type}`;
}

export function relocName(arch: 'x86_64' | 'arm64', type: number): string {
  return (arch === 'x86_64' ? X86_64_RELOC_NAMES : AARCH64_RELOC_NAMES)[type] ?? `type ${type}`;
}
