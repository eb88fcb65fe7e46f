// SYS aliases: TLBI, IC, DC and AT operations as {op1, CRn, CRm, op2} and
// whether they take a register (ARM ARM C5.3 "A64 System instructions for
// cache maintenance, address translation and TLB maintenance").

export interface SysOp {
  readonly op1: number;
  readonly crn: number;
  readonly crm: number;
  readonly op2: number;
  readonly needsReg: boolean;
}

const op = (op1: number, crn: number, crm: number, op2: number, needsReg: boolean): SysOp => ({ op1, crn, crm, op2, needsReg });

export const SYS_OPS: Readonly<Record<'tlbi' | 'ic' | 'dc' | 'at', Readonly<Record<string, SysOp>>>> = {
  tlbi: {
    vmalle1is: op(0, 8, 3, 0, false), vae1is: op(0, 8, 3, 1, true), aside1is: op(0, 8, 3, 2, true), vaae1is: op(0, 8, 3, 3, true),
    vale1is: op(0, 8, 3, 5, true), vaale1is: op(0, 8, 3, 7, true),
    vmalle1: op(0, 8, 7, 0, false), vae1: op(0, 8, 7, 1, true), aside1: op(0, 8, 7, 2, true), vaae1: op(0, 8, 7, 3, true),
    vale1: op(0, 8, 7, 5, true), vaale1: op(0, 8, 7, 7, true),
  },
  ic: { ialluis: op(0, 7, 1, 0, false), iallu: op(0, 7, 5, 0, false), ivau: op(3, 7, 5, 1, true) },
  dc: {
    ivac: op(0, 7, 6, 1, true), isw: op(0, 7, 6, 2, true), csw: op(0, 7, 10, 2, true), cisw: op(0, 7, 14, 2, true),
    zva: op(3, 7, 4, 1, true), cvac: op(3, 7, 10, 1, true), cvau: op(3, 7, 11, 1, true), civac: op(3, 7, 14, 1, true),
  },
  at: {
    s1e1r: op(0, 7, 8, 0, true), s1e1w: op(0, 7, 8, 1, true), s1e0r: op(0, 7, 8, 2, true), s1e0w: op(0, 7, 8, 3, true),
  },
};
