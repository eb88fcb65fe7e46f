// Kernel-path speed (issue: x86-64 machine, point 11). Prints:
//   - guest instructions per second on a syscall-free loop (whole machine, kernel idle);
//   - syscall round trips per second through the full guest entry path (getppid loop);
//   - time to read /data/1mib.bin one byte per read();
//   - for each program, the ratio of emulated to native time for the same ELF.
// Emulated runs are timed in process CPU time (user + system), best of REPS: on a shared
// machine other load inflates wall time far more. Native runs are short child processes,
// timed by wall clock, best of REPS. Figures are noisy and never asserted.
// Run: npm run build:node && node dist/bench/kernel-speed.js [reps]

import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildFromSource, Machine } from '../core/machine.js';

const LOOP = `.intel_syntax noprefix
.global _start
.text
_start:
    mov ecx, 20000000
    xor eax, eax
1:  add rax, rcx
    sub rdx, 3
    xor rdx, rax
    dec ecx
    jnz 1b
    mov eax, 60
    xor edi, edi
    syscall
`;

const SYSCALLS = `.intel_syntax noprefix
.global _start
.text
_start:
    mov r12d, 2000000
1:  mov eax, 110            # getppid
    syscall
    dec r12d
    jnz 1b
    mov eax, 60
    xor edi, edi
    syscall
`;

// Native runs have no /data/1mib.bin: the program reads the path it is given in argv[1].
const BYTE_READER = `.intel_syntax noprefix
.global _start
.text
_start:
    mov rdi, QWORD PTR [rsp + 16]   # argv[1]
    mov eax, 2                      # open(path, O_RDONLY)
    xor esi, esi
    syscall
    mov r12, rax
    xor r13d, r13d
1:  xor eax, eax                    # read(fd, buf, 1)
    mov rdi, r12
    lea rsi, [rip + buf]
    mov edx, 1
    syscall
    add r13, rax
    test rax, rax
    jg 1b
    mov eax, 60
    xor edi, edi
    syscall
.bss
buf: .skip 16
`;

function build(source: string): Uint8Array {
  const r = buildFromSource(source, 'x86_64');
  if (!r.ok) throw new Error(r.errors.map((e) => `${e.line}:${e.column} ${e.message}`).join('\n'));
  return r.program.elf;
}

const REPS = Math.max(1, Number(process.argv[2] ?? 3) || 3);

function cpuSeconds(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
}

function emulate(elf: Uint8Array, argv: string[]): { seconds: number; instructions: number; syscalls: number } {
  let best: { seconds: number; instructions: number; syscalls: number } | null = null;
  for (let rep = 0; rep < REPS; rep++) {
    const m = Machine.fromElf(elf, argv[0]!, { arch: 'x86_64', record: false, argv });
    const t0 = cpuSeconds();
    for (;;) {
      const stop = m.run(50_000_000);
      if (stop.kind === 'exit') break;
      if (stop.kind !== 'budget') throw new Error(`unexpected stop ${JSON.stringify(stop)}`);
    }
    const seconds = cpuSeconds() - t0;
    const s = m.stats();
    if (!best || seconds < best.seconds) best = { seconds, instructions: s.instructions, syscalls: s.syscalls };
  }
  return best!;
}

function native(elf: Uint8Array, args: string[]): number {
  const dir = mkdtempSync(join(tmpdir(), 'syscall-lab-bench-'));
  const path = join(dir, 'prog');
  writeFileSync(path, elf, { mode: 0o755 });
  let best = Infinity;
  for (let rep = 0; rep < REPS; rep++) {
    const t0 = process.hrtime.bigint();
    const r = spawnSync(path, args, { stdio: 'ignore' });
    best = Math.min(best, Number(process.hrtime.bigint() - t0) / 1e9);
    if (r.status !== 0) throw new Error(`native run failed with ${r.status ?? r.signal}`);
  }
  return best;
}

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

const loop = build(LOOP);
const e1 = emulate(loop, ['/home/student/loop']);
const n1 = native(loop, []);
console.log(`(emulated: CPU time, best of ${REPS}; native: wall time, best of ${REPS})`);
console.log(`syscall-free loop: ${fmt(e1.instructions / e1.seconds)} guest instructions/s (target ≥ 50 M; ${e1.seconds.toFixed(2)} s emulated, ${n1.toFixed(3)} s native, emulated/native = ${(e1.seconds / n1).toFixed(0)}×)`);

const sys = build(SYSCALLS);
const e2 = emulate(sys, ['/home/student/getppid']);
const n2 = native(sys, []);
console.log(`syscall round trips: ${fmt(e2.syscalls / e2.seconds)} per second through the guest entry path (target ≥ 1 M; ${fmt(e2.syscalls)} syscalls, ${e2.seconds.toFixed(2)} s; native ${fmt(e2.syscalls / n2)}/s, emulated/native = ${(e2.seconds / n2).toFixed(0)}×)`);

const reader = build(BYTE_READER);
const e3 = emulate(reader, ['/home/student/reader', '/data/1mib.bin']);
const dir = mkdtempSync(join(tmpdir(), 'syscall-lab-bench-'));
const data = join(dir, '1mib.bin');
writeFileSync(data, new Uint8Array(1 << 20));
const n3 = native(reader, [data]);
console.log(`1 MiB read one byte per read(): ${e3.seconds.toFixed(2)} s emulated (${fmt(e3.syscalls)} syscalls; target < 2 s), ${n3.toFixed(3)} s native, emulated/native = ${(e3.seconds / n3).toFixed(0)}×`);
