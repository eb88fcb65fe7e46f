// A plain-data snapshot of a machine for the stepping UI: registers with their ABI
// roles, privilege level, the instruction about to run with its source line or
// kernel label, the syscall trace and the counters. JSON-safe (no bigint).

import type { Arm64Cpu } from './arch/arm64/cpu.js';
import type { X86Cpu } from './arch/x86_64/cpu.js';
import { Arm64Arch } from './kernel/arm64/arm64-arch.js';
import type { Machine, MachineStats } from './machine.js';

export interface RegisterView {
  name: string;
  value: string;
  /** What the syscall ABI uses it for on this architecture, if anything. */
  role: string | null;
}

export interface InstructionView {
  addr: string;
  text: string;
  /** 'user' program line, or the kernel entry code's line. */
  where: 'user' | 'kernel';
  line: number | null;
  symbol: string | null;
}

export interface MachineView {
  arch: 'x86_64' | 'arm64';
  /** x86-64: CPL, 0 = kernel, 3 = user. arm64: the exception level, 1 = kernel, 0 = user. */
  privilege: number;
  privilegeName: string;
  registers: RegisterView[];
  next: InstructionView[];
  stats: MachineStats;
}

// x86-64 syscall ABI (arch/x86/entry/entry_64.S): number in RAX, arguments in RDI, RSI,
// RDX, R10, R8, R9; the result comes back in RAX; SYSCALL itself clobbers RCX and R11.
const X86_ROLES: Record<string, string> = {
  rax: 'syscall number / return value',
  rdi: 'argument 1',
  rsi: 'argument 2',
  rdx: 'argument 3',
  r10: 'argument 4',
  r8: 'argument 5',
  r9: 'argument 6',
  rcx: 'clobbered: return RIP',
  r11: 'clobbered: saved RFLAGS',
  rsp: 'stack pointer',
};
const X86_NAMES = ['rax', 'rbx', 'rcx', 'rdx', 'rsi', 'rdi', 'rbp', 'rsp', 'r8', 'r9', 'r10', 'r11', 'r12', 'r13', 'r14', 'r15'];
const X86_INDEX: Record<string, number> = { rax: 0, rcx: 1, rdx: 2, rbx: 3, rsp: 4, rbp: 5, rsi: 6, rdi: 7, r8: 8, r9: 9, r10: 10, r11: 11, r12: 12, r13: 13, r14: 14, r15: 15 };

// AArch64 syscall ABI (arch/arm64/kernel/syscall.c, syscall(2)): number in X8, arguments
// in X0-X5, the result in X0; svc saves the return address in ELR_EL1, not in a register.
const ARM64_ROLES: Record<string, string> = {
  x0: 'argument 1 / return value',
  x1: 'argument 2',
  x2: 'argument 3',
  x3: 'argument 4',
  x4: 'argument 5',
  x5: 'argument 6',
  x8: 'syscall number',
  x29: 'frame pointer',
  x30: 'link register',
  sp: 'stack pointer',
};

const hex = (v: bigint | number) => `0x${BigInt.asUintN(64, BigInt(v)).toString(16).padStart(16, '0')}`;

function x86Registers(cpu: X86Cpu): RegisterView[] {
  const registers: RegisterView[] = X86_NAMES.map((name) => ({ name, value: hex(cpu.getReg(X86_INDEX[name]!)), role: X86_ROLES[name] ?? null }));
  registers.push({ name: 'rip', value: hex(cpu.rip), role: 'instruction pointer' });
  registers.push({ name: 'rflags', value: hex(cpu.getRflags()), role: null });
  return registers;
}

function arm64Registers(cpu: Arm64Cpu): RegisterView[] {
  const registers: RegisterView[] = [];
  for (let i = 0; i < 31; i++) registers.push({ name: `x${i}`, value: hex(cpu.getX(i)), role: ARM64_ROLES[`x${i}`] ?? null });
  registers.push({ name: 'sp', value: hex(cpu.sp), role: cpu.el === 0 ? 'stack pointer (SP_EL0)' : 'stack pointer (SP_EL1, the kernel stack)' });
  registers.push({ name: 'pc', value: hex(cpu.pc), role: 'program counter' });
  registers.push({ name: 'pstate', value: hex(cpu.pstate), role: 'NZCV, DAIF, EL and SP selection' });
  registers.push({ name: 'el', value: hex(cpu.el), role: 'exception level: 0 = user, 1 = kernel' });
  return registers;
}

export function viewMachine(m: Machine, userLines: Map<number, number>, count = 6): MachineView {
  const k = m.kernel;
  const arch = k.archOps;
  const isArm = arch instanceof Arm64Arch;
  const registers = isArm ? arm64Registers(arch.cpu) : x86Registers(k.x86.cpu);
  const pc = arch.pc();
  const kernelSymbols = [...arch.text.symbols.entries()].sort((a, b) => a[1] - b[1]);
  const symbolAt = (addr: number): string | null => {
    if (addr >= 0) return null;
    let best: string | null = null;
    for (const [name, a] of kernelSymbols) if (a <= addr) best = a === addr ? name : `${name}+0x${(addr - a).toString(16)}`;
    return best;
  };
  const next = arch.cpu.disassembleAt(pc, count).map((d) => {
    const kernel = d.addr < 0;
    return {
      addr: hex(d.addr),
      text: d.text,
      where: kernel ? ('kernel' as const) : ('user' as const),
      line: (kernel ? arch.text.lines.get(d.addr) : userLines.get(d.addr)) ?? null,
      symbol: symbolAt(d.addr),
    };
  });
  if (isArm) {
    const el = arch.cpu.el;
    return { arch: 'arm64', privilege: el, privilegeName: el === 1 ? 'EL1 (kernel)' : 'EL0 (user)', registers, next, stats: m.stats() };
  }
  const cpl = k.x86.cpu.cpl;
  return { arch: 'x86_64', privilege: cpl, privilegeName: cpl === 0 ? 'CPL 0 (kernel)' : 'CPL 3 (user)', registers, next, stats: m.stats() };
}
