// The named SYS operations: TLBI, IC, DC, AT and the prediction-restriction trio
// CFP/DVP/CPP RCTX (ARM ARM C5.3 "A64 System instructions for cache maintenance,
// address translation and TLB maintenance", C6.2 "SYS" aliases), each as
// {op1, CRn, CRm, op2} and whether it names Xt. One table feeds the assembler
// (`tlbi vae1, x0` → SYS), the disassembler and the executor's list of what it models.
//
// The set is the one binutils 2.40 objdump names, whatever -march (the v8.2+ ones —
// MTE's dc g*, TLBI ranges and outer-shareable, EL2/EL3 ops — need a -march for
// `as`). Like objdump and llvm-objdump, an alias that names no register is printed
// without one even when Rt ≠ 31, and `as` refuses `ic iallu, x5`: only
// `sys #0, C7, C5, #0, x5` writes that word.

export type SysAliasKind = 'tlbi' | 'ic' | 'dc' | 'at' | 'cfp' | 'dvp' | 'cpp';

export interface SysOp {
  readonly op1: number;
  readonly crn: number;
  readonly crm: number;
  readonly op2: number;
  readonly needsReg: boolean;
}

export interface SysAlias extends SysOp {
  readonly kind: SysAliasKind;
  readonly name: string;
}

/** [op1, CRn, CRm, op2] and NO_REG when the operation takes no Xt. */
type Row = readonly [number, number, number, number, false?];
const NO_REG = false;

// prettier-ignore
const TABLE: Readonly<Record<SysAliasKind, Readonly<Record<string, Row>>>> = {
  ic: {
    ialluis: [0, 7, 1, 0, NO_REG], iallu: [0, 7, 5, 0, NO_REG], ivau: [3, 7, 5, 1],
  },
  dc: {
    ivac: [0, 7, 6, 1], isw: [0, 7, 6, 2], igvac: [0, 7, 6, 3], igsw: [0, 7, 6, 4], igdvac: [0, 7, 6, 5],
    igdsw: [0, 7, 6, 6], csw: [0, 7, 10, 2], cgsw: [0, 7, 10, 4], cgdsw: [0, 7, 10, 6], cisw: [0, 7, 14, 2],
    cigsw: [0, 7, 14, 4], cigdsw: [0, 7, 14, 6], zva: [3, 7, 4, 1], gva: [3, 7, 4, 3], gzva: [3, 7, 4, 4],
    cvac: [3, 7, 10, 1], cgvac: [3, 7, 10, 3], cgdvac: [3, 7, 10, 5], cvau: [3, 7, 11, 1], cvap: [3, 7, 12, 1],
    cgvap: [3, 7, 12, 3], cgdvap: [3, 7, 12, 5], cvadp: [3, 7, 13, 1], cgvadp: [3, 7, 13, 3], cgdvadp: [3, 7, 13, 5],
    civac: [3, 7, 14, 1], cigvac: [3, 7, 14, 3], cigdvac: [3, 7, 14, 5], cipapa: [6, 7, 14, 1],
    cigdpapa: [6, 7, 14, 5],
  },
  at: {
    s1e1r: [0, 7, 8, 0], s1e1w: [0, 7, 8, 1], s1e0r: [0, 7, 8, 2], s1e0w: [0, 7, 8, 3], s1e1rp: [0, 7, 9, 0],
    s1e1wp: [0, 7, 9, 1], s1e2r: [4, 7, 8, 0], s1e2w: [4, 7, 8, 1], s12e1r: [4, 7, 8, 4], s12e1w: [4, 7, 8, 5],
    s12e0r: [4, 7, 8, 6], s12e0w: [4, 7, 8, 7], s1e3r: [6, 7, 8, 0], s1e3w: [6, 7, 8, 1],
  },
  tlbi: {
    vmalle1os: [0, 8, 1, 0, NO_REG], vae1os: [0, 8, 1, 1], aside1os: [0, 8, 1, 2], vaae1os: [0, 8, 1, 3],
    vale1os: [0, 8, 1, 5], vaale1os: [0, 8, 1, 7], rvae1is: [0, 8, 2, 1], rvaae1is: [0, 8, 2, 3],
    rvale1is: [0, 8, 2, 5], rvaale1is: [0, 8, 2, 7], vmalle1is: [0, 8, 3, 0, NO_REG], vae1is: [0, 8, 3, 1],
    aside1is: [0, 8, 3, 2], vaae1is: [0, 8, 3, 3], vale1is: [0, 8, 3, 5], vaale1is: [0, 8, 3, 7],
    rvae1os: [0, 8, 5, 1], rvaae1os: [0, 8, 5, 3], rvale1os: [0, 8, 5, 5], rvaale1os: [0, 8, 5, 7],
    rvae1: [0, 8, 6, 1], rvaae1: [0, 8, 6, 3], rvale1: [0, 8, 6, 5], rvaale1: [0, 8, 6, 7],
    vmalle1: [0, 8, 7, 0, NO_REG], vae1: [0, 8, 7, 1], aside1: [0, 8, 7, 2], vaae1: [0, 8, 7, 3], vale1: [0, 8, 7, 5],
    vaale1: [0, 8, 7, 7], ipas2e1is: [4, 8, 0, 1], ripas2e1is: [4, 8, 0, 2], ipas2le1is: [4, 8, 0, 5],
    ripas2le1is: [4, 8, 0, 6], alle2os: [4, 8, 1, 0, NO_REG], vae2os: [4, 8, 1, 1], alle1os: [4, 8, 1, 4, NO_REG],
    vale2os: [4, 8, 1, 5], vmalls12e1os: [4, 8, 1, 6, NO_REG], rvae2is: [4, 8, 2, 1], rvale2is: [4, 8, 2, 5],
    alle2is: [4, 8, 3, 0, NO_REG], vae2is: [4, 8, 3, 1], alle1is: [4, 8, 3, 4, NO_REG], vale2is: [4, 8, 3, 5],
    vmalls12e1is: [4, 8, 3, 6, NO_REG], ipas2e1os: [4, 8, 4, 0], ipas2e1: [4, 8, 4, 1], ripas2e1: [4, 8, 4, 2],
    ripas2e1os: [4, 8, 4, 3], ipas2le1os: [4, 8, 4, 4], ipas2le1: [4, 8, 4, 5], ripas2le1: [4, 8, 4, 6],
    ripas2le1os: [4, 8, 4, 7], rvae2os: [4, 8, 5, 1], rvale2os: [4, 8, 5, 5], rvae2: [4, 8, 6, 1],
    rvale2: [4, 8, 6, 5], alle2: [4, 8, 7, 0, NO_REG], vae2: [4, 8, 7, 1], alle1: [4, 8, 7, 4, NO_REG],
    vale2: [4, 8, 7, 5], vmalls12e1: [4, 8, 7, 6, NO_REG], alle3os: [6, 8, 1, 0, NO_REG], vae3os: [6, 8, 1, 1],
    paallos: [6, 8, 1, 4, NO_REG], vale3os: [6, 8, 1, 5], rvae3is: [6, 8, 2, 1], rvale3is: [6, 8, 2, 5],
    alle3is: [6, 8, 3, 0, NO_REG], vae3is: [6, 8, 3, 1], vale3is: [6, 8, 3, 5], rpaos: [6, 8, 4, 3],
    rpalos: [6, 8, 4, 7], rvae3os: [6, 8, 5, 1], rvale3os: [6, 8, 5, 5], rvae3: [6, 8, 6, 1], rvale3: [6, 8, 6, 5],
    alle3: [6, 8, 7, 0, NO_REG], vae3: [6, 8, 7, 1], paall: [6, 8, 7, 4, NO_REG], vale3: [6, 8, 7, 5],
  },
  cfp: {
    rctx: [3, 7, 3, 4],
  },
  dvp: {
    rctx: [3, 7, 3, 5],
  },
  cpp: {
    rctx: [3, 7, 3, 7],
  },
};

/** Key of bits [18:5] of a SYS word: op1:CRn:CRm:op2. */
export function sysKey(op1: number, crn: number, crm: number, op2: number): number {
  return (op1 << 11) | (crn << 7) | (crm << 3) | op2;
}

export const SYS_OPS = {} as Record<SysAliasKind, Record<string, SysAlias>>;
const BY_KEY = new Map<number, SysAlias>();
for (const kind of Object.keys(TABLE) as SysAliasKind[]) {
  SYS_OPS[kind] = {};
  for (const [name, [op1, crn, crm, op2, reg]] of Object.entries(TABLE[kind])) {
    const a: SysAlias = { kind, name, op1, crn, crm, op2, needsReg: reg !== NO_REG };
    SYS_OPS[kind][name] = a;
    BY_KEY.set(sysKey(op1, crn, crm, op2), a);
  }
}

/** The named operation a SYS word performs, or undefined (printed as generic `sys`). */
export function sysAliasOf(word: number): SysAlias | undefined {
  return BY_KEY.get((word >>> 5) & 0x3fff);
}

export function isSysAliasKind(m: string): m is SysAliasKind {
  return Object.hasOwn(TABLE, m);
}
