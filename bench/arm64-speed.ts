// Guest instructions per second of the AArch64 interpreter on syscall-free loops,
// at EL0 with the MMU on (the case students run). Prints figures only; never asserts.
// Run: npx tsc -b tsconfig.build.json && node dist/bench/arm64-speed.js

import { performance } from 'node:perf_hooks';
import { Arm64Cpu } from '../core/arch/arm64/cpu.js';
import { mapPage, newTable } from '../core/mm/arm64/page-table.js';
import { PhysicalMemory } from '../core/mm/phys-memory.js';

const CODE = 0x400000;
const STACK = 0x7ff000;

function machine(code: number[]): Arm64Cpu {
  const mem = new PhysicalMemory(64 * 1024 * 1024, 1024 * 1024);
  const cpu = new Arm64Cpu(mem);
  const root = newTable(mem);
  const codeFrame = mem.allocFrame();
  mapPage(mem, root, CODE, codeFrame, { el0Read: true });
  for (let a = STACK - 0x4000; a < STACK; a += 4096) mapPage(mem, root, a, mem.allocFrame(), { el0Write: true, uxn: true });
  cpu.setSysreg('TTBR0_EL1', BigInt(root));
  cpu.setSysreg('SCTLR_EL1', cpu.sysreg('SCTLR_EL1') | 1n);
  // Code pages are read-only at EL1 too (AP = 11), so load them physically.
  mem.bytes.set(new Uint8Array(new Uint32Array(code).buffer), codeFrame);
  cpu.setSysreg('SP_EL0', BigInt(STACK - 64));
  cpu.setMode(0, 0);
  cpu.pc = CODE;
  return cpu;
}

// mov x0, #0 ; mov x1, #0x40000000 ; loop: <body> ; subs x1, x1, #1 ; b.ne loop ; svc #0
function loop(body: number[]): number[] {
  const back = (-(body.length + 1) & 0x7ffff) << 5;
  return [0xd2800000, 0xd2a80001, ...body, 0xf1000421, (0x54000001 | back) >>> 0, 0xd4000001];
}

const REGISTER_LOOP = [
  0x8b010000, // add x0, x0, x1
  0xca010c02, // eor x2, x0, x1, lsl #3
  0xeb02001f, // cmp x0, x2
  0x9a821000, // csel x0, x0, x2, ne
];
const MEMORY_LOOP = [
  0xf94007e3, // ldr x3, [sp, #8]
  0x8b020063, // add x3, x3, x2
  0xf90007e3, // str x3, [sp, #8]
  0xa9010fe2, // stp x2, x3, [sp, #16]
];

function measure(name: string, code: number[], budget: number): number {
  const cpu = machine(code);
  cpu.run(200_000); // warm up the JIT
  const start = performance.now();
  const before = cpu.stats.instructions;
  cpu.run(budget);
  const ms = performance.now() - start;
  const n = cpu.stats.instructions - before;
  const mips = n / ms / 1000;
  console.log(`${name.padEnd(34)} ${(n / 1e6).toFixed(1).padStart(6)} M insns  ${ms.toFixed(0).padStart(6)} ms  ${mips.toFixed(1).padStart(6)} M insns/s`);
  return mips;
}

// A host reference in the same run: the loop overhead of plain JS over a typed
// array, so the figures can be compared as ratios on a loaded machine.
function referenceMops(): number {
  const a = new Uint32Array(1024);
  let x = 0;
  const n = 200_000_000;
  const start = performance.now();
  for (let i = 0; i < n; i++) x = (x + a[i & 1023]! + i) | 0;
  const ms = performance.now() - start;
  if (x === 42) console.log('');
  return n / ms / 1000;
}

const budget = Number(process.argv[2] ?? 30_000_000);
const ref = referenceMops();
console.log(`host reference loop: ${ref.toFixed(0)} M iterations/s`);
const reg = measure('arm64 register loop (EL0, MMU on)', loop(REGISTER_LOOP), budget);
const mem = measure('arm64 memory loop (EL0, MMU on)', loop(MEMORY_LOOP.slice(0, 4)), budget);
console.log(`target 50 M insns/s: register loop at ${((reg / 50) * 100).toFixed(0)}%, memory loop at ${((mem / 50) * 100).toFixed(0)}%`);
console.log(`guest insns per host reference iteration: register ${(reg / ref).toFixed(3)}, memory ${(mem / ref).toFixed(3)}`);
