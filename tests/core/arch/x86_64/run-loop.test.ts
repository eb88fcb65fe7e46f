// The run-loop contract the kernel builds on: hooks, StopReasons, breakpoints,
// self-modifying code, rep string instructions, disassembly through the MMU.

import { describe, expect, it } from 'vitest';
import { assemble } from './helpers/gnu.js';
import { CODE, DATA, STACK_TOP, loadCode, makeMachine } from './helpers/machine.js';
import { IDT, KCODE, KDATA, KSTACK_TOP, KERNEL_CS, USER_CS, USER_SS, makeKernelMachine, setGate } from './helpers/kernel-fixture.js';
import { IA32_GS_BASE, IA32_KERNEL_GS_BASE, IA32_STAR } from '../../../../core/arch/x86_64/registers.js';

const u64 = (n: number): bigint => BigInt.asUintN(64, BigInt(n));

/** Reads the 64-bit stack slots of an interrupt frame (lowest address first). */
function frame(m: ReturnType<typeof makeMachine>, sp: number, n: number): bigint[] {
  const b = m.read(sp, n * 8);
  const dv = new DataView(b.buffer, b.byteOffset);
  return Array.from({ length: n }, (_, k) => dv.getBigUint64(k * 8, true));
}

describe('run loop contract', () => {
  it('kernel hooks run instead of the hooked address, then return like ret', () => {
    const m = makeKernelMachine();
    const cpu = m.cpu;
    cpu.hooks.set(KCODE + 0x100, (c) => {
      c.setReg(0, c.getReg(0) * 2n);
    });
    m.write(KCODE, assemble(`mov eax, 21\nmov rdx, ${KCODE + 0x100}\ncall rdx\nmov ebx, eax\nhlt`));
    cpu.cs = KERNEL_CS;
    cpu.setRegNum(4, KSTACK_TOP);
    cpu.rip = KCODE;
    expect(cpu.run(20)).toEqual({ kind: 'hlt' });
    expect(cpu.getReg(3)).toBe(42n);
    expect(cpu.regNum(4)).toBe(KSTACK_TOP);
  });

  it('a hook returning a StopReason stops the run after the return', () => {
    const m = makeKernelMachine();
    const cpu = m.cpu;
    cpu.hooks.set(KCODE + 0x100, () => ({ kind: 'hook', value: 'exit' }));
    m.write(KCODE, assemble(`mov rdx, ${KCODE + 0x100}\ncall rdx\nhlt`));
    cpu.cs = KERNEL_CS;
    cpu.setRegNum(4, KSTACK_TOP);
    cpu.rip = KCODE;
    expect(cpu.run(20)).toEqual({ kind: 'hook', value: 'exit' });
    expect(cpu.rip).toBe(KCODE + 9);
  });

  it('hooks do not fire at CPL 3', () => {
    const m = makeKernelMachine();
    let called = false;
    m.cpu.hooks.set(CODE, () => {
      called = true;
    });
    loadCode(m, assemble('nop\nnop'));
    expect(m.cpu.run(2)).toEqual({ kind: 'budget' });
    expect(called).toBe(false);
  });

  it('breakpoints stop before an instruction but not on the first one of a run', () => {
    const m = makeMachine();
    loadCode(m, assemble('nop\nnop\nnop\nhlt'));
    m.cpu.breakpoints.add(CODE + 1);
    expect(m.cpu.run(10)).toEqual({ kind: 'breakpoint', addr: CODE + 1 });
    expect(m.cpu.stats.instructions).toBe(1);
    expect(m.cpu.run(10)).toEqual({ kind: 'hlt' });
    expect(m.cpu.stats.instructions).toBe(4);
  });

  it('re-decodes code that the guest overwrites (self-modifying code)', () => {
    const m = makeMachine();
    // Overwrite the immediate of the second mov, then run it.
    loadCode(m, assemble(`mov al, 1\nmov byte ptr [rip-8], 9\njmp .-9\nhlt`));
    m.cpu.breakpoints.add(CODE + 2);
    expect(m.cpu.run(10)).toEqual({ kind: 'breakpoint', addr: CODE + 2 });
    expect(m.cpu.getReg(0) & 0xffn).toBe(1n);
    m.cpu.breakpoints.clear();
    expect(m.cpu.run(3)).toEqual({ kind: 'budget' });
    expect(m.cpu.getReg(0) & 0xffn).toBe(9n);
  });

  it('rep stosq / rep movsb copy through memory and update RCX/RSI/RDI', () => {
    const m = makeMachine();
    loadCode(
      m,
      assemble(`mov rdi, ${DATA}\nmov rax, 0x1122334455667788\nmov ecx, 1000\nrep stosq\nmov rsi, ${DATA}\nmov rdi, ${DATA + 0x4000}\nmov ecx, 8000\nrep movsb\nhlt`),
    );
    expect(m.cpu.run(100)).toEqual({ kind: 'hlt' });
    expect(m.cpu.getReg(1)).toBe(0n);
    expect(m.cpu.regNum(6)).toBe(DATA + 8000);
    const out = m.read(DATA + 0x4000 + 7992, 8);
    expect(Array.from(out)).toEqual([0x88, 0x77, 0x66, 0x55, 0x44, 0x33, 0x22, 0x11]);
  });

  it('an instruction straddling into an unmapped page faults with CR2 at the second page and RIP at its start', () => {
    const m = makeMachine();
    const end = CODE + 0x10000; // first unmapped page after the code mapping
    const mov = assemble('mov rax, 0x1122334455667788'); // 10 bytes
    m.write(end - 3, mov.subarray(0, 3));
    m.cpu.rip = end - 3;
    expect(m.cpu.run(5)).toEqual({ kind: 'exception', vector: 14, errorCode: 0b10000, addr: end - 3 });
    expect(m.cpu.cr2).toBe(end);
    // Map the next page and finish the bytes: the same instruction now executes.
    m.map(end, 0x1000, { writable: true });
    m.write(end, mov.subarray(3));
    m.write(end + 7, assemble('hlt'));
    m.cpu.rip = end - 3;
    expect(m.cpu.run(5)).toEqual({ kind: 'hlt' });
    expect(m.cpu.getReg(0)).toBe(0x1122334455667788n);
  });

  it('disassembleAt reads through the MMU', () => {
    const m = makeMachine();
    loadCode(m, assemble('mov eax, DWORD PTR [rbp-0x4]\nret'));
    expect(m.cpu.disassembleAt(CODE, 2).map((d) => d.text)).toEqual(['mov    eax,DWORD PTR [rbp-0x4]', 'ret']);
  });
});
