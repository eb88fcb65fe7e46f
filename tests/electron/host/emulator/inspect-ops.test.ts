// The machine views' read commands through the host: memory, the inspection bundle
// and the seeded layouts. Checked against GNU as (the program's bytes), the entry
// code's own source, and the kernel's counters (looking must not change the run).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { MachineInspection, MemoryDump } from '../../../../electron/common/inspect-types.js';
import type { LoadReply, SessionState } from '../../../../electron/common/types.js';
import { HostServices } from '../../../../electron/host/services.js';

const services = new HostServices({ userDataDir: mkdtempSync(join(tmpdir(), 'syscall-lab-inspect-')), transport: 'web' });
afterAll(async () => services.close());

const BOOK = `.intel_syntax noprefix
.global _start
.text
_start:
    mov rax, 1
    mov rdi, 1
    lea rsi, [rip + msg]
    mov rdx, 17
    syscall
    mov rax, 60
    xor edi, edi
    syscall
.data
msg: .ascii "Direct write call"
`;

const SIGNALS = `.intel_syntax noprefix
.global _start
.text
handler:
    ret
_start:
    sub rsp, 32
    lea rax, [rip + handler]
    mov [rsp], rax
    mov rax, 0x14000000
    mov [rsp + 8], rax
    lea rax, [rip + restorer]
    mov [rsp + 16], rax
    mov QWORD PTR [rsp + 24], 0x200
    mov eax, 13
    mov edi, 2
    mov rsi, rsp
    xor edx, edx
    mov r10d, 8
    syscall
    mov eax, 60
    xor edi, edi
    syscall
restorer:
    mov eax, 15
    syscall
`;

async function call<T>(name: string, args: unknown): Promise<T> {
  const r = await services.dispatch(name, args);
  if (!r.ok) throw new Error(`${name}: ${r.error.code}: ${r.error.message}`);
  return r.value as T;
}

/** Load, then step out of exec's return path to the program's first instruction. */
async function load(source: string): Promise<SessionState> {
  const r = await call<LoadReply>('emulator.load', { arch: 'x86_64', source });
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  let s = r.state;
  for (let i = 0; i < 200 && s.view.privilege !== 3; i++) s = await call<SessionState>('emulator.step', { sessionId: s.sessionId });
  return s;
}

const inspect = (sessionId: number) => call<MachineInspection>('emulator.inspect', { sessionId });
const peek = (sessionId: number, addr: string, length: number) => call<MemoryDump>('emulator.memory', { sessionId, addr, length });

describe('emulator.memory', () => {
  it('shows the program text as GNU as and ld built it, without faulting anything in', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'views-as-'));
    writeFileSync(join(dir, 'p.s'), BOOK);
    execFileSync('as', ['-o', join(dir, 'p.o'), join(dir, 'p.s')]);
    execFileSync('ld', ['-static', '-o', join(dir, 'p'), join(dir, 'p.o')]);
    execFileSync('objcopy', ['-O', 'binary', '-j', '.text', join(dir, 'p'), join(dir, 'p.bin')]);
    const gnu = [...readFileSync(join(dir, 'p.bin'))];
    const s = await load(BOOK);
    const rip = s.view.registers.find((r) => r.name === 'rip')!.value;
    const stepped = await call<SessionState>('emulator.step', { sessionId: s.sessionId, count: 3 });
    const dump = await peek(s.sessionId, rip, gnu.length);
    expect(dump.bytes).toEqual(gnu);
    // Reading the data page through the view leaves it untouched; once write() has read it, it is there.
    const rsi = stepped.view.registers.find((r) => r.name === 'rsi')!.value;
    const data = await peek(s.sessionId, rsi, 17);
    expect(data.notes[0]!.reason).toMatch(/not touched this page yet/);
    await call<SessionState>('emulator.step', { sessionId: s.sessionId, count: 40 });
    expect(String.fromCharCode(...(await peek(s.sessionId, rsi, 17)).bytes)).toBe('Direct write call');
  });

  it('refuses addresses that are not addresses, and explains unreadable ones', async () => {
    const s = await load(BOOK);
    await expect(peek(s.sessionId, 'zzz', 16)).rejects.toThrow(/not an address/);
    await expect(peek(s.sessionId, '0x0000800000000000', 16)).rejects.toThrow(/non-canonical/);
    const low = await peek(s.sessionId, '0x10', 16);
    expect(low.bytes.every((b) => b === -1)).toBe(true);
    expect(low.notes[0]!.reason).toMatch(/not mapped in this process/);
    const r = await services.dispatch('emulator.memory', { sessionId: s.sessionId, addr: '0x400000', length: 5000 });
    expect(r).toMatchObject({ ok: false, error: { code: 'bad-args' } });
    expect(await services.dispatch('core.info', {})).toMatchObject({ ok: true });
  });
});

describe('emulator.inspect', () => {
  it('marks the current line in the program and, after the syscall, in the kernel entry code', async () => {
    const s = await load(BOOK);
    let v = await inspect(s.sessionId);
    const cur = v.disassembly.find((d) => d.current)!;
    expect(cur).toMatchObject({ where: 'user', line: 5, source: 'mov rax, 1', symbol: '_start' });
    await call('emulator.run', { sessionId: s.sessionId, until: 'syscall' });
    v = await inspect(s.sessionId);
    const k = v.disassembly.find((d) => d.current)!;
    expect(k).toMatchObject({ where: 'kernel', symbol: 'entry_SYSCALL_64' });
    expect(k.source).toMatch(/^swapgs/);
    expect(v.timeline?.complete).toBe(false);
    // Step through the pt_regs pushes: the stack view names the slots.
    await call('emulator.step', { sessionId: s.sessionId, count: 28 });
    v = await inspect(s.sessionId);
    const orig = v.stack.find((w) => w.label === 'pt_regs->orig_rax');
    expect(orig?.value).toBe('0x0000000000000001');
    const ip = v.stack.find((w) => w.label === 'pt_regs->rip');
    expect(ip).toBeDefined();
    // Back in user mode the timeline of the write is complete.
    await call('emulator.run', { sessionId: s.sessionId, until: 'syscall' });
    v = await inspect(s.sessionId);
    expect(v.timeline?.line ?? null).toBeNull(); // the exit call's pass has just begun
    expect(v.maps.map((m) => m.path)).toEqual(expect.arrayContaining(['[stack]', '[vdso]', '[vvar]', '/home/student/a.out']));
    expect(v.kernel.map((r) => r.name)).toEqual(expect.arrayContaining(['kernel text (entry code)', 'per-CPU area', 'IDT']));
  });

  it('lists installed handlers with their sigaction flags and mask', async () => {
    const s = await load(SIGNALS);
    await call('emulator.run', { sessionId: s.sessionId, until: 'syscall' });
    await call('emulator.run', { sessionId: s.sessionId, until: 'syscall' });
    const v = await inspect(s.sessionId);
    expect(v.signals?.handlers).toEqual([{ signo: 2, name: 'SIGINT', handler: expect.stringMatching(/^0x0{10}40[0-9a-f]{4} <handler>$/), flags: ['SA_RESTORER', 'SA_RESTART'], mask: ['SIGUSR1'] }]);
    expect(v.signals?.blocked).toEqual([]);
  });
});

describe('emulator.layouts', () => {
  it('moves the stack and vDSO between seeds when ASLR is on, and not when it is off', async () => {
    type Layouts = { runs: { seed: number; maps: { path: string; start: string }[] }[]; aslr: { region: string; moved: boolean }[] };
    const { runs, aslr } = await call<Layouts>('emulator.layouts', { source: BOOK, seeds: [1, 2, 3] });
    const stacks = new Set(runs.map((r) => r.maps.find((m) => m.path === '[stack]')!.start));
    expect(stacks.size).toBe(3);
    expect(aslr.find((r) => r.region === '[stack]')?.moved).toBe(true);
    expect(aslr.find((r) => r.region === 'a.out')?.moved).toBe(false);
    const fixed = (await call<Layouts>('emulator.layouts', { source: BOOK, seeds: [1, 2], aslr: false })).runs;
    expect(fixed[0]!.maps).toEqual(fixed[1]!.maps);
    // A non-PIE executable never moves.
    const exe = new Set(runs.map((r) => r.maps.find((m) => m.path === '/home/student/a.out')!.start));
    expect([...exe].map((a) => BigInt(a))).toEqual([0x400000n]);
  });
});

describe('emulator.inspect on an arm64 machine', () => {
  const ARM_BOOK = `.global _start
.text
_start:
    mov x0, 1
    adr x1, msg
    mov x2, 17
    mov x8, 64
    svc #0
    mov x0, 0
    mov x8, 93
    svc #0
msg: .ascii "Direct write call"
`;

  it('disassembles with source lines, reads the stack and memory, and follows svc into EL1', async () => {
    const r = await call<LoadReply>('emulator.load', { arch: 'arm64', source: ARM_BOOK });
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    let s = r.state;
    for (let i = 0; i < 200 && s.view.privilege !== 0; i++) s = await call<SessionState>('emulator.step', { sessionId: s.sessionId });
    expect(s.view.privilege).toBe(0);
    const user = await inspect(s.sessionId);
    const current = user.disassembly.find((d) => d.current);
    expect(current?.text).toMatch(/^mov\s+x0/);
    expect(current?.line).toBe(4);
    expect(current?.source).toBe('mov x0, 1');
    expect(user.stack.length).toBeGreaterThan(0);
    expect(user.stack[0]?.value).not.toBeNull();
    expect(user.kernel).toHaveLength(1);
    // The message's bytes through the memory view, at the address adr computes.
    const msgAddr = BigInt(s.view.registers.find((x) => x.name === 'pc')?.value ?? '0') + 32n;
    const dump = await call<MemoryDump>('emulator.memory', { sessionId: s.sessionId, addr: `0x${msgAddr.toString(16)}`, length: 17 });
    expect(String.fromCharCode(...dump.bytes)).toBe('Direct write call');
    // Step to the svc, then once more: the vector table at EL1, shown with the entry code's source.
    s = await call<SessionState>('emulator.step', { sessionId: s.sessionId, count: 5 });
    expect(s.view.privilege).toBe(1);
    const kernel = await inspect(s.sessionId);
    const k = kernel.disassembly.find((d) => d.current);
    expect(k?.where).toBe('kernel');
    expect(k?.source).not.toBeNull();
  });

  it('builds the seeded layouts for arm64 when asked: stacks in the 48-bit user half, above x86-64\'s', async () => {
    type Layouts = { runs: { seed: number; maps: { path: string; start: string; end: string }[] }[] };
    const { runs } = await call<Layouts>('emulator.layouts', { source: ARM_BOOK, seeds: [1, 2], arch: 'arm64' });
    for (const run of runs) {
      const stack = BigInt(run.maps.find((m) => m.path === '[stack]')!.end);
      expect(stack <= 1n << 48n && stack > 1n << 47n).toBe(true);
    }
    // Without the arch the same source is x86-64 assembly, which it is not.
    await expect(call('emulator.layouts', { source: ARM_BOOK, seeds: [1] })).rejects.toThrow(/does not assemble/);
    await expect(call('emulator.layouts', { source: ARM_BOOK, seeds: [1], arch: 'mips' })).rejects.toThrow(/arch/);
  });
});

describe('symbols in the views', () => {
  it('name kernel addresses by their entry-code labels, never by assembler-local ones', async () => {
    // Fresh from exec the CPU is in the kernel's return path, whose loops use numeric labels.
    const r = await call<LoadReply>('emulator.load', { arch: 'x86_64', source: BOOK });
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    const s = await call<SessionState>('emulator.step', { sessionId: r.state.sessionId, count: 9 });
    const v = await inspect(s.sessionId);
    const symbols = [...v.disassembly.map((d) => d.symbol ?? ''), ...s.view.next.map((n) => n.symbol ?? '')];
    expect(v.disassembly.some((d) => d.where === 'kernel')).toBe(true);
    expect(symbols.filter((n) => n.startsWith('.L'))).toEqual([]);
    expect(symbols.filter((n) => n !== '').length).toBeGreaterThan(0);
  });
});
