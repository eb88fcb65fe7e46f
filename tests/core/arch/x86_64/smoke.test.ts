import { describe, expect, it } from 'vitest';
import { assemble } from './helpers/gnu.js';
import { loadCode, makeMachine } from './helpers/machine.js';

describe('X86Cpu smoke', () => {
  it('runs a counted loop and stops at hlt', () => {
    const m = makeMachine();
    loadCode(m, assemble(`
      mov ecx, 1000
      xor eax, eax
    1:
      add rax, rcx
      dec rcx
      jnz 1b
      hlt`));
    const r = m.cpu.run(100000);
    expect(r).toEqual({ kind: 'hlt' });
    expect(m.cpu.getReg(0)).toBe(500500n);
    expect(m.cpu.stats.instructions).toBe(3 + 3000);
  });
});
