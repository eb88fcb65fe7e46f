// Step over and breakpoints on the Machine facade, checked against gdb's `nexti`
// on the same program built with GNU as + ld and run natively.

import { execFileSync } from 'node:child_process';
import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Machine } from '../../core/machine.js';
import { boot, build, CALLS } from './stepping-fixture.js';
import { gnuBuild, withTempDir } from './elf/native.js';

const REGS = ['rax', 'rbx', 'rcx', 'rdx', 'rsi', 'rdi', 'r11', 'rip'] as const;
const INDEX: Record<string, number> = { rax: 0, rcx: 1, rdx: 2, rbx: 3, rsi: 6, rdi: 7, r11: 11 };

function regs(m: Machine): Record<string, bigint> {
  const cpu = m.kernel.x86.cpu;
  return Object.fromEntries(REGS.map((r) => [r, r === 'rip' ? BigInt(cpu.rip) : BigInt.asUintN(64, cpu.getReg(INDEX[r]!))]));
}

/** gdb on the native build: `nexti` n times from the entry point, then the registers. */
function gdbNexti(elf: Uint8Array, n: number): Record<string, bigint> {
  return withTempDir((dir) => {
    const exe = join(dir, 'prog');
    writeFileSync(exe, elf);
    chmodSync(exe, 0o755);
    const args = ['-nx', '-batch', '-ex', 'starti', ...Array.from({ length: n }, () => ['-ex', 'nexti']).flat(), ...REGS.flatMap((r) => ['-ex', `printf "${r}=%lx\\n", $${r}`]), exe];
    const out = execFileSync('gdb', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    return Object.fromEntries([...out.matchAll(/^(\w+)=([0-9a-f]+)$/gm)].map((m) => [m[1]!, BigInt(`0x${m[2]!}`)]));
  });
}

describe('Machine.stepOver', () => {
  const program = build();

  it('matches gdb nexti over a recursive call and over a syscall, register for register', () => {
    const native = gnuBuild(CALLS);
    // _start: mov, call (over), mov, mov, mov, lea, mov, syscall (over) = 8 steps.
    for (const n of [2, 3, 8]) {
      const m = boot(program);
      for (let i = 0; i < n; i++) expect(m.stepOver(1_000_000).kind).toBe('budget');
      const ours = regs(m);
      const theirs = gdbNexti(native, n);
      // gdb single-steps the native syscall with RFLAGS.TF set, so the RFLAGS the CPU saved
      // in R11 carries TF (bit 8); that bit is gdb's, not the program's (SDM Vol 3B 17.3.1.4).
      theirs.r11 = theirs.r11! & ~0x100n;
      // Same layout rules as GNU ld, so even the addresses agree.
      expect(ours).toEqual(theirs);
    }
  });

  it('stays at user level across a syscall and shows its result', () => {
    let out = '';
    const m = boot(program, (_fd, b) => (out += new TextDecoder().decode(b)));
    for (let i = 0; i < 7; i++) m.stepOver(1_000_000);
    expect(m.kernel.x86.cpu.cpl).toBe(3);
    expect(m.kernel.x86.cpu.disassembleAt(m.kernel.x86.cpu.rip, 1)[0]!.text).toMatch(/^syscall/);
    m.stepOver(1_000_000);
    expect(m.kernel.x86.cpu.cpl).toBe(3);
    expect(out).toBe('ok\n');
    expect(m.kernel.x86.cpu.getReg(0)).toBe(3n);
  });

  it('stops at a user breakpoint inside the callee', () => {
    const m = boot(program);
    const imul = [...program.lines.entries()].find(([, line]) => line === CALLS.split('\n').findIndex((l) => l.includes('imul')) + 1)![0];
    m.setBreakpoints([imul]);
    m.step(); // mov rdi, 5
    const stop = m.stepOver(1_000_000);
    expect(stop).toEqual({ kind: 'breakpoint', addr: imul });
    expect(m.breakpoints).toEqual([imul]);
  });

  it('reports a used-up budget when the call does not come back in time', () => {
    const m = boot(program);
    m.step();
    const after = m.kernel.x86.cpu.rip + 5; // call rel32 is 5 bytes
    expect(m.stepOver(5).kind).toBe('budget');
    expect(m.kernel.x86.cpu.rip).not.toBe(after);
    expect(m.stepOver(1_000_000).kind).toBe('budget');
  });
});

describe('Machine.setBreakpoints', () => {
  it('a run stops at each breakpoint line in turn and replacing the set drops the old ones', () => {
    const program = build();
    const lineOf = (text: string) => CALLS.split('\n').findIndex((l) => l.includes(text)) + 1;
    const addrOf = (text: string) => [...program.lines.entries()].find(([, l]) => l === lineOf(text))![0];
    const m = boot(program);
    m.setBreakpoints([addrOf('mov rbx, rax'), addrOf('mov rax, 60')]);
    expect(m.run(1_000_000)).toEqual({ kind: 'breakpoint', addr: addrOf('mov rbx, rax') });
    expect(m.kernel.x86.cpu.getReg(0)).toBe(120n);
    expect(m.run(1_000_000)).toEqual({ kind: 'breakpoint', addr: addrOf('mov rax, 60') });
    m.setBreakpoints([]);
    expect(m.run(1_000_000)).toMatchObject({ kind: 'exit', code: 0 });
  });

  it('a kernel address (the syscall entry) is a breakpoint too, and clearing user ones keeps run-to-syscall working', () => {
    const m = boot(build());
    const entry = m.kernel.x86.symbol('entry_SYSCALL_64');
    m.setBreakpoints([entry]);
    expect(m.run(1_000_000)).toEqual({ kind: 'breakpoint', addr: entry });
    expect(m.kernel.x86.cpu.cpl).toBe(0);
    m.setBreakpoints([]);
    expect(m.runToSyscall(1_000_000)).toEqual({ kind: 'breakpoint', addr: entry });
  });
});
