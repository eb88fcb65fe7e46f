// Syscall round trips through the whole AArch64 path (svc → vector +0x400 →
// kernel_entry → TypeScript dispatch → kernel_exit → eret), next to the same
// getppid loop on x86-64 (syscall → entry_SYSCALL_64 → sysret), and each one's
// guest instructions per syscall (the entry/exit code a student steps through).
// Timings are CPU time (process.cpuUsage), best of 5: the machine is shared and noisy.
// Prints figures only; never asserts. Run: npm run build:node && node dist/bench/arm64-syscall-speed.js

import { buildFromSource, Machine } from '../core/machine.js';
import type { Arch } from '../core/trace/events.js';

const N = 100_000;

const ARM64 = `.global _start
.text
_start:
        ldr     x19, =${N}
1:      mov     x8, #173                // getppid
        svc     #0
        subs    x19, x19, #1
        b.ne    1b
        mov     x0, #0
        mov     x8, #93
        svc     #0
`;

const X86 = `.intel_syntax noprefix
.global _start
.text
_start:
    mov ebx, ${N}
1:  mov eax, 110                            # getppid
    syscall
    dec ebx
    jnz 1b
    mov eax, 60
    xor edi, edi
    syscall
`;

function once(arch: Arch, source: string): { cpuMs: number; instructions: number; syscalls: number } {
  const built = buildFromSource(source, arch);
  if (!built.ok) throw new Error(JSON.stringify(built.errors));
  const m = Machine.fromElf(built.program.elf, '/bench', { arch, record: false });
  const t0 = process.cpuUsage();
  const stop = m.run(1_000_000_000);
  const t = process.cpuUsage(t0);
  if (stop.kind !== 'exit') throw new Error(`${arch}: stopped with ${stop.kind}`);
  const s = m.stats();
  return { cpuMs: (t.user + t.system) / 1000, instructions: s.instructions, syscalls: s.syscalls };
}

const rows: Record<string, { cpuMs: number; instructions: number; syscalls: number }> = {};
for (const [arch, src] of [['arm64', ARM64], ['x86_64', X86]] as const) {
  const runs = Array.from({ length: 5 }, () => once(arch, src));
  rows[arch] = runs.reduce((a, b) => (b.cpuMs < a.cpuMs ? b : a));
}
for (const [arch, r] of Object.entries(rows)) {
  const perSec = r.syscalls / (r.cpuMs / 1000);
  console.log(`${arch.padEnd(7)} ${Math.round(perSec).toLocaleString('en-US').padStart(10)} syscalls/s CPU   ${(r.instructions / r.syscalls).toFixed(1)} guest instructions per syscall   best of 5: ${r.cpuMs.toFixed(0)} ms`);
}
const a = rows.arm64!;
const x = rows.x86_64!;
console.log(`arm64 / x86-64 syscall rate: ${((a.syscalls / a.cpuMs) / (x.syscalls / x.cpuMs)).toFixed(2)}`);
