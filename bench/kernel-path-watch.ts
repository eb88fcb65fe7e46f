// What recording the kernel-path timeline costs a run. The Playground drives every
// run through KernelPathWatch, which stops at each entry-code stage boundary (about
// eight per syscall) to sample the cost meter. Prints syscall round trips per CPU
// second for a getppid loop with and without the watch, best of N, and the ratio.
// CPU time (process.cpuUsage), not wall time: the machine is shared. Never asserted.

import { buildFromSource, Machine } from '../core/machine.js';
import { KernelPathWatch } from '../core/trace/kernel-path-watch.js';

const CALLS = 200_000;
const SOURCE = `.intel_syntax noprefix
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
`;

const built = buildFromSource(SOURCE, 'x86_64');
if (!built.ok) throw new Error(built.errors.map((e) => e.message).join('; '));
const elf = built.program.elf;

function cpuSeconds(work: () => void): number {
  const before = process.cpuUsage();
  work();
  const d = process.cpuUsage(before);
  return (d.user + d.system) / 1e6;
}

function once(watched: boolean): number {
  // record: false as in the benchmarks elsewhere: no event list grows during the run.
  const m = Machine.fromElf(elf, '/a.out', { arch: 'x86_64', seed: 1, record: false });
  const w = watched ? new KernelPathWatch(m) : null;
  return cpuSeconds(() => {
    const stop = w ? w.run(2_000_000_000) : m.run(2_000_000_000);
    if (stop.kind !== 'exit') throw new Error(`the loop stopped early: ${stop.kind}`);
  });
}

const N = Number(process.argv[2] ?? 5);
let plain = Infinity;
let watched = Infinity;
for (let i = 0; i < N; i++) {
  plain = Math.min(plain, once(false));
  watched = Math.min(watched, once(true));
}
console.log(`getppid loop, ${CALLS.toLocaleString()} calls, best of ${N} (CPU time):`);
console.log(`  plain run:           ${(CALLS / plain).toFixed(0).padStart(9)} syscalls/s`);
console.log(`  with KernelPathWatch: ${(CALLS / watched).toFixed(0).padStart(8)} syscalls/s`);
console.log(`  slowdown: ×${(watched / plain).toFixed(2)}`);
