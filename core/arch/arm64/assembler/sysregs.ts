// System register encodings {op0, op1, CRn, CRm, op2} for MRS/MSR
// (ARM ARM D19 "AArch64 System Register Descriptions"). Names are matched
// case-insensitively, as GNU as does; `S<op0>_<op1>_C<n>_C<m>_<op2>` is the
// generic spelling for any register.

export interface SysRegEncoding {
  readonly op0: number;
  readonly op1: number;
  readonly crn: number;
  readonly crm: number;
  readonly op2: number;
}

const r = (op0: number, op1: number, crn: number, crm: number, op2: number): SysRegEncoding => ({ op0, op1, crn, crm, op2 });

export const SYSTEM_REGISTERS: Readonly<Record<string, SysRegEncoding>> = {
  midr_el1: r(3, 0, 0, 0, 0),
  mpidr_el1: r(3, 0, 0, 0, 5),
  sctlr_el1: r(3, 0, 1, 0, 0),
  cpacr_el1: r(3, 0, 1, 0, 2),
  ttbr0_el1: r(3, 0, 2, 0, 0),
  ttbr1_el1: r(3, 0, 2, 0, 1),
  tcr_el1: r(3, 0, 2, 0, 2),
  spsr_el1: r(3, 0, 4, 0, 0),
  elr_el1: r(3, 0, 4, 0, 1),
  sp_el0: r(3, 0, 4, 1, 0),
  spsel: r(3, 0, 4, 2, 0),
  currentel: r(3, 0, 4, 2, 2),
  pan: r(3, 0, 4, 2, 3),
  nzcv: r(3, 3, 4, 2, 0),
  daif: r(3, 3, 4, 2, 1),
  fpcr: r(3, 3, 4, 4, 0),
  fpsr: r(3, 3, 4, 4, 1),
  sp_el1: r(3, 4, 4, 1, 0),
  esr_el1: r(3, 0, 5, 2, 0),
  far_el1: r(3, 0, 6, 0, 0),
  par_el1: r(3, 0, 7, 4, 0),
  mair_el1: r(3, 0, 10, 2, 0),
  vbar_el1: r(3, 0, 12, 0, 0),
  contextidr_el1: r(3, 0, 13, 0, 1),
  tpidr_el1: r(3, 0, 13, 0, 4),
  tpidr_el0: r(3, 3, 13, 0, 2),
  tpidrro_el0: r(3, 3, 13, 0, 3),
  cntfrq_el0: r(3, 3, 14, 0, 0),
  cntpct_el0: r(3, 3, 14, 0, 1),
  cntvct_el0: r(3, 3, 14, 0, 2),
  cntkctl_el1: r(3, 0, 14, 1, 0),
  cntp_ctl_el0: r(3, 3, 14, 2, 1),
  cntp_cval_el0: r(3, 3, 14, 2, 2),
  cntv_ctl_el0: r(3, 3, 14, 3, 1),
  cntv_cval_el0: r(3, 3, 14, 3, 2),
};

export function lookupSysReg(name: string): SysRegEncoding | undefined {
  const n = name.toLowerCase();
  const known = SYSTEM_REGISTERS[n];
  if (known) return known;
  const m = /^s([23])_([0-7])_c([0-9]|1[0-5])_c([0-9]|1[0-5])_([0-7])$/.exec(n);
  if (!m) return undefined;
  return r(Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4]), Number(m[5]));
}

/** PSTATE fields for `msr <field>, #imm` (C6.2 "MSR (immediate)"): op1, op2 and the immediate's range. */
export const PSTATE_FIELDS: Readonly<Record<string, { readonly op1: number; readonly op2: number; readonly max: number }>> = {
  spsel: { op1: 0, op2: 5, max: 1 },
  daifset: { op1: 3, op2: 6, max: 15 },
  daifclr: { op1: 3, op2: 7, max: 15 },
  pan: { op1: 0, op2: 4, max: 1 },
  uao: { op1: 0, op2: 3, max: 1 },
};
