// The emulator as a grading engine (packs/lab-runner.ts's LabRunner): assemble the
// submission, run it to completion with the run limits, and hand back its events.
// Runs in-process: grading is a batch job (the CLI), not the interactive app.

import { buildFromSource, ExecError, Machine } from '../../../core/machine.js';
import type { RunEvent } from '../../../core/trace/events.js';
import type { LabRunner, LabRunRequest, RunOutcome } from '../packs/lab-runner.js';

const INSTRUCTION_LIMIT = 500_000_000;
const WALL_LIMIT_MS = 60_000;

function seedNumber(seed: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < seed.length; i++) h = Math.imul(h ^ seed.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

export function createLabRunner(): LabRunner {
  return async (req: LabRunRequest): Promise<RunOutcome> => {
    const built = buildFromSource(req.source, req.arch, req.fileName);
    if (!built.ok) {
      const stderr = built.errors.map((e) => `${req.fileName}:${e.line}:${e.column}: error: ${e.message}`).join('\n');
      return { events: [], exitStatus: null, termSignal: null, stdout: '', stderr: `${stderr}\n`, facts: { buildError: 'true' } };
    }
    let stdout = '';
    let stderr = '';
    const decoder = new TextDecoder();
    const events: RunEvent[] = [];
    let machine: Machine;
    try {
      machine = Machine.fromElf(built.program.elf, `/home/student/${req.fileName.replace(/\.[sS]$/, '')}`, {
        arch: req.arch,
        seed: seedNumber(req.seed),
        output: (fd, b) => {
          if (fd === 1) stdout += decoder.decode(b);
          else stderr += decoder.decode(b);
        },
        onEvent: (e) => {
          if (events.length < 200_000) events.push(e);
        },
      });
    } catch (err) {
      if (err instanceof ExecError) return { events: [], exitStatus: null, termSignal: null, stdout: '', stderr: `${err.message}\n`, facts: {} };
      throw err;
    }
    if (req.stdin !== undefined) machine.pushStdin(new TextEncoder().encode(req.stdin));
    machine.endStdin();
    const deadline = Date.now() + WALL_LIMIT_MS;
    let left = INSTRUCTION_LIMIT;
    let exitStatus: number | null = null;
    let termSignal: number | null = null;
    for (;;) {
      const stop = machine.run(Math.min(5_000_000, left));
      left -= 5_000_000;
      if (stop.kind === 'exit') {
        exitStatus = stop.code;
        termSignal = stop.signal;
        break;
      }
      if (stop.kind !== 'budget') {
        stderr += `run stopped: ${stop.kind}${'message' in stop ? `: ${stop.message}` : stop.kind === 'blocked' ? ` (${stop.on})` : ''}\n`;
        break;
      }
      if (left <= 0 || Date.now() > deadline) {
        stderr += 'run stopped: the program did not finish within its limits\n';
        break;
      }
      await new Promise((r) => setImmediate(r));
    }
    // Facts checks may compare against: where each syscall returns to (what RCX / ELR_EL1 held).
    const facts: Record<string, string> = {};
    for (const e of events) {
      if (e.type !== 'syscall') continue;
      facts[`addressAfterSyscall:${e.name}`] ??= e.returnAddress;
      facts.addressAfterSyscall ??= e.returnAddress;
    }
    return { events, exitStatus, termSignal, stdout, stderr, facts };
  };
}
