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

/** Parse a general-purpose register name (case-insensitive); undefined if it is not one. */
export function parseGpReg(text: string): GpReg | undefined {
  const name = text.toLowerCase();
  if (name === 'sp') return { num: 31, width: 64, isSp: true, isZr: false, name };
  if (name === 'wsp') return { num: 31, width: 32, isSp: true, isZr: false, name };
  if (name === 'xzr') return { num: 31, width: 64, isSp: false, isZr: true, name };
  if (name === 'wzr') return { num: 31, width: 32, isSp: false, isZr: true, name };
  const alias = ALIASES[name];
  if (alias !== undefined) return { num: alias, width: 64, isSp: false, isZr: false, name };
  const m = /^([xw])([0-9]|[12][0-9]|30)$/.exec(name);
  if (!m) return undefined;
  return { num: Number(m[2]), width: m[1] === 'x' ? 64 : 32, isSp: false, isZr: false, name };
}
