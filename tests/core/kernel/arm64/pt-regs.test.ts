// Arm64PtRegs as the arch-neutral TrapFrame: the syscall argument registers and the
// two ways signal delivery re-runs an interrupted svc (arch/arm64/kernel/signal.c).
import { describe, expect, it } from 'vitest';
import { PhysicalMemory } from '../../../../core/mm/phys-memory.js';
import { Arm64PtRegs } from '../../../../core/kernel/arm64/pt-regs.js';
import { PtRegs } from '../../../../core/kernel/x86_64/pt-regs.js';

function mem(): { mem: PhysicalMemory; top: number } {
  const m = new PhysicalMemory(1 << 20, 1 << 16);
  return { mem: m, top: m.allocFrame() + 4096 };
}

describe('TrapFrame.syscallArg', () => {
  it('arm64: argument 0 comes from orig_x0 (x0 may already hold the result), 1-5 from x1-x5', () => {
    const { mem: m, top } = mem();
    const r = new Arm64PtRegs(m, top - Arm64PtRegs.size);
    for (let i = 0; i < 6; i++) r.setX(i, BigInt(0x100 + i));
    r.set('orig_x0', 0x42n);
    expect([0, 1, 2, 3, 4, 5].map((i) => r.syscallArg(i))).toEqual([0x42n, 0x101n, 0x102n, 0x103n, 0x104n, 0x105n]);
  });

  it('x86-64: rdi, rsi, rdx, r10, r8, r9', () => {
    const { mem: m, top } = mem();
    const r = new PtRegs(m, top - PtRegs.size);
    (['rdi', 'rsi', 'rdx', 'r10', 'r8', 'r9', 'rcx'] as const).forEach((n, i) => r.set(n, BigInt(i + 1)));
    expect([0, 1, 2, 3, 4, 5].map((i) => r.syscallArg(i))).toEqual([1n, 2n, 3n, 4n, 5n, 6n]);
  });
});

describe('Arm64PtRegs restart', () => {
  it('rewinds pc over the 4-byte svc and restores x0 from orig_x0; restart_syscall also sets x8 = 128', () => {
    const { mem: m, top } = mem();
    const r = new Arm64PtRegs(m, top - Arm64PtRegs.size);
    r.set('pc', 0x400104n);
    r.set('orig_x0', 3n);
    r.setX(0, BigInt.asUintN(64, -516n));
    r.setX(8, 101n);
    r.rewindSyscall();
    expect([r.get('pc'), r.x(0), r.x(8)]).toEqual([0x400100n, 3n, 101n]);
    r.set('pc', 0x400104n);
    r.rewindToRestartSyscall();
    expect([r.get('pc'), r.x(0), r.x(8)]).toEqual([0x400100n, 3n, 128n]);
  });
});
