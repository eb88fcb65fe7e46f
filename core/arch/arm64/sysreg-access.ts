// MRS/MSR semantics behind Arm64Cpu.sysreg()/setSysreg(): PSTATE fields, the
// banked stack pointers, the injected counter, and side effects of writing
// VBAR/TTBR/SCTLR (MMU state, fetch cache, stack alignment checks).
import type { Arm64Cpu } from './cpu.js';
import { SYSREG_BY_NAME } from './sysregs.js';

const SCTLR_SA = 1n << 3n;
const SCTLR_SA0 = 1n << 4n;

export function readSysreg(cpu: Arm64Cpu, name: string): bigint {
  const key = name.toUpperCase();
  switch (key) {
    case 'NZCV':
      return BigInt((cpu.nzcv << 28) >>> 0);
    case 'DAIF':
      return BigInt(cpu.daif << 6);
    case 'CURRENTEL':
      return BigInt(cpu.el << 2);
    case 'SPSEL':
      return BigInt(cpu.spsel);
    case 'PAN':
      return BigInt(cpu.pan) << 22n;
    case 'SP_EL0':
      return cpu.usesSpEl1() ? cpu.spEl0Bank : cpu.sp;
    case 'SP_EL1':
      return cpu.usesSpEl1() ? cpu.sp : cpu.spEl1Bank;
    case 'CNTVCT_EL0':
      cpu.syncRetired(); // the counter (the kernel's clock) counts this run's instructions so far
      return BigInt.asUintN(64, cpu.counter());
    default: {
      if (!SYSREG_BY_NAME.has(key)) throw new RangeError(`unknown system register ${name}`);
      return cpu.sysStore.get(key) ?? 0n;
    }
  }
}

export function writeSysreg(cpu: Arm64Cpu, name: string, value: bigint): void {
  const key = name.toUpperCase();
  const v = BigInt.asUintN(64, value);
  switch (key) {
    case 'NZCV':
      cpu.nzcv = Number((v >> 28n) & 0xfn);
      return;
    case 'DAIF':
      cpu.daif = Number((v >> 6n) & 0xfn);
      return;
    case 'SPSEL':
      cpu.setMode(cpu.el, Number(v & 1n));
      return;
    case 'PAN':
      cpu.pan = Number((v >> 22n) & 1n);
      return;
    case 'SP_EL0':
      if (cpu.usesSpEl1()) cpu.spEl0Bank = v;
      else cpu.sp = v;
      return;
    case 'SP_EL1':
      if (cpu.usesSpEl1()) cpu.sp = v;
      else cpu.spEl1Bank = v;
      return;
    case 'CURRENTEL':
    case 'CNTVCT_EL0':
      return;
  }
  if (!SYSREG_BY_NAME.has(key)) throw new RangeError(`unknown system register ${name}`);
  cpu.sysStore.set(key, v);
  if (key === 'VBAR_EL1') cpu.vbar = Number(BigInt.asIntN(64, v & ~0x7ffn));
  else if (key === 'TTBR0_EL1') cpu.mmu.setTtbr0(v);
  else if (key === 'TTBR1_EL1') cpu.mmu.setTtbr1(v);
  else if (key === 'SCTLR_EL1') {
    cpu.mmu.setSctlr(v);
    cpu.spAlignCheck = [(v & SCTLR_SA0) !== 0n, (v & SCTLR_SA) !== 0n];
  } else return;
  cpu.syncTlbStats();
  cpu.invalidateFetch();
}
