import { describe, expect, it } from 'vitest';
import { assemble } from './helpers/gnu.js';
import { DATA, loadCode, makeMachine } from './helpers/machine.js';

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

  it('loop, jrcxz and the rep string compares (strlen with repne scasb, memcmp with repe cmpsb)', () => {
    const m = makeMachine();
    m.write(DATA, new TextEncoder().encode('hello, world\0hello, there\0'));
    loadCode(m, assemble(`
      mov ecx, 5
      xor eax, eax
    1:
      add eax, 2
      loop 1b
      mov r8, rax
      jrcxz 2f
      mov r8, -1
    2:
      mov rdi, ${DATA}
      xor eax, eax
      mov rcx, -1
      repne scasb
      not rcx
      dec rcx
      mov r9, rcx
      mov rsi, ${DATA}
      mov rdi, ${DATA + 13}
      mov ecx, 13
      repe cmpsb
      mov r10, rcx
      mov rsi, ${DATA}
      lodsb
      mov r11, rax
      hlt`));
    expect(m.cpu.run(1000)).toEqual({ kind: 'hlt' });
    expect(m.cpu.getReg(8)).toBe(10n);
    expect(m.cpu.getReg(9)).toBe(12n); // strlen("hello, world")
    expect(m.cpu.getReg(10)).toBe(5n); // mismatch found at index 7 ('w' vs 't'), 13 - 8 left
    expect(m.cpu.getReg(6)).toBe(BigInt(DATA + 1));
    expect(m.cpu.getReg(11) & 0xffn).toBe(0x68n);
  });

  it('0x67 address-size override wraps the effective address to 32 bits', () => {
    const m = makeMachine();
    m.write(DATA + 8, Uint8Array.from([0x78, 0x56, 0x34, 0x12]));
    // ebx + ecx*4 = 0xffffffff + 9*... chosen so the 32-bit sum wraps to DATA + 8.
    loadCode(m, assemble(`mov rbx, 0x1234567800000000 + ${DATA + 8 + 4}\nmov ecx, 0xffffffff\nmov eax, DWORD PTR [ebx+ecx*4]\nhlt`));
    expect(m.cpu.run(10)).toEqual({ kind: 'hlt' });
    expect(m.cpu.getReg(0)).toBe(0x12345678n);
  });
});
