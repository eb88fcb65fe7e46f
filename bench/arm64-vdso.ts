// clock_gettime(CLOCK_MONOTONIC) on the emulated AArch64 machine, N times through the
// vDSO (__kernel_clock_gettime: blr into user-mode code reading vvar and CNTVCT_EL0)
// and N times through svc #0 (the whole kernel entry/exit path). Prints, per call, the
// emulated cycles the cost model charges and the guest instructions retired (the point
// the vdso lab makes: no mode switch), and the host CPU time per call (process.cpuUsage,
// best of 5: the machine is shared and noisy). Prints figures only; never asserts.
// Run: npm run build:node && node dist/bench/arm64-vdso.js

import { buildFromSource, Machine } from '../core/machine.js';
import { arm64VdsoImage } from '../core/kernel/vdso/arm64-vdso-image.js';

const N = 50_000;

function program(viaVdso: boolean): string {
  const call = viaVdso ? '        blr     x20' : '        mov     x8, #113\n        svc     #0';
  return `.global _start
.text
_start:
        mov     x0, sp
        ldr     x1, [x0]
        add     x0, x0, x1, lsl #3
        add     x0, x0, #16
1:      ldr     x1, [x0], #8
        cbnz    x1, 1b
2:      ldp     x1, x2, [x0], #16
        cmp     x1, #33                 // AT_SYSINFO_EHDR
        b.ne    2b
        add     x20, x2, #${arm64VdsoImage().symbols.get('__kernel_clock_gettime')}
        ldr     x19, =${N}
3:      mov     x0, #1                  // CLOCK_MONOTONIC
        adr     x1, ts
${call}
        subs    x19, x19, #1
        b.ne    3b
        mov     x0, #0
        mov     x8, #93
        svc     #0
.data
        .balign 8
ts:     .quad   0, 0
`;
}

interface Row {
  cpuMs: number;
  cycles: number;
  instructions: number;
  syscalls: number;
}

function once(source: string): Row {
  const built = buildFromSource(source, 'arm64');
  if (!built.ok) throw new Error(JSON.stringify(built.errors));
  const m = Machine.fromElf(built.program.elf, '/bench', { arch: 'arm64', record: false });
  const t0 = process.cpuUsage();
  const stop = m.run(1_000_000_000);
  const t = process.cpuUsage(t0);
  if (stop.kind !== 'exit') throw new Error(`stopped with ${stop.kind}`);
  const s = m.stats();
  return { cpuMs: (t.user + t.system) / 1000, cycles: s.cycles, instructions: s.instructions, syscalls: s.syscalls };
}

const rows = new Map<string, Row>();
for (const [name, viaVdso] of [
  ['vDSO', true],
  ['svc', false],
] as const) {
  const runs = Array.from({ length: 5 }, () => once(program(viaVdso)));
  rows.set(name, runs.reduce((a, b) => (b.cpuMs < a.cpuMs ? b : a)));
}
for (const [name, r] of rows) {
  console.log(
    `${name.padEnd(5)} ${(r.cycles / N).toFixed(0).padStart(5)} emulated cycles/call  ${(r.instructions / N).toFixed(1).padStart(6)} guest instructions/call  ${r.syscalls} syscalls  ${((r.cpuMs * 1000) / N).toFixed(2)} µs host CPU/call (best of 5)`,
  );
}
const v = rows.get('vDSO')!;
const s = rows.get('svc')!;
console.log(`svc / vDSO: ${(s.cycles / v.cycles).toFixed(1)}x emulated cycles, ${(s.cpuMs / v.cpuMs).toFixed(1)}x host CPU time`);
