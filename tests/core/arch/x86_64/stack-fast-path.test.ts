// The specialised push/pop handlers move RSP on its int32 halves and translate from
// them; the hook filter skips the Map lookup by page offset. Both must behave exactly
// like the architectural definition: checked at a 4 GiB boundary (borrow/carry between
// the halves), across a page boundary, in the kernel half, and for hooks sharing an offset.

import { describe, expect, it } from 'vitest';
import { assemble } from './helpers/gnu.js';
import { loadCode, makeMachine } from './helpers/machine.js';
import { KCODE, KSTACK_TOP, KERNEL_CS, makeKernelMachine } from './helpers/kernel-fixture.js';

const FOUR_GIB = 0x100000000;

describe('push/pop fast path', () => {
  it('borrows from and carries into RSP’s high half at a 4 GiB boundary', () => {
    const m = makeMachine();
    m.map(FOUR_GIB - 0x1000, 0x2000, { writable: true, noExec: true });
    loadCode(m, assemble(`mov rsp, ${FOUR_GIB}\nmov rax, 0x1122334455667788\nmov rbx, -2\npush rax\nmov r8, rsp\npush rbx\npop rcx\npop rdx\nhlt`));
    expect(m.cpu.run(20)).toEqual({ kind: 'hlt' });
    expect(m.cpu.getReg(8)).toBe(BigInt(FOUR_GIB - 8));
    expect(m.cpu.getReg(1)).toBe(0xfffffffffffffffen);
    expect(m.cpu.getReg(2)).toBe(0x1122334455667788n);
    expect(m.cpu.regNum(4)).toBe(FOUR_GIB);
    const dv = new DataView(m.read(FOUR_GIB - 16, 16).buffer);
    expect(dv.getBigUint64(8, true)).toBe(0x1122334455667788n);
    expect(dv.getBigUint64(0, true)).toBe(0xfffffffffffffffen);
  });

  it('a push and pop straddling two pages write and read all eight bytes', () => {
    const m = makeMachine();
    const sp = 0x7f0004; // the slot at 0x7efffc spans the pages 0x7ef000 and 0x7f0000
    loadCode(m, assemble(`mov rsp, ${sp}\nmov rax, 0x0102030405060708\npush rax\npop rbx\nhlt`));
    expect(m.cpu.run(10)).toEqual({ kind: 'hlt' });
    expect(m.cpu.getReg(3)).toBe(0x0102030405060708n);
    expect(Array.from(m.read(sp - 8, 8))).toEqual([8, 7, 6, 5, 4, 3, 2, 1]);
    expect(m.cpu.regNum(4)).toBe(sp);
  });

  it('push rsp stores the value before the decrement; pop rsp loads the popped value', () => {
    const m = makeKernelMachine();
    const cpu = m.cpu;
    m.write(KCODE, assemble('push rsp\npop rax\npush 0x1234\npop rsp\nhlt'));
    cpu.cs = KERNEL_CS;
    cpu.setRegNum(4, KSTACK_TOP);
    cpu.rip = KCODE;
    expect(cpu.run(10)).toEqual({ kind: 'hlt' });
    expect(cpu.regNum(0)).toBe(KSTACK_TOP);
    expect(cpu.regNum(4)).toBe(0x1234);
  });

  it('a push to an unmapped kernel page faults with RSP unchanged', () => {
    const m = makeKernelMachine();
    const cpu = m.cpu;
    m.write(KCODE, assemble('push rax\nhlt'));
    cpu.cs = KERNEL_CS;
    cpu.setRegNum(4, KCODE - 0x100000); // nothing mapped there, and no IDT entry for #PF
    cpu.rip = KCODE;
    const r = cpu.run(5);
    expect(r.kind).toBe('exception');
    expect(cpu.regNum(4)).toBe(KCODE - 0x100000);
  });
});

describe('hook filter', () => {
  it('only the hooked address runs the hook, not another page’s instruction at the same offset', () => {
    const m = makeKernelMachine();
    const cpu = m.cpu;
    let calls = 0;
    cpu.hooks.set(KCODE + 0x1100, () => {
      calls++;
    });
    // KCODE + 0x100 shares the page offset 0x100 with the hook and must execute normally.
    m.write(KCODE, assemble(`jmp 1f\n.skip 0xfe\n1: mov rdx, ${KCODE + 0x1100}\ncall rdx\nmov ebx, 7\nhlt`));
    cpu.cs = KERNEL_CS;
    cpu.setRegNum(4, KSTACK_TOP);
    cpu.rip = KCODE;
    expect(cpu.run(20)).toEqual({ kind: 'hlt' });
    expect(calls).toBe(1);
    expect(cpu.regNum(3)).toBe(7);
    expect(cpu.hooks.atOffset[0x100]).toBe(1);
  });

  it('deleting or clearing hooks updates the filter', () => {
    const m = makeKernelMachine();
    const hooks = m.cpu.hooks;
    hooks.set(KCODE + 0x10, () => {});
    hooks.set(KCODE + 0x10, () => {}); // replacing keeps one
    hooks.set(KCODE + 0x2010, () => {});
    expect(hooks.atOffset[0x10]).toBe(2);
    expect(hooks.delete(KCODE + 0x10)).toBe(true);
    expect(hooks.delete(KCODE + 0x10)).toBe(false);
    expect(hooks.atOffset[0x10]).toBe(1);
    hooks.clear();
    expect(hooks.atOffset[0x10]).toBe(0);
    expect(hooks.size).toBe(0);
  });
});
