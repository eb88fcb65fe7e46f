// The public surface the kernel relies on: hooks (call + implicit ret), EL0
// access rules for TPIDR/TPIDRRO/CNTVCT, TLBI through the MMU, disassembleAt.
import { describe, expect, it } from 'vitest';
import { buildMiniSystem, KERNEL_VA, recordTraps, USER_CODE, USER_DATA } from './mini-system.js';
import { Arm64Cpu } from '../../../../core/arch/arm64/cpu.js';
import { PhysicalMemory } from '../../../../core/mm/phys-memory.js';
import { assembleText } from './gnu-tools.js';

describe('Arm64Cpu API', () => {
  it('runs a hook instead of the code at its address, then returns to x30', () => {
    const mem = new PhysicalMemory(8 * 1024 * 1024, 4 * 1024 * 1024);
    mem.bytes.set(assembleText('.text\n mov x0, #5\n bl 1f\n add x0, x0, #1\n bl 1f\n udf #0\n1: udf #1\n'), 0x1000);
    const cpu = new Arm64Cpu(mem);
    cpu.pc = 0x1000;
    let calls = 0;
    cpu.hooks.set(0x1014, (c) => {
      calls++;
      c.setX(0, c.getX(0) * 10n);
      return calls === 2 ? { kind: 'hook', value: 'done' } : undefined;
    });
    expect(cpu.run(100)).toEqual({ kind: 'hook', value: 'done' });
    expect(cpu.getX(0)).toBe(510n);
    expect(cpu.pc).toBe(0x1010); // the ret happened before stopping
    expect(cpu.stats.instructions).toBe(4);
  });

  it('lets EL0 use TPIDR_EL0, read TPIDRRO_EL0 and the injected counter, but not write TPIDRRO_EL0', () => {
    const { cpu } = buildMiniSystem(`
.text
  mrs x0, tpidrro_el0
  msr tpidr_el0, x0
  mrs x1, tpidr_el0
  mrs x2, cntvct_el0
  mrs x3, cntfrq_el0
  svc #0
  msr tpidrro_el0, x0
`);
    const log = recordTraps(cpu, true);
    cpu.setSysreg('TPIDRRO_EL0', 0x1234n);
    cpu.counter = () => 777n;
    cpu.run(100);
    expect(log[0]!.ec).toBe(0x15);
    expect([cpu.getX(1), cpu.getX(2), cpu.getX(3)]).toEqual([0x1234n, 777n, 62500000n]);
    expect(cpu.sysreg('TPIDR_EL0')).toBe(0x1234n);
    cpu.run(100);
    expect(log[1]!.ec).toBe(0x00);
  });

  it('allows cache maintenance by VA at EL0 (SCTLR_EL1.UCI), but not DC ZVA or set/way ops', () => {
    const { cpu } = buildMiniSystem(`
.text
  movz x1, #0x50, lsl #16
  dc cvau, x1
  ic ivau, x1
  dc civac, x1
  mrs x2, dczid_el0
  dc zva, x1
  dc isw, x1
`);
    const log = recordTraps(cpu, true);
    cpu.run(100);
    expect(cpu.getX(2)).toBe(0x14n);
    expect(log[0]).toMatchObject({ ec: 0, elr: BigInt(USER_CODE + 20) });
    cpu.run(100);
    expect(log[1]).toMatchObject({ ec: 0, elr: BigInt(USER_CODE + 24) });
  });

  it('keeps stale translations until tlbi, then walks again', () => {
    const { cpu, mem, root0 } = buildMiniSystem('.text\n nop\n');
    const r = cpu.translate(USER_DATA);
    if (!('pa' in r)) throw new Error('user data page missing');
    const frameB = mem.allocFrame();
    mem.view.setUint32(r.pa, 0xaaaa, true);
    mem.view.setUint32(frameB, 0xbbbb, true);
    const code = KERNEL_VA + 0x100; // inside the executable kernel page, below the vectors
    const k = cpu.translate(code);
    if (!('pa' in k)) throw new Error('kernel page missing');
    mem.bytes.set(
      assembleText(`.text
  movz x1, #0x50, lsl #16
  ldr w2, [x1]
  bl 1f
  ldr w3, [x1]
  tlbi vae1, x4
  ldr w5, [x1]
  b .
1: ret
`),
      k.pa,
    );
    cpu.pc = code;
    cpu.setX(4, BigInt(USER_DATA / 4096));
    // The hook plays a kernel that edits the page table without invalidating.
    cpu.hooks.set(code + 28, () => {
      const leaf = findLeaf(mem, root0, USER_DATA);
      mem.view.setUint32(leaf, ((mem.view.getUint32(leaf, true) & 0xfff) | frameB) >>> 0, true);
      return { kind: 'hook', value: 'remapped' };
    });
    const flushes = cpu.stats.tlbFlushes;
    expect(cpu.run(100)).toEqual({ kind: 'hook', value: 'remapped' });
    cpu.breakpoints.add(code + 24);
    expect(cpu.run(100)).toEqual({ kind: 'breakpoint', addr: code + 24 });
    expect(cpu.getX(2)).toBe(0xaaaan);
    expect(cpu.getX(3)).toBe(0xaaaan); // stale TLB entry, as on hardware
    expect(cpu.getX(5)).toBe(0xbbbbn); // after tlbi vae1
    expect(cpu.stats.tlbFlushes).toBe(flushes + 1);
    expect(cpu.stats.tlbHits).toBeGreaterThan(0);
  });

  it('disassembles through the MMU', () => {
    const { cpu } = buildMiniSystem('.text\n mov x8, #0x40\n svc #0\n ldr x1, [sp, #16]\n');
    const lines = cpu.disassembleAt(USER_CODE, 3).map((l) => l.text.replace(/\s+/g, ' '));
    expect(lines).toEqual(['mov x8, #0x40', 'svc #0x0', 'ldr x1, [sp, #16]']);
    expect(cpu.disassembleAt(0x900000, 1)[0]!.text).toBe('<unmapped>');
  });
});

function findLeaf(mem: PhysicalMemory, root: number, va: number): number {
  let table = root;
  for (let level = 0; level < 3; level++) {
    const idx = Math.floor(va / 2 ** (39 - 9 * level)) & 511;
    table = mem.view.getUint32(table + idx * 8, true) & 0xfffff000;
  }
  return table + (Math.floor(va / 4096) & 511) * 8;
}

describe('Arm64Cpu state snapshots', () => {
  it('round-trips registers, PSTATE and system registers through JSON', async () => {
    const { saveState, loadState } = await import('../../../../core/arch/arm64/state.js');
    const user = '.text\n mov x0, #7\n cmp x0, #9\n svc #0\n cset x1, lt\n svc #1\n';
    const { cpu } = buildMiniSystem(user);
    recordTraps(cpu, true);
    cpu.run(100); // stopped inside the svc handler at EL1 with SP_EL1 live
    const snap = JSON.parse(JSON.stringify(saveState(cpu))) as ReturnType<typeof saveState>;
    const { cpu: other } = buildMiniSystem(user); // same layout, so the same page tables
    recordTraps(other, true);
    loadState(other, snap);
    expect(saveState(other)).toEqual(snap);
    expect(other.el).toBe(1);
    other.run(100); // eret back to EL0 in the other machine's (identical) user code
    expect(other.getX(0)).toBe(7n);
    expect(other.getX(1)).toBe(1n); // NZCV came back through SPSR_EL1
    expect(other.sysreg('SP_EL0')).toBe(BigInt(USER_DATA + 0xff0));
  });
});
