// System instructions and exception delivery: syscall/sysretq register effects per
// SDM Vol 2B, int n / iretq through an IDT built here, swapgs, #GP for privileged
// instructions at CPL 3, #PF with CR2 and error code, kernel hooks, stop reasons.

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

describe('syscall / sysretq', () => {
  it('syscall saves RIP/RFLAGS in RCX/R11, masks RFLAGS, loads CS/SS from STAR and RIP from LSTAR', () => {
    const m = makeKernelMachine();
    const user = assemble('mov eax, 60\nsyscall\nnop');
    loadCode(m, user);
    m.write(KCODE, assemble('hlt'));
    const cpu = m.cpu;
    cpu.setRflags(0x202 | 0x400 | 0x1); // IF, DF, CF
    expect(cpu.cpl).toBe(3);
    const r = cpu.run(10);
    expect(r).toEqual({ kind: 'hlt' });
    expect(cpu.getReg(1)).toBe(u64(CODE + 7)); // RCX = address after syscall
    expect(cpu.getReg(11)).toBe(0x603n); // R11 = old RFLAGS
    expect(cpu.getRflags()).toBe(0x003); // IF and DF masked by FMASK, CF kept, bit 1 fixed
    expect(cpu.cs).toBe(KERNEL_CS);
    expect(cpu.ss).toBe(KERNEL_CS + 8);
    expect(cpu.cpl).toBe(0);
    expect(cpu.rip).toBe(KCODE + 1);
    expect(cpu.stats.modeSwitches).toBe(2); // makeMachine's switch to CPL 3, then syscall
  });

  it('sysretq returns to RCX at CPL 3 with RFLAGS from R11 and selectors from STAR[63:48]', () => {
    const m = makeKernelMachine();
    loadCode(m, assemble('syscall\nmov ebx, 7\nhlt'));
    // Kernel: return with R11 holding user flags (CF|ZF|IF set, reserved bits junk).
    m.write(KCODE, assemble('mov r11, 0xffffffffffc002c3\nsysretq'));
    const cpu = m.cpu;
    expect(cpu.run(3)).toEqual({ kind: 'budget' });
    expect(cpu.cpl).toBe(3);
    expect(cpu.cs).toBe(USER_CS);
    expect(cpu.ss).toBe(USER_SS);
    expect(cpu.rip).toBe(CODE + 2);
    expect(cpu.getRflags()).toBe(0x2c3); // R11 & 0x3C7FD7 | 2
    // hlt at CPL 3 is privileged; with the IDT empty for #GP nothing is present → #NP → #DF chain.
    setGate(m, 13, KCODE + 0x100);
    m.write(KCODE + 0x100, assemble('hlt'));
    expect(cpu.run(10)).toEqual({ kind: 'hlt' });
    expect(cpu.getReg(3)).toBe(7n);
  });

  it('sysretq with a non-canonical RCX raises #GP(0) in the kernel (Intel behaviour)', () => {
    const m = makeKernelMachine();
    setGate(m, 13, KCODE + 0x200);
    m.write(KCODE + 0x200, assemble('hlt'));
    loadCode(m, assemble('syscall'));
    m.write(KCODE, assemble('mov rcx, 0x0000800000000000\nsysretq'));
    expect(m.cpu.run(10)).toEqual({ kind: 'hlt' });
    expect(m.cpu.rip).toBe(KCODE + 0x201);
    expect(m.cpu.cpl).toBe(0);
    // Frame on the kernel stack (same CPL, so the current RSP): error code 0, RIP = the sysretq.
    const f = frame(m, m.cpu.regNum(4), 6);
    expect(f[0]).toBe(0n);
    expect(f[1]).toBe(u64(KCODE + 10));
  });

  it('syscall raises #UD when EFER.SCE is clear', () => {
    const m = makeKernelMachine();
    m.cpu.setMsr(0xc0000080, 0xd00n);
    setGate(m, 6, KCODE + 0x300, {});
    m.write(KCODE + 0x300, assemble('hlt'));
    loadCode(m, assemble('syscall'));
    expect(m.cpu.run(5)).toEqual({ kind: 'hlt' });
    expect(m.cpu.rip).toBe(KCODE + 0x301);
  });
});

describe('interrupts through the IDT', () => {
  it('int 0x80 from CPL 3 switches to tssRsp0 and pushes SS, RSP, RFLAGS, CS, RIP; iretq returns', () => {
    const m = makeKernelMachine();
    setGate(m, 0x80, KCODE + 0x400, { dpl: 3 });
    m.write(KCODE + 0x400, assemble('mov r12, rsp\nadd rax, 1\niretq'));
    loadCode(m, assemble('mov eax, 41\nint 0x80\nmov ebx, eax\nhlt'));
    const cpu = m.cpu;
    cpu.setRflags(0x202);
    expect(cpu.run(5)).toEqual({ kind: 'budget' });
    // After mov, int, mov r12, add, iretq: back in user mode.
    expect(cpu.cpl).toBe(3);
    expect(cpu.rip).toBe(CODE + 7);
    const sp = cpu.regNum(12);
    expect(sp).toBe(KSTACK_TOP - 40);
    const f = frame(m, sp, 5);
    expect(f).toEqual([u64(CODE + 7), BigInt(USER_CS), 0x202n, u64(STACK_TOP), BigInt(USER_SS)]);
    expect(cpu.regNum(4)).toBe(STACK_TOP);
    expect(cpu.getRflags() & 0x200).toBe(0x200); // IF restored by iretq
    cpu.run(1);
    expect(cpu.getReg(3)).toBe(42n);
  });

  it('int n to a DPL 0 gate from CPL 3 raises #GP with error code vector*8+2', () => {
    const m = makeKernelMachine();
    setGate(m, 0x81, KCODE + 0x500, { dpl: 0 });
    setGate(m, 13, KCODE + 0x600);
    m.write(KCODE + 0x600, assemble('hlt'));
    loadCode(m, assemble('int 0x81'));
    expect(m.cpu.run(5)).toEqual({ kind: 'hlt' });
    const f = frame(m, KSTACK_TOP - 48, 6);
    expect(f[0]).toBe(BigInt(0x81 * 8 + 2));
    expect(f[1]).toBe(u64(CODE)); // the faulting int instruction
  });

  for (const [name, src] of [
    ['hlt', 'hlt'],
    ['cli', 'cli'],
    ['mov cr3, rax', 'mov cr3, rax'],
    ['wrmsr', 'wrmsr'],
    ['rdmsr', 'rdmsr'],
    ['swapgs', 'swapgs'],
    ['lidt', 'lidt [rax]'],
    ['invlpg', 'invlpg [rax]'],
  ] as const) {
    it(`${name} at CPL 3 raises #GP(0) delivered through the IDT`, () => {
      const m = makeKernelMachine();
      setGate(m, 13, KCODE + 0x700);
      m.write(KCODE + 0x700, assemble('hlt'));
      loadCode(m, assemble(src));
      const before = m.cpu.getRflags();
      expect(m.cpu.run(5)).toEqual({ kind: 'hlt' });
      expect(m.cpu.cpl).toBe(0);
      expect(frame(m, KSTACK_TOP - 48, 6)).toEqual([0n, u64(CODE), BigInt(USER_CS), BigInt(before), u64(STACK_TOP), BigInt(USER_SS)]);
    });
  }

  it('#PF from a user write to a read-only page sets CR2 and error code P|W|U', () => {
    const m = makeKernelMachine();
    m.map(DATA + 0x20000, 0x1000, { writable: false, user: true });
    setGate(m, 14, KCODE + 0x800);
    m.write(KCODE + 0x800, assemble('hlt'));
    loadCode(m, assemble(`mov rdi, ${DATA + 0x20010}\nmov rax, [rdi]\nmov [rdi], eax`));
    expect(m.cpu.run(10)).toEqual({ kind: 'hlt' });
    expect(m.cpu.cr2).toBe(DATA + 0x20010);
    expect(frame(m, KSTACK_TOP - 48, 2)).toEqual([0b111n, u64(CODE + 10)]);
  });

  it('#PF on user access to a supervisor page, not-present page, and NX fetch', () => {
    const m = makeKernelMachine();
    setGate(m, 14, KCODE + 0x800);
    m.write(KCODE + 0x800, assemble('hlt'));
    const err = (src: string): bigint => {
      loadCode(m, assemble(src));
      m.cpu.cs = USER_CS;
      m.cpu.setRegNum(4, STACK_TOP);
      expect(m.cpu.run(10)).toEqual({ kind: 'hlt' });
      return frame(m, KSTACK_TOP - 48, 1)[0]!;
    };
    expect(err(`mov rax, ${KDATA}\nmov rax, [rax]`)).toBe(0b101n); // P|U, read
    expect(err('mov rax, 0x10000000\nmov rax, [rax]')).toBe(0b100n); // not present, U
    expect(err(`mov rax, ${DATA}\njmp rax`)).toBe(0b10101n); // P|U|I: NX page fetch
    expect(m.cpu.cr2).toBe(DATA);
  });

  it('#DE on divide by zero and #UD on ud2 are delivered with the faulting RIP', () => {
    const m = makeKernelMachine();
    setGate(m, 0, KCODE + 0x900);
    setGate(m, 6, KCODE + 0x910);
    m.write(KCODE + 0x900, assemble('hlt'));
    m.write(KCODE + 0x910, assemble('hlt'));
    loadCode(m, assemble('xor ecx, ecx\ndiv ecx'));
    expect(m.cpu.run(5)).toEqual({ kind: 'hlt' });
    expect(m.cpu.rip).toBe(KCODE + 0x901);
    expect(frame(m, KSTACK_TOP - 40, 1)[0]).toBe(u64(CODE + 2));
    m.cpu.cs = USER_CS;
    loadCode(m, assemble('ud2'));
    expect(m.cpu.run(5)).toEqual({ kind: 'hlt' });
    expect(m.cpu.rip).toBe(KCODE + 0x911);
  });

  it('stops with an exception StopReason when there is no IDT', () => {
    const m = makeMachine();
    loadCode(m, assemble('mov rax, 0x10000000\nmov rax, [rax]'));
    expect(m.cpu.run(5)).toEqual({ kind: 'exception', vector: 14, errorCode: 0, addr: CODE + 7 });
    expect(m.cpu.cr2).toBe(0x10000000);
    loadCode(m, assemble('mov rax, 0x0000800000000000\nmov rax, [rax]'));
    expect(m.cpu.run(5)).toEqual({ kind: 'exception', vector: 13, errorCode: 0, addr: CODE + 10 });
  });

  it('a fault while delivering escalates to #DF through its gate', () => {
    const m = makeKernelMachine();
    m.cpu.tssRsp0 = 0x10000000; // unmapped kernel stack
    setGate(m, 13, KCODE + 0xa00);
    setGate(m, 8, KCODE + 0xa10, { ist: 1 });
    m.cpu.tssIst[1] = KSTACK_TOP;
    m.write(KCODE + 0xa10, assemble('hlt'));
    loadCode(m, assemble('cli'));
    expect(m.cpu.run(5)).toEqual({ kind: 'hlt' });
    expect(m.cpu.rip).toBe(KCODE + 0xa11);
  });
});

describe('swapgs, MSRs, control registers', () => {
  it('swapgs exchanges GS base and KERNEL_GS_BASE; gs: operands use the base', () => {
    const m = makeKernelMachine();
    const cpu = m.cpu;
    cpu.cs = KERNEL_CS;
    cpu.setMsr(IA32_GS_BASE, 0x1000n);
    cpu.setMsr(IA32_KERNEL_GS_BASE, u64(KDATA));
    m.write(KDATA + 0x10, Uint8Array.from([0x78, 0x56, 0x34, 0x12, 0, 0, 0, 0]));
    m.write(KCODE, assemble('swapgs\nmov rax, gs:0x10\nswapgs\nhlt'));
    cpu.rip = KCODE;
    expect(cpu.run(10)).toEqual({ kind: 'hlt' });
    expect(cpu.getReg(0)).toBe(0x12345678n);
    expect(cpu.msr(IA32_GS_BASE)).toBe(0x1000n);
    expect(cpu.msr(IA32_KERNEL_GS_BASE)).toBe(u64(KDATA));
  });

  it('rdmsr/wrmsr move EDX:EAX; unknown MSRs and non-canonical bases raise #GP', () => {
    const m = makeKernelMachine();
    const cpu = m.cpu;
    cpu.cs = KERNEL_CS;
    setGate(m, 13, KCODE + 0x100);
    m.write(KCODE + 0x100, assemble('hlt'));
    m.write(KCODE, assemble(`mov ecx, ${IA32_STAR}\nrdmsr\nmov ecx, 0xc0000100\nmov eax, 0x1000\nmov edx, 0x7fff\nwrmsr\nmov edx, 0x8000\nwrmsr`));
    cpu.rip = KCODE;
    expect(cpu.run(20)).toEqual({ kind: 'hlt' });
    expect(cpu.getReg(2)).toBe(0x8000n);
    expect(cpu.getReg(0)).toBe(0x1000n);
    expect(cpu.msr(0xc0000100)).toBe(0x7fff00001000n);
    expect(frame(m, cpu.regNum(4), 2)).toEqual([0n, u64(KCODE + 29)]);
  });

  it('mov to CR3 flushes the TLB; mov from CR2/CR3 reads them', () => {
    const m = makeMachine();
    const cpu = m.cpu;
    loadCode(m, assemble('mov rax, cr3\nmov cr3, rax\nmov rbx, cr2\nhlt'));
    cpu.cr2 = 0x1234;
    const flushes = cpu.stats.tlbFlushes;
    expect(cpu.run(10)).toEqual({ kind: 'hlt' });
    expect(cpu.getReg(0)).toBe(BigInt(cpu.cr3));
    expect(cpu.getReg(3)).toBe(0x1234n);
    expect(cpu.stats.tlbFlushes).toBe(flushes + 1);
  });

  it('CR0.WP governs supervisor writes to read-only pages', () => {
    const m = makeMachine();
    m.map(DATA + 0x30000, 0x1000, { writable: false });
    loadCode(m, assemble(`mov rdi, ${DATA + 0x30000}\nmov DWORD PTR [rdi], 5\nhlt`));
    expect(m.cpu.run(5)).toMatchObject({ kind: 'exception', vector: 14, errorCode: 0b11 });
    m.cpu.cr0 = m.cpu.cr0 & ~(1 << 16);
    m.cpu.rip = CODE;
    expect(m.cpu.run(5)).toEqual({ kind: 'hlt' });
    expect(m.read(DATA + 0x30000, 1)[0]).toBe(5);
  });

  it('lidt loads limit and base from memory', () => {
    const m = makeMachine();
    const d = new Uint8Array(10);
    new DataView(d.buffer).setUint16(0, 0xfff, true);
    new DataView(d.buffer).setBigUint64(2, u64(IDT), true);
    m.write(DATA, d);
    loadCode(m, assemble(`mov rax, ${DATA}\nlidt [rax]\nhlt`));
    m.cpu.run(5);
    expect(m.cpu.idtrLimit).toBe(0xfff);
    expect(m.cpu.idtrBase).toBe(IDT);
  });
});

describe('external interrupts', () => {
  it('injectInterrupt delivers only with IF set, with the interrupted RIP and no error code', () => {
    const m = makeKernelMachine();
    setGate(m, 0x20, KCODE + 0xb00); // DPL 0 gate: the DPL check applies to int n only
    m.write(KCODE + 0xb00, assemble('hlt'));
    loadCode(m, assemble('nop\nnop\nnop'));
    const cpu = m.cpu;
    cpu.setRflags(0x2);
    expect(cpu.run(1)).toEqual({ kind: 'budget' });
    expect(cpu.injectInterrupt(0x20)).toBe(false);
    cpu.setRflags(0x202);
    expect(cpu.injectInterrupt(0x20)).toBe(true);
    expect(cpu.cpl).toBe(0);
    expect(cpu.getRflags() & 0x200).toBe(0);
    expect(frame(m, KSTACK_TOP - 40, 5)).toEqual([u64(CODE + 1), BigInt(USER_CS), 0x202n, u64(STACK_TOP), BigInt(USER_SS)]);
    expect(cpu.run(5)).toEqual({ kind: 'hlt' });
  });
});
