// A tiny EL1 kernel + EL0 program for exception tests: kernel page in the TTBR1
// half with a vector table whose entries `bl` to a TypeScript hook then `eret`,
// user code and data pages in the TTBR0 half, built with mapPage().
import { Arm64Cpu } from '../../../../core/arch/arm64/cpu.js';
import type { StopReason } from '../../../../core/arch/arm64/types.js';
import { mapPage, newTable } from '../../../../core/mm/arm64/page-table.js';
import { PhysicalMemory } from '../../../../core/mm/phys-memory.js';
import { assembleText } from './gnu-tools.js';

/** Kernel image VA 0xffff000000100000 as a signed JS number. */
export const KERNEL_VA = -(2 ** 48) + 0x100000;
export const KSTACK_TOP = KERNEL_VA + 0x3000;
export const USER_CODE = 0x400000;
export const USER_DATA = 0x500000;
export const HANDLER = KERNEL_VA + 0xf00;

const KERNEL_SRC = `
.text
entry: eret
.org 0xa00
  bl handler
  eret
.org 0xc00
  bl handler
  eret
.org 0xc80
  bl handler
  eret
.org 0xf00
handler: ret
`;

export interface TrapRecord {
  ec: number;
  iss: number;
  elr: bigint;
  far: bigint;
  spsr: bigint;
  vectorOffset: number;
  sp: bigint;
  spEl0: bigint;
}

export function buildMiniSystem(userSrc: string): { cpu: Arm64Cpu; mem: PhysicalMemory; root0: number; root1: number } {
  const mem = new PhysicalMemory(32 * 1024 * 1024, 4 * 1024 * 1024);
  const root0 = newTable(mem);
  const root1 = newTable(mem);
  const kcode = mem.allocFrame();
  mem.bytes.set(assembleText(KERNEL_SRC), kcode);
  mapPage(mem, root1, KERNEL_VA, kcode, { uxn: true });
  for (let i = 1; i <= 2; i++) mapPage(mem, root1, KERNEL_VA + i * 0x1000, mem.allocFrame(), { uxn: true, pxn: true });
  const ucode = mem.allocFrame();
  mem.bytes.set(assembleText(userSrc), ucode);
  mapPage(mem, root0, USER_CODE, ucode, { el0Read: true, el1Write: false, pxn: true });
  mapPage(mem, root0, USER_DATA, mem.allocFrame(), { el0Write: true, uxn: true, pxn: true });
  const cpu = new Arm64Cpu(mem);
  cpu.setSysreg('TTBR0_EL1', BigInt(root0));
  cpu.setSysreg('TTBR1_EL1', BigInt(root1));
  cpu.setSysreg('SCTLR_EL1', cpu.sysreg('SCTLR_EL1') | 1n);
  cpu.setSysreg('VBAR_EL1', BigInt.asUintN(64, BigInt(KERNEL_VA + 0x800)));
  cpu.sp = BigInt.asUintN(64, BigInt(KSTACK_TOP));
  cpu.setSysreg('SP_EL0', BigInt(USER_DATA + 0xff0));
  // Enter user mode through the kernel's own eret: EL0t with interrupts unmasked.
  cpu.setSysreg('SPSR_EL1', 0n);
  cpu.setSysreg('ELR_EL1', BigInt(USER_CODE));
  cpu.pc = KERNEL_VA;
  return { cpu, mem, root0, root1 };
}

/** Install a hook at HANDLER that records the trap and stops the run. */
export function recordTraps(cpu: Arm64Cpu, skipFaulting: boolean): TrapRecord[] {
  const log: TrapRecord[] = [];
  cpu.hooks.set(HANDLER, (c): StopReason => {
    const esr = c.sysreg('ESR_EL1');
    const ec = Number(esr >> 26n) & 0x3f;
    const vectorOffset = Number(BigInt.asUintN(64, c.getX(30) - 4n) - c.sysreg('VBAR_EL1'));
    log.push({
      ec,
      iss: Number(esr & 0x1ffffffn),
      elr: c.sysreg('ELR_EL1'),
      far: c.sysreg('FAR_EL1'),
      spsr: c.sysreg('SPSR_EL1'),
      vectorOffset,
      sp: c.sp,
      spEl0: c.sysreg('SP_EL0'),
    });
    // Synchronous faults other than svc (preferred return = faulting insn): skip it.
    if (skipFaulting && vectorOffset !== 0x480 && ec !== 0x15) c.setSysreg('ELR_EL1', c.sysreg('ELR_EL1') + 4n);
    return { kind: 'hook', value: log.length };
  });
  return log;
}
