// Runs of pushes/pops (stack-run.ts), hooks carried by decoded instructions and the
// per-privilege code pages must be invisible: a program run in one go and the same program single-stepped end in the
// same registers, memory and counters; faults, breakpoints, budgets, hooks added late
// and self-modifying code behave as with one instruction per step.

import { describe, expect, it } from 'vitest';
import { assemble } from './helpers/gnu.js';
import { CODE, DATA, STACK_TOP, loadCode, makeMachine, type TestMachine } from './helpers/machine.js';
import { KCODE, KERNEL_CS, KSTACK_TOP, makeKernelMachine } from './helpers/kernel-fixture.js';

function state(m: TestMachine) {
  const regs = Array.from({ length: 16 }, (_, r) => m.cpu.getReg(r).toString(16));
  const s = m.cpu.stats;
  return {
    regs,
    rip: m.cpu.rip,
    rflags: m.cpu.getRflags(),
    stack: Array.from(m.read(STACK_TOP - 0x2000, 0x2000)),
    data: Array.from(m.read(DATA, 0x100)),
    instructions: s.instructions,
    tlbMisses: s.tlbMisses,
    pageWalks: s.pageWalks,
  };
}

/** Run `source` to its hlt in one go and one instruction per call; both end states. */
function both(source: string, setup?: (m: TestMachine) => void) {
  const out = [];
  for (const stepwise of [false, true]) {
    const m = makeMachine();
    setup?.(m);
    loadCode(m, assemble(source));
    let stop;
    if (stepwise) {
      for (let n = 0; n < 100_000; n++) {
        stop = m.cpu.run(1);
        if (stop.kind !== 'budget') break;
      }
    } else stop = m.cpu.run(100_000);
    out.push({ stop, ...state(m) });
  }
  return out;
}

const PROLOGUE_LOOP = `
    mov ecx, 5
    mov rax, 0x1122334455667788
    mov rbx, -3
1:  push rbp
    push rbx
    push rax
    push 0x2b
    push -38
    push rcx
    add rax, rcx
    imul rbx, rax
    xor rbx, 0x55
    pop rdx
    pop rsi
    pop rdi
    pop r8
    pop r9
    pop r10
    mov QWORD PTR [${DATA} + rcx * 8], rax
    dec ecx
    jnz 1b
    hlt`;

describe('runs of pushes and pops, and the decoded-instruction cache', () => {
  it('a loop of prologues and epilogues ends identically run at once and single-stepped', () => {
    const [fast, slow] = both(PROLOGUE_LOOP);
    expect(fast!.stop).toEqual({ kind: 'hlt' });
    expect(fast).toEqual(slow);
    // The pushed immediates arrived sign-extended: pop rsi took -38 on the last trip.
    expect(fast!.regs[6]).toBe((2n ** 64n - 38n).toString(16));
  });

  it('runs that would cross a stack page fall back to single pushes and still agree', () => {
    // RSP 24 bytes above a page boundary: six pushes straddle it, six pops come back over it.
    const [fast, slow] = both(`mov rsp, ${STACK_TOP - 0x1000 + 24}\n${PROLOGUE_LOOP}`);
    expect(fast).toEqual(slow);
    expect(fast!.regs[4]).toBe((STACK_TOP - 0x1000 + 24).toString(16));
  });

  it('a push run into an unmapped page faults at its first push, with the first push’s address and RSP unchanged', () => {
    const stops = [];
    for (const budget of [100, 1]) {
      const m = makeKernelMachine();
      const cpu = m.cpu;
      m.write(KCODE, assemble('push rax\npush rbx\npush rcx\nhlt'));
      cpu.cs = KERNEL_CS;
      const sp = KCODE - 0x100000 + 0x800; // unmapped, and no IDT entry for #PF
      cpu.setRegNum(4, sp);
      cpu.rip = KCODE;
      const r = cpu.run(budget);
      expect(cpu.regNum(4)).toBe(sp);
      expect(cpu.stats.instructions).toBe(0);
      stops.push({ r, cr2: cpu.cr2 });
    }
    expect(stops[0]).toEqual(stops[1]);
    expect(stops[0]!.r.kind).toBe('exception');
    expect(stops[0]!.cr2).toBe(KCODE - 0x100000 + 0x800 - 8);
  });

  it('a breakpoint inside a run stops there, after exactly the instructions before it', () => {
    const m = makeMachine();
    const code = assemble('push rax\npush rbx\npush rcx\npush rdx\nmov eax, 1\nmov ebx, 2\nmov ecx, 3\nhlt');
    loadCode(m, code);
    m.cpu.breakpoints.add(CODE + 2); // the third push
    expect(m.cpu.run(100)).toEqual({ kind: 'breakpoint', addr: CODE + 2 });
    expect(m.cpu.stats.instructions).toBe(2);
    expect(m.cpu.regNum(4)).toBe(STACK_TOP - 16);
    m.cpu.breakpoints.clear();
    m.cpu.breakpoints.add(CODE + 4 + 5 + 5); // mov ecx, 3
    expect(m.cpu.run(100)).toEqual({ kind: 'breakpoint', addr: CODE + 14 });
    expect(m.cpu.stats.instructions).toBe(6);
    expect(m.cpu.regNum(3)).toBe(2);
    expect(m.cpu.regNum(1)).toBe(0);
  });

  it('a budget smaller than a run retires exactly the budget', () => {
    const m = makeMachine();
    loadCode(m, assemble('push rax\npush rbx\npush rcx\nmov eax, 1\nmov ebx, 2\nmov ecx, 3\nhlt'));
    expect(m.cpu.run(2)).toEqual({ kind: 'budget' });
    expect(m.cpu.stats.instructions).toBe(2);
    expect(m.cpu.regNum(4)).toBe(STACK_TOP - 16);
    expect(m.cpu.run(2)).toEqual({ kind: 'budget' });
    expect(m.cpu.stats.instructions).toBe(4);
    expect(m.cpu.regNum(0)).toBe(1);
    expect(m.cpu.regNum(3)).toBe(0);
  });

  it('code that patches the instruction right after it runs the patched instruction', () => {
    // Each trip bumps the immediate of `mov eax, 1` just before executing it.
    const src = `
    mov ecx, 3
    lea rbx, [rip + patch]
1:  inc BYTE PTR [rbx + 1]
    nop
patch:
    mov eax, 1
    add edx, eax
    dec ecx
    jnz 1b
    hlt`;
    const [fast, slow] = both(src);
    expect(fast).toEqual(slow);
    expect(fast!.regs[0]).toBe('4');
    expect(fast!.regs[2]).toBe((2 + 3 + 4).toString(16));
  });

  it('a hook registered after its address was decoded still runs', () => {
    const m = makeKernelMachine();
    const cpu = m.cpu;
    m.write(KCODE, assemble(`mov ebx, 1\nlea rdx, [rip + target]\ncall rdx\nhlt\n.balign 16\ntarget: mov ebx, 2\nret`));
    cpu.cs = KERNEL_CS;
    cpu.setRegNum(4, KSTACK_TOP);
    cpu.rip = KCODE;
    expect(cpu.run(50)).toEqual({ kind: 'hlt' });
    expect(cpu.regNum(3)).toBe(2);
    let calls = 0;
    cpu.hooks.set(KCODE + 16, () => {
      calls++;
    });
    cpu.rip = KCODE;
    cpu.setRegNum(4, KSTACK_TOP);
    expect(cpu.run(50)).toEqual({ kind: 'hlt' });
    expect(calls).toBe(1);
    expect(cpu.regNum(3)).toBe(1);
  });

  it('a hooked address right after a push run, decoded while building the run, still runs its hook', () => {
    const m = makeKernelMachine();
    const cpu = m.cpu;
    // push rdx; push rbx is a run; building it decodes the ud2 after it, where the hook
    // sits. The hook then returns by popping rbx, which points at `after`.
    m.write(KCODE, assemble('lea rdx, [rip + after]\npush rdx\npush rbx\nhooked: ud2\nafter: hlt'));
    let calls = 0;
    cpu.hooks.set(KCODE + 9, () => {
      calls++;
    });
    cpu.cs = KERNEL_CS;
    cpu.setRegNum(4, KSTACK_TOP);
    cpu.rip = KCODE;
    cpu.setRegNum(3, KCODE + 11);
    expect(cpu.run(50)).toEqual({ kind: 'hlt' });
    expect(calls).toBe(1);
  });
});
