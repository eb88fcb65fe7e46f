// Runs a flat AArch64 image (from buildFlat) on Arm64Cpu at EL1 with the MMU off
// and VBAR_EL1 = 0, so every `svc` stops the run; we service write(2) and exit(2)
// the way Linux would for the same static binary under qemu-aarch64.
import { Arm64Cpu } from '../../../../core/arch/arm64/cpu.js';
import { PhysicalMemory } from '../../../../core/mm/phys-memory.js';

export interface FlatRun {
  stdout: Uint8Array;
  exitCode: number | null;
  cpu: Arm64Cpu;
}

export function runFlat(image: Uint8Array, loadAddr: number, maxInsns = 50_000_000): FlatRun {
  const mem = new PhysicalMemory(64 * 1024 * 1024, 16 * 1024 * 1024);
  mem.bytes.set(image, loadAddr);
  const cpu = new Arm64Cpu(mem);
  cpu.pc = loadAddr;
  cpu.sp = BigInt(mem.sizeBytes - 4096);
  const out: number[] = [];
  let exitCode: number | null = null;
  let left = maxInsns;
  while (left > 0 && exitCode === null) {
    const before = cpu.stats.instructions;
    const stop = cpu.run(Math.min(left, 1_000_000));
    left -= cpu.stats.instructions - before;
    if (stop.kind === 'budget') continue;
    if (stop.kind !== 'exception' || stop.ec !== 0x15) throw new Error(`unexpected stop ${JSON.stringify(stop, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString(16) : v))} at pc ${cpu.pc.toString(16)}`);
    const nr = Number(cpu.getX(8));
    if (nr === 64) {
      const buf = Number(cpu.getX(1));
      const len = Number(cpu.getX(2));
      for (let i = 0; i < len; i++) out.push(mem.bytes[buf + i]!);
      cpu.setX(0, BigInt(len));
    } else if (nr === 93 || nr === 94) exitCode = Number(cpu.getX(0) & 0xffn);
    else throw new Error(`unexpected syscall ${nr}`);
  }
  return { stdout: new Uint8Array(out), exitCode, cpu };
}
