// The arm64 vDSO at run time: a program finds it through AT_SYSINFO_EHDR, looks
// __kernel_clock_gettime up by name in its dynamic symbols (the lab's reference
// solution, built with our assembler and with aarch64-linux-gnu-as/ld) and calls it with
// no svc; the values agree with the clock_gettime system call; timer ticks inside the
// seqlock read make the guest retry; unserved clocks fall back to svc; [vvar] and [vdso]
// show in /proc/self/maps at a randomized address; signal handlers return through
// __kernel_rt_sigreturn in the same image.
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildFromSource, Machine, type MachineOptions } from '../../../../core/machine.js';
import { arm64VdsoImage } from '../../../../core/kernel/vdso/arm64-vdso-image.js';
import type { RunEvent } from '../../../../core/trace/events.js';
import { withTmp } from '../../arch/arm64/gnu-tools.js';

type VdsoEvent = Extract<RunEvent, { type: 'vdso-call' }>;
type SyscallEvent = Extract<RunEvent, { type: 'syscall' }>;

const SOLUTION = readFileSync(new URL('../../../fixtures/solutions/boundary/vdso-arm64.s', import.meta.url), 'utf8');

function run(elf: Uint8Array, options: Partial<MachineOptions> = {}, budget = 5_000_000) {
  const out: number[] = [];
  const m = Machine.fromElf(elf, '/home/student/vdso', { arch: 'arm64', output: (_fd, b) => out.push(...b), ...options });
  const stop = m.run(budget);
  const syscalls = m.events.filter((e): e is SyscallEvent => e.type === 'syscall');
  const calls = m.events.filter((e): e is VdsoEvent => e.type === 'vdso-call');
  return { m, stop, stdout: Uint8Array.from(out), syscalls, calls };
}

function ours(source: string): Uint8Array {
  const built = buildFromSource(source, 'arm64');
  if (!built.ok) throw new Error(JSON.stringify(built.errors));
  return built.program.elf;
}

function gnu(source: string): Uint8Array {
  return withTmp((dir) => {
    writeFileSync(join(dir, 'p.s'), source);
    execFileSync('aarch64-linux-gnu-as', ['-o', join(dir, 'p.o'), join(dir, 'p.s')]);
    execFileSync('aarch64-linux-gnu-ld', ['-static', '-o', join(dir, 'p'), join(dir, 'p.o')]);
    return new Uint8Array(readFileSync(join(dir, 'p')));
  });
}

const ns = (text: string) => {
  const m = /\{tv_sec=(\d+), tv_nsec=(\d+)\}/.exec(text);
  if (!m) throw new Error(`no timespec in ${text}`);
  return Number(m[1]) * 1e9 + Number(m[2]);
};

// x19 = the vDSO base, from the auxiliary vector; then `body`.
const withVdso = (body: string, data = '') => `.global _start
.text
_start:
    mov x0, sp
    ldr x1, [x0]
    add x0, x0, x1, lsl #3
    add x0, x0, #16
1:  ldr x1, [x0], #8
    cbnz x1, 1b
2:  ldp x1, x2, [x0], #16
    cmp x1, #33                         // AT_SYSINFO_EHDR
    b.ne 2b
    mov x19, x2
${body}
    mov x0, #0
    mov x8, #93
    svc #0
.data
.balign 8
${data}
`;

const sym = (name: string) => arm64VdsoImage().symbols.get(name)!;

describe('arm64 vDSO', () => {
  for (const [how, build] of [
    ['our assembler', ours],
    ['aarch64-linux-gnu-as/ld', gnu],
  ] as const) {
    it(`is found by name and answers clock_gettime with no svc (lab solution, ${how})`, () => {
      const r = run(build(SOLUTION.replaceAll('{{params.calls}}', '4')));
      expect(r.stop).toEqual({ kind: 'exit', code: 0, signal: null, coreDumped: false });
      expect(new TextDecoder().decode(r.stdout)).toBe('__kernel_clock_gettime');
      // Only the write, the one real clock_gettime and exit entered the kernel.
      expect(r.syscalls.map((e) => e.name)).toEqual(['write', 'clock_gettime', 'exit']);
      expect(r.m.stats().syscalls).toBe(3);
      expect(r.calls.map((c) => [c.fn, c.ret, c.seqlockRetries])).toEqual(Array(4).fill(['clock_gettime', 0, 0]));
      // The write's buffer is the name inside the [vdso] mapping.
      const base = r.m.kernel.processes.get(100)!.mm.vdsoBase;
      const write = r.syscalls[0]!.line;
      expect(write).toContain('"__kernel_clock_gettime"');
      const times = r.calls.map((c) => ns(c.value));
      for (let i = 1; i < times.length; i++) expect(times[i]).toBeGreaterThan(times[i - 1]!);
      expect(times[0]).toBeGreaterThan(0);
      expect(ns(r.syscalls[1]!.line)).toBeGreaterThan(times[3]!);
      // The cost model charges the vDSO's instructions, far below a trap.
      expect(r.calls[0]!.cycles).toBeGreaterThan(20);
      expect(r.calls[0]!.cycles * 3).toBeLessThan(r.syscalls[1]!.cycles);
      expect(base).toBeGreaterThan(0);
    });
  }

  it('returns what the syscall returns, and gettimeofday agrees with its event', () => {
    const body = `
    mov x0, #1
    adr x1, t1
    add x9, x19, #${sym('__kernel_clock_gettime')}
    blr x9
    mov x0, #1
    adr x1, t2
    mov x8, #113                        // clock_gettime(CLOCK_MONOTONIC, &t2)
    svc #0
    mov x0, #1
    adr x1, t3
    add x9, x19, #${sym('__kernel_clock_gettime')}
    blr x9
    adr x0, tv
    mov x1, #0
    add x9, x19, #${sym('__kernel_gettimeofday')}
    blr x9
    mov x0, #1
    adr x1, t1
    mov x2, #64
    mov x8, #64
    svc #0`;
    const r = run(ours(withVdso(body, 't1: .quad 0, 0\nt2: .quad 0, 0\nt3: .quad 0, 0\ntv: .quad 0, 0')));
    expect(r.stop).toMatchObject({ kind: 'exit', code: 0 });
    const v = new DataView(r.stdout.buffer);
    const q = (i: number) => Number(v.getBigInt64(i * 8, true));
    const t = (i: number) => q(i * 2) * 1e9 + q(i * 2 + 1);
    expect(t(0)).toBeGreaterThan(0);
    expect(t(1)).toBeGreaterThan(t(0));
    expect(t(2)).toBeGreaterThan(t(1));
    expect(ns(r.syscalls[0]!.line)).toBe(t(1));
    expect(r.syscalls.map((e) => e.name)).toEqual(['clock_gettime', 'write', 'exit']);
    expect(r.calls.map((c) => c.fn)).toEqual(['clock_gettime', 'clock_gettime', 'gettimeofday']);
    expect(r.calls[0]!.value).toBe(`{tv_sec=${q(0)}, tv_nsec=${q(1)}}`);
    expect(r.calls[1]!.value).toBe(`{tv_sec=${q(4)}, tv_nsec=${q(5)}}`);
    expect(r.calls[2]).toMatchObject({ ret: 0, value: `{tv_sec=${q(6)}, tv_usec=${q(7)}}` });
    // Realtime is monotonic time plus the boot wall clock (2026-01-01 by default).
    expect(q(6)).toBeGreaterThanOrEqual(1_767_225_600);
  });

  it('retries the seqlock read when a timer tick updates vvar mid-read', () => {
    // A 1 MHz emulated clock ticks every 1000 instructions, so some reads get cut.
    const body = `
    mov w20, #1000
3:  mov x0, #1
    adr x1, t1
    add x9, x19, #${sym('__kernel_clock_gettime')}
    blr x9
    subs w20, w20, #1
    b.ne 3b`;
    const r = run(ours(withVdso(body, 't1: .quad 0, 0')), { costs: { cyclesPerNs: 0.001 } }, 50_000_000);
    expect(r.stop).toMatchObject({ kind: 'exit', code: 0 });
    expect(r.calls).toHaveLength(1000);
    expect(r.syscalls.map((e) => e.name)).toEqual(['exit']);
    const retried = r.calls.filter((c) => c.seqlockRetries > 0);
    expect(retried.length).toBeGreaterThan(0);
    const base = r.calls.find((c) => c.seqlockRetries === 0)!.cycles;
    for (const c of retried) expect(c.cycles).toBeGreaterThan(base);
    expect(r.calls.reduce((n, c) => n + c.seqlockRetries, 0)).toBe(r.m.stats().vdsoSeqlockRetries);
    // Each value still reads forward: a retried read never returns a torn snapshot.
    const times = r.calls.map((c) => ns(c.value));
    for (let i = 1; i < times.length; i++) expect(times[i]).toBeGreaterThan(times[i - 1]!);
  });

  it('falls back to svc for clocks it does not serve, and clock_getres matches the syscall', () => {
    const call = (fn: string, clock: number, buf: string) => `
    mov x0, #${clock}
    ${buf === 'NULL' ? 'mov x1, #0' : `adr x1, ${buf}`}
    add x9, x19, #${sym(fn)}
    blr x9
    str x0, [x21], #8`;
    const body = `
    adr x21, rets
    ${call('__kernel_clock_gettime', 2, 'cpu')}
    ${call('__kernel_clock_getres', 1, 'r1')}
    ${call('__kernel_clock_getres', 5, 'r2')}
    mov x0, #1
    adr x1, r3
    mov x8, #114                        // clock_getres(CLOCK_MONOTONIC, &r3)
    svc #0
    mov x0, #5
    adr x1, r4
    mov x8, #114                        // clock_getres(CLOCK_REALTIME_COARSE, &r4)
    svc #0
    ${call('__kernel_clock_getres', 2, 'r5')}
    ${call('__kernel_clock_getres', 6, 'NULL')}
    ${call('__kernel_clock_gettime', 99, 'cpu')}
    mov x0, #1
    adr x1, r1
    mov x2, #128
    mov x8, #64
    svc #0`;
    const data = 'r1: .quad 0, 0\nr2: .quad 0, 0\nr3: .quad 0, 0\nr4: .quad 0, 0\nr5: .quad 0, 0\nrets: .quad 0, 0, 0, 0, 0, 0\ncpu: .quad 0, 0';
    const r = run(ours(withVdso(body, data)));
    expect(r.stop).toMatchObject({ kind: 'exit', code: 0 });
    expect(r.syscalls.map((e) => e.line)).toEqual([
      expect.stringMatching(/^clock_gettime\(CLOCK_PROCESS_CPUTIME_ID, \{tv_sec=0, tv_nsec=\d+\}\) = 0$/),
      'clock_getres(CLOCK_MONOTONIC, {tv_sec=0, tv_nsec=1}) = 0',
      'clock_getres(CLOCK_REALTIME_COARSE, {tv_sec=0, tv_nsec=1000000}) = 0',
      'clock_getres(CLOCK_PROCESS_CPUTIME_ID, {tv_sec=0, tv_nsec=1}) = 0',
      expect.stringMatching(/^clock_gettime\(0x63 \/\* CLOCK_\?\?\? \*\/, 0x[0-9a-f]+\) = -1 EINVAL \(Invalid argument\)$/),
      expect.stringMatching(/^write\(1, /),
      'exit(0) = ?',
    ]);
    const v = new DataView(r.stdout.buffer);
    const q = (i: number) => Number(v.getBigInt64(i * 8, true));
    expect([q(0), q(1)]).toEqual([q(4), q(5)]); // vDSO r1 == syscall r3
    expect([q(2), q(3)]).toEqual([q(6), q(7)]); // vDSO r2 == syscall r4
    expect([q(8), q(9)]).toEqual([0, 1]);
    expect([q(10), q(11), q(12), q(13), q(14)]).toEqual([0, 0, 0, 0, 0]);
    expect(q(15)).toBe(-22); // EINVAL through the fallback svc
    // clock_getres reads no clock, so it leaves no vdso-call event (as getcpu on x86-64).
    expect(r.calls).toEqual([]);
  });

  // Writes AT_SYSINFO_EHDR (8 bytes), then /proc/self/maps.
  const MAPS = withVdso(
    `
    adr x1, ehdr
    str x19, [x1]
    mov x0, #1
    mov x2, #8
    mov x8, #64
    svc #0
    mov x0, #-100                       // AT_FDCWD
    adr x1, path
    mov x2, #0
    mov x3, #0
    mov x8, #56                         // openat
    svc #0
    mov x20, x0
4:  mov x0, x20
    adr x1, buf
    mov x2, #4096
    mov x8, #63                         // read
    svc #0
    cmp x0, #0
    b.le 5f
    mov x2, x0
    mov x0, #1
    adr x1, buf
    mov x8, #64
    svc #0
    b 4b
5:`,
    'ehdr: .quad 0\npath: .asciz "/proc/self/maps"\n.balign 8\nbuf: .skip 4096',
  );

  function maps(seed: number, aslr = true) {
    const r = run(ours(MAPS), { seed, aslr });
    expect(r.stop).toMatchObject({ kind: 'exit', code: 0 });
    const ehdr = Number(new DataView(r.stdout.buffer).getBigUint64(0, true));
    const lines = new TextDecoder().decode(r.stdout.subarray(8)).split('\n');
    const region = (name: string) => {
      const line = lines.find((l) => l.endsWith(` ${name}`));
      if (!line) throw new Error(`no ${name} in\n${lines.join('\n')}`);
      const [lo, hi] = line.split(' ')[0]!.split('-').map((x) => parseInt(x, 16));
      return { lo: lo!, hi: hi!, perms: line.split(' ')[1] };
    };
    return { ehdr, vdso: region('[vdso]'), vvar: region('[vvar]') };
  }

  it('shows [vvar] then [vdso] in /proc/self/maps, at AT_SYSINFO_EHDR, moved by ASLR', () => {
    const a = maps(1);
    expect(a.vdso).toEqual({ lo: a.ehdr, hi: a.ehdr + 4096, perms: 'r-xp' });
    expect(a.vvar).toEqual({ lo: a.ehdr - 4096, hi: a.ehdr, perms: 'r--p' });
    const b = maps(2);
    expect(b.ehdr).not.toBe(a.ehdr);
    // Without randomization the layout is the same for every seed.
    expect(maps(1, false).ehdr).toBe(maps(2, false).ehdr);
  });

  it('returns from a handler without SA_RESTORER through __kernel_rt_sigreturn in the same image', () => {
    const body = `
    mov x0, #12                         // SIGUSR2
    adr x1, act
    adr x9, handler
    str x9, [x1]
    mov x2, #0
    mov x3, #8
    mov x8, #134                        // rt_sigaction, no SA_RESTORER
    svc #0
    mov x8, #172
    svc #0
    mov x1, #12
    mov x8, #129                        // kill(getpid(), SIGUSR2)
    svc #0
    mov x0, #1
    adr x1, retaddr
    mov x2, #8
    mov x8, #64
    svc #0
    b 6f
handler:
    adr x0, retaddr
    str x30, [x0]                       // where the handler returns
    ret
6:`;
    const r = run(ours(withVdso(body, 'act: .quad 0, 0, 0, 0\nretaddr: .quad 0')), { seed: 7 });
    expect(r.stop).toMatchObject({ kind: 'exit', code: 0 });
    const lr = Number(new DataView(r.stdout.buffer).getBigUint64(0, true));
    const base = r.m.kernel.processes.get(100)!.mm.vdsoBase;
    expect(lr).toBe(base + sym('__kernel_rt_sigreturn'));
    expect(r.syscalls.map((e) => e.name)).toEqual(['rt_sigaction', 'getpid', 'kill', 'rt_sigreturn', 'write', 'exit']);
  });

  it('faults in user mode on a bad timespec pointer, as the Linux vDSO does (SIGSEGV, not EFAULT)', () => {
    const body = `
    mov x0, #1
    mov x1, #8                          // an unmapped address
    add x9, x19, #${sym('__kernel_clock_gettime')}
    blr x9`;
    const r = run(ours(withVdso(body)));
    expect(r.stop).toMatchObject({ kind: 'exit', signal: 11 });
    expect(r.syscalls).toEqual([]);
    expect(r.m.events.find((e) => e.type === 'signal')).toMatchObject({ name: 'SIGSEGV', line: '--- SIGSEGV {si_signo=SIGSEGV, si_code=SEGV_MAPERR, si_addr=0x8} ---' });
  });
});
