// Nothing a guest does may throw out of run(): random code at CPL 0 (where it can load
// CR3, IDTR and MSRs) and at CPL 3, with and without an IDT, must end with a StopReason.

import { describe, expect, it } from 'vitest';
import { prng } from './helpers/asm-corpus.js';
import { CODE, loadCode, makeMachine } from './helpers/machine.js';
import { KCODE, makeKernelMachine, setGate } from './helpers/kernel-fixture.js';
import { assemble } from './helpers/gnu.js';

const KINDS = new Set(['budget', 'hlt', 'breakpoint', 'hook', 'exception']);

function randomCode(rnd: () => number, n: number): Uint8Array {
  // Bias towards real opcodes: half the bytes come from a list of common first bytes.
  const common = [0x48, 0x49, 0x4c, 0x0f, 0x89, 0x8b, 0x01, 0x29, 0x31, 0x83, 0x81, 0xc7, 0xff, 0xe8, 0xc3, 0x50, 0x58, 0xcd, 0xf3, 0x66, 0x22, 0x20, 0x01, 0x30, 0x05];
  return Uint8Array.from({ length: n }, () => (rnd() < 0.5 ? common[Math.floor(rnd() * common.length)]! : Math.floor(rnd() * 256)));
}

describe('x86-64 robustness', () => {
  it('random supervisor code never throws out of run()', () => {
    const rnd = prng(99);
    for (let trial = 0; trial < 300; trial++) {
      const m = makeMachine();
      loadCode(m, randomCode(rnd, 256));
      for (let r = 0; r < 16; r++) if (r !== 4) m.cpu.setReg(r, BigInt(Math.floor(rnd() * 2 ** 32)) * BigInt(Math.floor(rnd() * 2 ** 32)));
      const r = m.cpu.run(500);
      expect(KINDS.has(r.kind)).toBe(true);
    }
  }, 120_000);

  it('random user code with an IDT that skips back to user mode never throws', () => {
    const rnd = prng(7);
    const hlt = assemble('hlt');
    const reenter = assemble(`mov rsp, ${-0x7fff0000}\npush 0x2b\npush 0x7fe000\npush 0x202\npush 0x33\npush ${CODE}\niretq`);
    for (let trial = 0; trial < 150; trial++) {
      const m = makeKernelMachine();
      // Every vector lands on a handler that re-enters the user code from the start.
      for (let v = 0; v < 32; v++) setGate(m, v, KCODE + 0x800);
      setGate(m, 0x80, KCODE + 0x800, { dpl: 3 });
      m.write(KCODE, hlt);
      m.write(KCODE + 0x800, reenter);
      loadCode(m, randomCode(rnd, 512));
      const r = m.cpu.run(3000);
      expect(KINDS.has(r.kind)).toBe(true);
      expect(m.cpu.cpl === 0 || m.cpu.cpl === 3).toBe(true);
    }
  }, 120_000);
});
