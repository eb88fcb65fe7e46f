// System registers reachable by MRS/MSR, keyed by their op0:op1:CRn:CRm:op2
// encoding (ARM ARM D17). `el0` says what EL0 may do; everything else is
// UNDEFINED at EL0 (EC 0x00), which Linux turns into SIGILL.

export type El0Access = 'none' | 'r' | 'rw';

export interface SysregDef {
  name: string;
  op0: number;
  op1: number;
  crn: number;
  crm: number;
  op2: number;
  el0: El0Access;
  /** Writes are ignored/undefined (ID registers, counters). */
  readOnly?: boolean;
}

export const SYSREGS: SysregDef[] = [
  { name: 'NZCV', op0: 3, op1: 3, crn: 4, crm: 2, op2: 0, el0: 'rw' },
  { name: 'DAIF', op0: 3, op1: 3, crn: 4, crm: 2, op2: 1, el0: 'none' },
  { name: 'CurrentEL', op0: 3, op1: 0, crn: 4, crm: 2, op2: 2, el0: 'none', readOnly: true },
  { name: 'SPSel', op0: 3, op1: 0, crn: 4, crm: 2, op2: 0, el0: 'none' },
  { name: 'PAN', op0: 3, op1: 0, crn: 4, crm: 2, op2: 3, el0: 'none' },
  { name: 'SP_EL0', op0: 3, op1: 0, crn: 4, crm: 1, op2: 0, el0: 'none' },
  { name: 'SP_EL1', op0: 3, op1: 4, crn: 4, crm: 1, op2: 0, el0: 'none' },
  { name: 'SPSR_EL1', op0: 3, op1: 0, crn: 4, crm: 0, op2: 0, el0: 'none' },
  { name: 'ELR_EL1', op0: 3, op1: 0, crn: 4, crm: 0, op2: 1, el0: 'none' },
  { name: 'ESR_EL1', op0: 3, op1: 0, crn: 5, crm: 2, op2: 0, el0: 'none' },
  { name: 'FAR_EL1', op0: 3, op1: 0, crn: 6, crm: 0, op2: 0, el0: 'none' },
  { name: 'VBAR_EL1', op0: 3, op1: 0, crn: 12, crm: 0, op2: 0, el0: 'none' },
  { name: 'SCTLR_EL1', op0: 3, op1: 0, crn: 1, crm: 0, op2: 0, el0: 'none' },
  { name: 'TTBR0_EL1', op0: 3, op1: 0, crn: 2, crm: 0, op2: 0, el0: 'none' },
  { name: 'TTBR1_EL1', op0: 3, op1: 0, crn: 2, crm: 0, op2: 1, el0: 'none' },
  { name: 'TCR_EL1', op0: 3, op1: 0, crn: 2, crm: 0, op2: 2, el0: 'none' },
  { name: 'MAIR_EL1', op0: 3, op1: 0, crn: 10, crm: 2, op2: 0, el0: 'none' },
  { name: 'CONTEXTIDR_EL1', op0: 3, op1: 0, crn: 13, crm: 0, op2: 1, el0: 'none' },
  { name: 'TPIDR_EL1', op0: 3, op1: 0, crn: 13, crm: 0, op2: 4, el0: 'none' },
  { name: 'TPIDR_EL0', op0: 3, op1: 3, crn: 13, crm: 0, op2: 2, el0: 'rw' },
  { name: 'TPIDRRO_EL0', op0: 3, op1: 3, crn: 13, crm: 0, op2: 3, el0: 'r' },
  { name: 'CNTFRQ_EL0', op0: 3, op1: 3, crn: 14, crm: 0, op2: 0, el0: 'r' },
  { name: 'CNTVCT_EL0', op0: 3, op1: 3, crn: 14, crm: 0, op2: 2, el0: 'r', readOnly: true },
  { name: 'CNTKCTL_EL1', op0: 3, op1: 0, crn: 14, crm: 1, op2: 0, el0: 'none' },
  { name: 'MIDR_EL1', op0: 3, op1: 0, crn: 0, crm: 0, op2: 0, el0: 'none', readOnly: true },
  { name: 'MPIDR_EL1', op0: 3, op1: 0, crn: 0, crm: 0, op2: 5, el0: 'none', readOnly: true },
  { name: 'CTR_EL0', op0: 3, op1: 3, crn: 0, crm: 0, op2: 1, el0: 'r', readOnly: true },
  { name: 'DCZID_EL0', op0: 3, op1: 3, crn: 0, crm: 0, op2: 7, el0: 'r', readOnly: true },
  { name: 'ID_AA64MMFR0_EL1', op0: 3, op1: 0, crn: 0, crm: 7, op2: 0, el0: 'none', readOnly: true },
];

export function sysregKey(op0: number, op1: number, crn: number, crm: number, op2: number): number {
  return (op0 << 14) | (op1 << 11) | (crn << 7) | (crm << 3) | op2;
}

export const SYSREG_BY_KEY = new Map<number, SysregDef>(
  SYSREGS.map((d) => [sysregKey(d.op0, d.op1, d.crn, d.crm, d.op2), d]),
);

export const SYSREG_BY_NAME = new Map<string, SysregDef>(SYSREGS.map((d) => [d.name.toUpperCase(), d]));

/** Reset values for registers that are plain storage. */
export const SYSREG_RESET: Record<string, bigint> = {
  SCTLR_EL1: 0x30d00800n, // RES1 bits as Linux's INIT_SCTLR_EL1_MMU_OFF
  TCR_EL1: (16n << 16n) | 16n, // T1SZ = T0SZ = 16: 48-bit VA both halves
  MIDR_EL1: 0x410fd034n, // Cortex-A53 r0p4, as qemu's default
  MPIDR_EL1: 0x80000000n,
  CTR_EL0: 0x84448004n,
  DCZID_EL0: 0x14n, // DZP = 1: DC ZVA prohibited, so libc memset never uses it
  CNTFRQ_EL0: 62500000n,
  ID_AA64MMFR0_EL1: 0x5n, // 48-bit PA, 4 KiB granule
};
