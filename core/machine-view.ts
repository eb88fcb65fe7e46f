// A plain-data snapshot of a machine for the stepping UI: registers with their ABI
// roles, privilege level, the instruction about to run with its source line or
// kernel label, the syscall trace and the counters. JSON-safe (no bigint).

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
  /** 0 = kernel, 3 = user on x86-64 (EL1/EL0 on arm64). */
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

const hex = (v: bigint | number) => `0x${BigInt.asUintN(64, BigInt(v)).toString(16).padStart(16, '0')}`;

export function viewMachine(m: Machine, userLines: Map<number, number>, count = 6): MachineView {
  const k = m.kernel;
  const cpu = k.x86.cpu;
  const registers: RegisterView[] = X86_NAMES.map((name) => ({ name, value: hex(cpu.getReg(X86_INDEX[name]!)), role: X86_ROLES[name] ?? null }));
  registers.push({ name: 'rip', value: hex(cpu.rip), role: 'instruction pointer' });
  registers.push({ name: 'rflags', value: hex(cpu.getRflags()), role: null });
  const kernelSymbols = [...k.x86.text.symbols.entries()].sort((a, b) => a[1] - b[1]);
  const symbolAt = (addr: number): string | null => {
    if (addr >= 0) return null;
    let best: string | null = null;
    for (const [name, a] of kernelSymbols) if (a <= addr) best = a === addr ? name : `${name}+0x${(addr - a).toString(16)}`;
    return best;
  };
  const next = cpu.disassembleAt(cpu.rip, count).map((d) => {
    const kernel = d.addr < 0;
    return {
      addr: hex(d.addr),
      text: d.text,
      where: kernel ? ('kernel' as const) : ('user' as const),
      line: (kernel ? k.x86.text.lines.get(d.addr) : userLines.get(d.addr)) ?? null,
      symbol: symbolAt(d.addr),
    };
  });
  return { arch: 'x86_64', privilege: cpu.cpl, privilegeName: cpu.cpl === 0 ? 'CPL 0 (kernel)' : 'CPL 3 (user)', registers, next, stats: m.stats() };
}
