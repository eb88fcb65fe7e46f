// SYSCALL/SYSRET read number mirrors of EFER.SCE, STAR, LSTAR and FMASK; they must
// track every write, whichever way it is made (WRMSR or the field).

import { describe, expect, it } from 'vitest';
import { makeMachine } from './helpers/machine.js';
import { IA32_EFER, IA32_FMASK, IA32_LSTAR, IA32_STAR } from '../../../../core/arch/x86_64/registers.js';

describe('MSR number mirrors', () => {
  it('follow WRMSR and field writes', () => {
    const cpu = makeMachine().cpu;
    const m = cpu.msrs;
    cpu.setMsr(IA32_STAR, (0x23n << 48n) | (0x10n << 32n) | 0xdeadn);
    expect([m.starSyscallCs, m.starSysretCs]).toEqual([0x10, 0x23]);
    cpu.setMsr(IA32_LSTAR, 0xffffffff81000000n);
    expect(m.lstarNum).toBe(-0x7f000000);
    expect(cpu.msr(IA32_LSTAR)).toBe(0xffffffff81000000n);
    cpu.setMsr(IA32_FMASK, 0x1_0004_7700n);
    expect(m.fmaskNum).toBe(0x47700);
    expect(cpu.msr(IA32_FMASK)).toBe(0x47700n);
    cpu.setMsr(IA32_EFER, 0n);
    expect(m.sceOn).toBe(false);
    m.efer = 1n;
    expect(m.sceOn).toBe(true);
    m.star = 0x8n << 32n;
    expect(m.starSyscallCs).toBe(8);
  });
});
