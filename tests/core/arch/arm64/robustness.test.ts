// "Never throw a JS exception for anything a guest can do": execute random words
// (uniform and drawn from every table row) at EL0 and EL1 with the MMU on and
// check the CPU only ever reports StopReasons.
import { describe, expect, it } from 'vitest';
import { ROWS } from '../../../../core/arch/arm64/decode-table.js';
import { rng } from './gnu-tools.js';
import { buildMiniSystem, KERNEL_VA, recordTraps, USER_CODE } from './mini-system.js';
import { Arm64Cpu } from '../../../../core/arch/arm64/cpu.js';
import { PhysicalMemory } from '../../../../core/mm/phys-memory.js';

function randomWords(seed: number, n: number): number[] {
  const r = rng(seed);
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const row = ROWS[r() % ROWS.length]!;
    out.push(i % 4 === 0 ? r() : (row.value | (r() & ~row.mask)) >>> 0);
  }
  return out;
}

describe('arm64 robustness', () => {
  for (const el of [0, 1] as const) {
    it(`executes random encodings at EL${el} without throwing`, () => {
      const words = randomWords(31 + el, 4000);
      const { cpu, mem } = buildMiniSystem('.text\n nop\n');
      const log = recordTraps(cpu, true);
      const code = el === 0 ? cpu.translate(USER_CODE) : cpu.translate(KERNEL_VA);
      if (!('pa' in code)) throw new Error('code page missing');
      let stops = 0;
      for (let i = 0; i < words.length; i++) {
        // One word at a time from a fixed slot, with registers holding plausible pointers.
        const slot = el === 0 ? USER_CODE + 0x100 : KERNEL_VA + 0x200;
        mem.view.setUint32(code.pa + 0x100 + (el === 0 ? 0 : 0x100), words[i]!, true);
        cpu.setMode(el, el);
        cpu.daif = 0xf;
        cpu.pc = slot;
        for (let r = 0; r < 31; r++) cpu.setX(r, BigInt(r % 3 === 0 ? 0x500000 + r * 8 : r * 0x1234567));
        const stop = cpu.run(3);
        expect(['budget', 'hook', 'wfi', 'exception', 'breakpoint']).toContain(stop.kind);
        stops++;
      }
      expect(stops).toBe(words.length);
      expect(log.length).toBeGreaterThan(100);
    });
  }

  it('rejects low-bit variants of rows whose exec does the low-bit check (selfChecked)', () => {
    const r = rng(5);
    const mem = new PhysicalMemory(8 * 1024 * 1024, 4 * 1024 * 1024);
    const cpu = new Arm64Cpu(mem);
    let checked = 0;
    for (const row of ROWS.filter((x) => x.selfChecked)) {
      for (let i = 0; i < 200; i++) {
        const w = ((row.value & 0xffe00000) | (r() & 0x1fffff)) >>> 0;
        if (((w & row.mask) >>> 0) === row.value) continue;
        mem.view.setUint32(0x1000, w, true);
        cpu.pc = 0x1000;
        expect(cpu.run(1)).toMatchObject({ kind: 'exception', ec: 0 });
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(500);
  });
});
