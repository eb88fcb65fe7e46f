// Exception entry/return like hardware (ARM ARM D1.10/D1.11): svc from EL0,
// data/instruction aborts, undefined instructions, wfi trap, brk, IRQ, eret, and
// the undeliverable case (VBAR_EL1 = 0) that stops the run instead.
import { describe, expect, it } from 'vitest';
import { Arm64Cpu } from '../../../../core/arch/arm64/cpu.js';
import { PhysicalMemory } from '../../../../core/mm/phys-memory.js';
import { assembleText } from './gnu-tools.js';
import { buildMiniSystem, KERNEL_VA, KSTACK_TOP, recordTraps, USER_CODE, USER_DATA } from './mini-system.js';

const U = (n: number): bigint => BigInt.asUintN(64, BigInt(n));

const USER = `
.text
  mov x8, #64
  svc #0x12
  movz x10, #0xffff, lsl #48
  movk x10, #0x10, lsl #16
  ldr x0, [x10]
  mrs x0, ttbr0_el1
  movz x11, #0x50, lsl #16
  str x8, [x11]
  mov x12, #0x600000
  str x8, [x12]
  wfi
  brk #7
  eret
  br x10
`;

describe('arm64 exceptions', () => {
  it('takes svc, aborts, undefined, wfi and brk from EL0 to VBAR_EL1 + 0x400 and erets back', () => {
    const { cpu } = buildMiniSystem(USER);
    const log = recordTraps(cpu, true);
    const first = cpu.run(1000);
    expect(first).toEqual({ kind: 'hook', value: 1 });
    // svc #0x12: EC 0x15, IL, imm16 in ISS, ELR = next instruction, SPSR = EL0t.
    expect(log[0]).toMatchObject({ ec: 0x15, iss: 0x12, elr: U(USER_CODE + 8), vectorOffset: 0x400 });
    expect(log[0]!.spsr & 0xfn).toBe(0n);
    expect(cpu.sysreg('ESR_EL1') >> 25n).toBe((0x15n << 1n) | 1n);
    expect(log[0]!.sp).toBe(U(KSTACK_TOP)); // SP_EL1 selected on entry
    expect(log[0]!.spEl0).toBe(BigInt(USER_DATA + 0xff0));
    expect(cpu.el).toBe(1);
    expect(cpu.daif).toBe(0xf);
    // eret back to EL0, then EL0 reads a TTBR1 (EL1-only) page: data abort, permission fault level 3.
    expect(cpu.run(1000)).toEqual({ kind: 'hook', value: 2 });
    expect(log[1]).toMatchObject({ ec: 0x24, iss: 0x0f, elr: U(USER_CODE + 16), far: U(KERNEL_VA), vectorOffset: 0x400 });
    // mrs of an EL1 register at EL0: unknown reason (EC 0), which Linux reports as SIGILL.
    cpu.run(1000);
    expect(log[2]).toMatchObject({ ec: 0x00, iss: 0, elr: U(USER_CODE + 20) });
    // The permitted store went through; the store to an unmapped address faults at level 2 with WnR.
    cpu.run(1000);
    expect(log[3]).toMatchObject({ ec: 0x24, iss: (1 << 6) | 0x06, far: 0x600000n, elr: U(USER_CODE + 36) });
    expect(cpu.getX(8)).toBe(64n);
    // wfi at EL0 with SCTLR_EL1.nTWI = 0 traps (EC 0x01); brk is EC 0x3c with its immediate.
    cpu.run(1000);
    expect(log[4]).toMatchObject({ ec: 0x01, elr: U(USER_CODE + 40) });
    cpu.run(1000);
    expect(log[5]).toMatchObject({ ec: 0x3c, iss: 7, elr: U(USER_CODE + 44) });
    // eret at EL0 is undefined.
    cpu.run(1000);
    expect(log[6]).toMatchObject({ ec: 0x00, elr: U(USER_CODE + 48) });
    // Branch into kernel memory at EL0: instruction abort (EC 0x20), permission fault, FAR = target.
    cpu.run(1000);
    expect(log[7]).toMatchObject({ ec: 0x20, iss: 0x0f, far: U(KERNEL_VA), elr: U(KERNEL_VA) });
    expect(cpu.stats.modeSwitches).toBe(2 * 8 + 1 - 1); // initial eret + 8 entries + 7 returns
  });

  it('returns with the saved NZCV and leaves the user stack pointer banked', () => {
    const { cpu } = buildMiniSystem(`
.text
  mov x0, #1
  cmp x0, #2
  svc #0
  mov x1, sp
  cset x2, lt
  svc #1
`);
    recordTraps(cpu, true);
    cpu.run(100);
    cpu.nzcv = 0; // kernel clobbers flags; eret must restore the user's from SPSR
    cpu.run(100);
    expect(cpu.getX(1)).toBe(BigInt(USER_DATA + 0xff0));
    expect(cpu.getX(2)).toBe(1n);
  });

  it('takes an IRQ from EL0 to VBAR_EL1 + 0x480 when PSTATE.I is clear', () => {
    const { cpu } = buildMiniSystem(`
.text
1: b 1b
`);
    const log = recordTraps(cpu, true);
    expect(cpu.run(50)).toEqual({ kind: 'budget' });
    expect(cpu.el).toBe(0);
    cpu.irqLine = true;
    expect(cpu.run(50)).toEqual({ kind: 'hook', value: 1 });
    expect(log[0]!.vectorOffset).toBe(0x480);
    expect(log[0]!.elr).toBe(U(USER_CODE));
    // Still masked inside the handler, so the level-sensitive line does not re-enter.
    expect(cpu.daif).toBe(0xf);
  });

  it('stops with the exception when VBAR_EL1 is 0 (cannot be delivered)', () => {
    const mem = new PhysicalMemory(8 * 1024 * 1024, 4 * 1024 * 1024);
    const code = assembleText('.text\n nop\n svc #0x42\n udf #3\n');
    mem.bytes.set(code, 0x1000);
    const cpu = new Arm64Cpu(mem);
    cpu.pc = 0x1000;
    expect(cpu.run(10)).toEqual({ kind: 'exception', ec: 0x15, iss: 0x42, far: null, elr: 0x1008 });
    expect(cpu.pc).toBe(0x1008);
    expect(cpu.run(10)).toEqual({ kind: 'exception', ec: 0x00, iss: 0, far: null, elr: 0x1008 });
  });

  it('stops at breakpoints (not on the first instruction of a run) and on wfi at EL1', () => {
    const mem = new PhysicalMemory(8 * 1024 * 1024, 4 * 1024 * 1024);
    mem.bytes.set(assembleText('.text\n mov x0, #1\n mov x0, #2\n wfi\n mov x0, #3\n'), 0x1000);
    const cpu = new Arm64Cpu(mem);
    cpu.pc = 0x1000;
    cpu.breakpoints.add(0x1004);
    expect(cpu.run(10)).toEqual({ kind: 'breakpoint', addr: 0x1004 });
    expect(cpu.getX(0)).toBe(1n);
    expect(cpu.run(10)).toEqual({ kind: 'wfi' });
    expect(cpu.getX(0)).toBe(2n);
    expect(cpu.pc).toBe(0x100c);
    expect(cpu.step()).toEqual({ kind: 'budget' });
    expect(cpu.getX(0)).toBe(3n);
  });

  it('faults on a misaligned SP base when SCTLR_EL1.SA0 is set, and on misaligned exclusives', () => {
    const { cpu } = buildMiniSystem(`
.text
  ldr x0, [sp]
  sub sp, sp, #8
  ldr x0, [sp]
  movz x1, #0x50, lsl #16
  add x1, x1, #4
  ldxr x2, [x1]
  ldr x2, [x1]
`);
    cpu.setSysreg('SCTLR_EL1', cpu.sysreg('SCTLR_EL1') | (1n << 4n));
    const log = recordTraps(cpu, true);
    cpu.run(100);
    expect(log[0]).toMatchObject({ ec: 0x26, elr: U(USER_CODE + 8) });
    cpu.run(100);
    expect(log[1]).toMatchObject({ ec: 0x24, iss: 0x21, far: BigInt(USER_DATA + 4), elr: U(USER_CODE + 20) });
    cpu.run(100);
    expect(cpu.getX(2)).toBe(0n); // the plain unaligned load is allowed (SCTLR_EL1.A = 0)
  });

  it('never half-performs a store that crosses into a faulting page', () => {
    const { cpu, mem } = buildMiniSystem(`
.text
  movz x1, #0x50, lsl #16
  add x1, x1, #0xffc
  movn x2, #0
  str x2, [x1]
  ldr x3, [x1, #-4]
`);
    const log = recordTraps(cpu, true);
    cpu.run(100);
    // 0x500ffc..0x501003 straddles into the unmapped 0x501000: data abort, level 3, WnR.
    expect(log[0]).toMatchObject({ ec: 0x24, iss: (1 << 6) | 0x07, far: BigInt(USER_DATA + 0x1000) });
    const t = cpu.translate(USER_DATA + 0xff8);
    expect('pa' in t && mem.view.getUint32(t.pa + 4, true)).toBe(0);
  });

  it('PSTATE.PAN makes EL1 data accesses to EL0 pages fault, like SMAP (FEAT_PAN)', () => {
    const { cpu, mem } = buildMiniSystem('.text\n nop\n');
    const code = KERNEL_VA + 0x100;
    const k = cpu.translate(code);
    if (!('pa' in k)) throw new Error('kernel page missing');
    mem.bytes.set(
      assembleText(`.arch armv8.1-a
.text
  movz x1, #0x50, lsl #16
  ldr x2, [x1]
  msr pan, #1
  ldr x3, [x1]
  mrs x4, pan
  msr pan, #0
  ldr x5, [x1]
  msr pan, #1
  ldtr x6, [x1, #8]
  movz x7, #0xffff, lsl #48
  movk x7, #0x10, lsl #16
  ldtr x8, [x7]
  b .
`),
      k.pa,
    );
    cpu.pc = code;
    const log = recordTraps(cpu, true);
    expect(cpu.run(100)).toEqual({ kind: 'hook', value: 1 });
    // Data abort from the current EL (EC 0x25) via VBAR + 0x200, permission fault level 3.
    expect(log[0]).toMatchObject({ ec: 0x25, iss: 0x0f, far: BigInt(USER_DATA), elr: U(code + 12), vectorOffset: 0x200 });
    expect((log[0]!.spsr >> 22n) & 1n).toBe(1n);
    // LDTR uses EL0 permissions and ignores PAN: the user page reads fine, the
    // EL1-only kernel page faults (permission fault, level 3).
    expect(cpu.run(100)).toEqual({ kind: 'hook', value: 2 });
    expect(log[1]).toMatchObject({ ec: 0x25, iss: 0x0f, far: U(KERNEL_VA), elr: U(code + 44) });
    cpu.breakpoints.add(code + 48);
    expect(cpu.run(100)).toEqual({ kind: 'breakpoint', addr: code + 48 });
    expect(cpu.getX(4)).toBe(1n << 22n);
    expect(cpu.getX(6)).toBe(0n);
    expect(cpu.pan).toBe(1);
    expect(log.length).toBe(2);
  });
});
