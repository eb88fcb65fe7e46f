// AArch64 general-purpose register names as GNU as spells them.
// ARM ARM C1.2.5: register 31 is SP or ZR depending on the operand; the
// assembler keeps the spelling so each encoder can reject the wrong one.

export type RegWidth = 32 | 64;

export interface GpReg {
  /** 0..31 as encoded in the instruction field. */
  readonly num: number;
  readonly width: RegWidth;
  /** true for sp / wsp (encoded as 31). */
  readonly isSp: boolean;
  /** true for xzr / wzr (encoded as 31). */
  readonly isZr: boolean;
  readonly name: string;
}

const ALIASES: Readonly<Record<string, number>> = { ip0: 16, ip1: 17, fp: 29, lr: 30 };

function buildTable(): Map<string, GpReg> {
  const t = new Map<string, GpReg>();
  const put = (name: string, num: number, width: RegWidth, isSp = false, isZr = false): void => {
    t.set(name, { num, width, isSp, isZr, name });
  };
  for (let n = 0; n <= 30; n++) {
    put(`x${n}`, n, 64);
    put(`w${n}`, n, 32);
  }
  put('sp', 31, 64, true);
  put('wsp', 31, 32, true);
  put('xzr', 31, 64, false, true);
  put('wzr', 31, 32, false, true);
  for (const [name, num] of Object.entries(ALIASES)) put(name, num, 64);
  return t;
}

const TABLE = buildTable();

/** Parse a general-purpose register name (case-insensitive); undefined if it is not one. */
export function parseGpReg(text: string): GpReg | undefined {
  return TABLE.get(text) ?? TABLE.get(text.toLowerCase());
}
