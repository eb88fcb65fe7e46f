// Test helper: assemble a guest program with the lab's own assembler, boot a machine
// on it and run it to the end, collecting stdout and the run's events.

import { buildFromSource, Machine, type MachineOptions } from '../../../core/machine.js';
import type { KernelStop } from '../../../core/kernel/kernel.js';

export interface GuestRun {
  machine: Machine;
  stop: KernelStop;
  stdout: Uint8Array;
  /** stdout decoded as latin1 (one char per byte). */
  text: string;
  /** The strace-format lines of the run, in order. */
  lines: string[];
}

export function bootGuest(source: string, options: Partial<MachineOptions> = {}, out?: number[]): Machine {
  // x86-64 unless the options name arm64 (the source is assembled for that ISA).
  const arch = options.arch ?? 'x86_64';
  const built = buildFromSource(source, arch);
  if (!built.ok) throw new Error(`does not assemble: ${JSON.stringify(built.errors)}`);
  return Machine.fromElf(built.program.elf, '/home/student/a.out', {
    arch,
    output: (_fd, b) => out?.push(...b),
    ...options,
  });
}

export function runGuest(source: string, options: Partial<MachineOptions> = {}, budget = 5_000_000): GuestRun {
  const out: number[] = [];
  const machine = bootGuest(source, options, out);
  const stop = machine.run(budget);
  const stdout = Uint8Array.from(out);
  const lines = machine.events.flatMap((e) => ('line' in e ? [e.line] : []));
  return { machine, stop, stdout, text: String.fromCharCode(...stdout), lines };
}
