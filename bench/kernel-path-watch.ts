// What recording the kernel-path timeline costs a run. The Playground drives every
// run through KernelPathWatch, which stops at each entry-code stage boundary (about
// eight per syscall) to sample the cost meter. Prints syscall round trips per CPU
// second for a getppid loop with and without the watch, best of N, and the ratio,
// on x86-64 and on arm64 (whose timeline has its own stages, from the vector slot).
// CPU time (process.cpuUsage), not wall time: the machine is shared. Never asserted.

import { buildFromSource, Machine } from '../core/machine.js';
import { KernelPathWatch } from '../core/trace/kernel-path-watch.js';
import type { Arch } from '../core/trace/events.js';

const CALLS = 200_000;
const SOURCES: Record<Arch, string> = {
  x86_64: `.intel_syntax noprefix
.global _start
.text
_start:
    mov r12d, ${CALLS}
1:  mov eax, 110            # getppid
    syscall
    dec r12d
    jnz 1b
    mov eax, 60
    xor edi, edi
    syscall
`,
  arm64: `.global _start
.text
_start:
    movz x19, #${CALLS & 0xffff}
    movk x19, #${CALLS >>> 16}, lsl #16
1:  mov x8, #173            // getppid
    svc #0
    subs x19, x19, #1
    b.ne 1b
    mov x0, #0
    mov x8, #93
    svc #0
`,
};

function build(arch: Arch): Uint8Array {
  const built = buildFromSource(SOURCES[arch], arch);
  if (!built.ok) throw new Error(built.errors.map((e) => e.message).join('; '));
  return built.program.elf;
}

function cpuSeconds(work: () => void): number {
  const before = process.cpuUsage();
  work();
  const d = process.cpuUsage(before);
  return (d.user + d.system) / 1e6;
}

function once(arch: Arch, elf: Uint8Array, watched: boolean): number {
  // record: false as in the benchmarks elsewhere: no event list grows during the run.
  const m = Machine.fromElf(elf, '/a.out', { arch, seed: 1, record: false });
  const w = watched ? new KernelPathWatch(m) : null;
  return cpuSeconds(() => {
    const stop = w ? w.run(2_000_000_000) : m.run(2_000_000_000);
    if (stop.kind !== 'exit') throw new Error(`the loop stopped early: ${stop.kind}`);
  });
}

const N = Number(process.argv[2] ?? 5);
for (const arch of ['x86_64', 'arm64'] as const) {
  const elf = build(arch);
  let plain = Infinity;
  let watched = Infinity;
  for (let i = 0; i < N; i++) {
    plain = Math.min(plain, once(arch, elf, false));
    watched = Math.min(watched, once(arch, elf, true));
  }
  console.log(`${arch} getppid loop, ${CALLS.toLocaleString()} calls, best of ${N} (CPU time):`);
  console.log(`  plain run:           ${(CALLS / plain).toFixed(0).padStart(9)} syscalls/s`);
  console.log(`  with KernelPathWatch: ${(CALLS / watched).toFixed(0).padStart(8)} syscalls/s`);
  console.log(`  slowdown: ×${(watched / plain).toFixed(2)}`);
}
