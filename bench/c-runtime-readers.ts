// What a C program's read size costs, measured on the guest runtime (core/runtime):
// one program, built once by gcc -static -nostdlib, reads a 64 KiB file with read()
// calls of 1, 16, 256 and 4096 bytes. For each size it prints, from the emulator, the
// system calls, guest instructions and modelled cycles per byte, and the host CPU time
// the emulator spent (best of 3, process.cpuUsage: the machine is shared, wall time is
// noise). The ratios between rows are the point; nothing is asserted.

import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Machine } from '../core/machine.js';
import { runtimeFiles } from '../core/runtime/runtime-files.js';

const FILE_BYTES = 65536;

// The program writes its own input file, so it needs nothing from the host's disk.
const READER = `#include "runtime.h"
static char buf[4096];
int main(int argc, char **argv) {
  long chunk = 0;
  for (const char *p = argc > 1 ? argv[1] : "1"; *p; p++) chunk = chunk * 10 + (*p - '0');
  int fd = open("bench-input.bin", O_WRONLY | O_CREAT | O_TRUNC, 0644);
  for (int i = 0; i < ${FILE_BYTES / 4096}; i++) write(fd, buf, sizeof buf);
  close(fd);
  fd = open("bench-input.bin", O_RDONLY);
  long total = 0, n;
  while ((n = read(fd, buf, (size_t)chunk)) > 0) total += n;
  close(fd);
  return total == ${FILE_BYTES} ? 0 : 1;
}
`;

function buildReader(): Uint8Array {
  const dir = mkdtempSync(join(tmpdir(), 'syscall-lab-bench-'));
  try {
    for (const f of runtimeFiles()) writeFileSync(join(dir, f.name), f.text);
    writeFileSync(join(dir, 'reader.c'), READER);
    const exe = join(dir, 'reader');
    execFileSync('gcc', ['-static', '-no-pie', '-nostdlib', '-fno-builtin', '-fno-stack-protector', '-O1', `-I${dir}`, '-o', exe, join(dir, 'runtime.s'), join(dir, 'reader.c')]);
    return new Uint8Array(readFileSync(exe));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

interface Row {
  syscalls: number;
  instructions: number;
  cycles: number;
  cpuSeconds: number;
}

function emulate(elf: Uint8Array, chunk: number): Row {
  const argv = ['/home/student/reader', String(chunk)];
  const m = Machine.fromElf(elf, argv[0] as string, { arch: 'x86_64', record: false, argv });
  const before = process.cpuUsage();
  for (;;) {
    const stop = m.run(50_000_000);
    if (stop.kind === 'exit') {
      if (stop.code !== 0) throw new Error(`reader exited with ${stop.code ?? stop.signal}`);
      break;
    }
    if (stop.kind !== 'budget') throw new Error(`unexpected stop ${JSON.stringify(stop)}`);
  }
  const used = process.cpuUsage(before);
  const s = m.stats();
  return { syscalls: s.syscalls, instructions: s.instructions, cycles: s.cycles, cpuSeconds: (used.user + used.system) / 1e6 };
}

const elf = buildReader();
const per = (n: number) => (n / FILE_BYTES).toFixed(2).padStart(9);
console.log(`reading ${FILE_BYTES} bytes through the guest runtime's read(), by request size (emulator; best of 3 for CPU time)`);
console.log('  size   syscalls  instr/byte  cycles/byte  host CPU s  cycles vs 4096');
const rows = [1, 16, 256, 4096].map((chunk) => {
  const runs = [0, 1, 2].map(() => emulate(elf, chunk));
  const best = runs.reduce((a, b) => (b.cpuSeconds < a.cpuSeconds ? b : a));
  return { chunk, ...best };
});
const base = rows.at(-1) as Row;
for (const r of rows) {
  console.log(`${String(r.chunk).padStart(6)} ${String(r.syscalls).padStart(10)} ${per(r.instructions)}  ${per(r.cycles)}    ${r.cpuSeconds.toFixed(3).padStart(8)}  ${(r.cycles / base.cycles).toFixed(1).padStart(8)}×`);
}
