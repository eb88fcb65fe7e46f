// Test-only LabRunner over the emulator facade (core/machine.ts), so the grader can
// be run on the emulator and compared with the native strace run of the same source.
// The app's own runner is electron/host/emulator/lab-runner.ts (not ours to write).

import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildFromSource, Machine } from '../../../../core/machine.js';
import type { LabRunRequest, RunOutcome } from '../../../../electron/host/packs/lab-runner.js';
import { addressFacts } from './native-trace-runner.js';

const BUDGET = 10_000_000;

export async function emulatorRun(req: LabRunRequest): Promise<RunOutcome> {
  const built = buildFromSource(req.source, req.arch, req.fileName);
  if (!built.ok) throw new Error(built.errors.map((e) => `${e.line}:${e.column}: ${e.message}`).join('\n'));
  const decoder = { 1: new TextDecoder(), 2: new TextDecoder() };
  let stdout = '';
  let stderr = '';
  const machine = Machine.fromElf(built.program.elf, `/home/student/${req.fileName.replace(/\.s$/, '')}`, {
    arch: req.arch,
    seed: 1,
    output: (fd, bytes) => {
      if (fd === 1) stdout += decoder[1].decode(bytes, { stream: true });
      else stderr += decoder[2].decode(bytes, { stream: true });
    },
  });
  if (req.stdin) machine.pushStdin(new TextEncoder().encode(req.stdin));
  machine.endStdin();
  const stop = machine.run(BUDGET);
  if (stop.kind !== 'exit') throw new Error(`emulator stopped: ${JSON.stringify(stop)}`);
  // The same static analysis as the native run, on the emulator's own ELF.
  const dir = await mkdtemp(join(tmpdir(), 'emu-elf-'));
  try {
    const exe = join(dir, 'prog');
    await writeFile(exe, built.program.elf);
    const facts = await addressFacts(exe);
    return { events: [...machine.events], exitStatus: stop.code, termSignal: stop.signal, stdout, stderr, facts };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
