// Guest instructions per second of the x86-64 interpreter on syscall-free loops.
// Prints figures only; never asserts. Run: npx tsc -b tsconfig.build.json && node dist/bench/x86-speed.js

import { PhysicalMemory } from '../core/mm/phys-memory.js';
import { mapPage, newPml4 } from '../core/mm/x86-64/page-table.js';
import { X86Cpu } from '../core/arch/x86_64/cpu.js';

const CODE = 0x400000;
const DATA = 0x600000;
const STACK = 0x7ff000;

function machine(code: number[]): X86Cpu {
  const mem = new PhysicalMemory(64 * 1024 * 1024, 1024 * 1024);
  const cpu = new X86Cpu(mem);
  cpu.cr3 = newPml4(mem);
  for (const base of [CODE, DATA, STACK - 0x4000])
    for (let a = base; a < base + 0x4000; a += 4096) mapPage(mem, cpu.cr3, a, mem.allocFrame(), { writable: true });
  cpu.flushTlb();
  cpu.mmu.writeVirt(CODE, Uint8Array.from(code), false);
  cpu.rip = CODE;
  cpu.setRegNum(4, STACK);
  cpu.setRegNum(6, DATA);
  return cpu;
}

const imm32 = (v: number): number[] => [v & 0xff, (v >>> 8) & 0xff, (v >>> 16) & 0xff, (v >>> 24) & 0xff];

function loop(body: number[], iterations: number): number[] {
  // mov ecx, N ; body ; dec rcx ; jnz body ; hlt
  const tail = [0x48, 0xff, 0xc9];
  const back = -(body.length + tail.length + 2);
  return [0xb9, ...imm32(iterations), ...body, ...tail, 0x75, back & 0xff, 0xf4];
}

const REGISTER_LOOP = [
  0x48, 0x01, 0xc8, // add rax, rcx
  0x48, 0x83, 0xea, 0x01, // sub rdx, 1
  0x48, 0x39, 0xd8, // cmp rax, rbx
  0x8b, 0x3e, // mov edi, [rsi]
  0x01, 0xf8, // add eax, edi
];
const MEMORY_LOOP = [
  0x48, 0x8b, 0x06, // mov rax, [rsi]
  0x48, 0x01, 0xc8, // add rax, rcx
  0x48, 0x89, 0x46, 0x08, // mov [rsi+8], rax
  0x83, 0x46, 0x10, 0x01, // add dword [rsi+16], 1
  0x48, 0x8b, 0x5e, 0x08, // mov rbx, [rsi+8]
  0x89, 0x5e, 0x18, // mov [rsi+24], ebx
];

/** Process CPU time: other work on a shared 2-core machine does not inflate it the way wall time is. */
function cpuSeconds(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
}

function measure(name: string, body: number[], iterations: number): number {
  let best = 0;
  for (let rep = 0; rep < 5; rep++) {
    const cpu = machine(loop(body, iterations));
    const t0 = cpuSeconds();
    const r = cpu.run(1e12);
    const t1 = cpuSeconds();
    if (r.kind !== 'hlt') throw new Error(`${name}: stopped with ${JSON.stringify(r)}`);
    const ips = cpu.stats.instructions / (t1 - t0);
    best = Math.max(best, ips);
  }
  console.log(`${name.padEnd(40)} ${(best / 1e6).toFixed(1).padStart(7)} M guest instructions/s (best of 5, CPU time)`);
  return best;
}

/** syscall → a one-instruction kernel stub (sysretq) → back: round trips per second. */
function measureSyscalls(rounds: number): void {
  let best = 0;
  for (let rep = 0; rep < 3; rep++) {
    // user: mov r12d, N ; 1: syscall ; dec r12 ; jnz 1b ; ud2
    const user = [0x41, 0xbc, ...imm32(rounds), 0x0f, 0x05, 0x49, 0xff, 0xcc, 0x75, 0xf9, 0x0f, 0x0b];
    const cpu = machine(user);
    const stub = CODE + 0x2000;
    cpu.mmu.writeVirt(stub, Uint8Array.from([0x48, 0x0f, 0x07]), false); // sysretq
    cpu.setMsr(0xc0000081, (0x23n << 48n) | (0x08n << 32n)); // STAR
    cpu.setMsr(0xc0000082, BigInt(stub)); // LSTAR
    cpu.cs = 0x33;
    cpu.ss = 0x2b;
    // Code pages were mapped supervisor-only by machine(); remap as user for this run.
    for (let a = CODE; a < CODE + 0x4000; a += 4096) cpu.mmu.protectPage(a, { writable: true, user: true });
    const t0 = cpuSeconds();
    const r = cpu.run(1e12);
    const t1 = cpuSeconds();
    if (r.kind !== 'exception') throw new Error(`syscall loop: ${JSON.stringify(r)}`);
    best = Math.max(best, rounds / (t1 - t0));
  }
  console.log(`${'syscall+sysretq round trips'.padEnd(40)} ${(best / 1e6).toFixed(2).padStart(7)} M/s (2 mode switches each, CPU time)`);
}

const a = measure('register loop (add/sub/cmp/mov/jnz)', REGISTER_LOOP, 5_000_000);
const b = measure('memory loop (loads/stores/RMW)', MEMORY_LOOP, 3_000_000);
measureSyscalls(2_000_000);
console.log(`target 50 M/s on the register loop: ${a >= 50e6 ? 'met' : 'NOT met'} (${(a / 50e6).toFixed(2)}x); memory/register ratio ${(b / a).toFixed(2)}`);
