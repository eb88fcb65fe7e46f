// One graded run of a submission: assemble it, boot it with the student's seed, run it
// to its end within the run limits, and collect what the checks look at. Synchronous
// and free of I/O, so the same code runs inside the core worker (the app) and in the
// CLI's own process (`pack grade`, a batch job with nothing else to keep responsive).

import { buildFromSource, ExecError, Machine } from '../../../core/machine.js';
import type { KernelStop } from '../../../core/kernel/kernel-types.js';
import type { RunEvent } from '../../../core/trace/events.js';
import type { LabRunRequest, RunOutcome } from '../packs/lab-runner.js';
import { fnv1a32 } from '../packs/params.js';

export const LAB_RUN_LIMITS = {
  instructions: 500_000_000,
  wallMs: 60_000,
  /** Instructions per slice: the caller's onSlice sees progress and may stop the run. */
  slice: 2_000_000,
  /** Events kept for the checks; a program that makes more is graded on the first ones. */
  events: 200_000,
} as const;

export interface LabRunHooks {
  /** Milliseconds from any fixed origin (performance.now in the worker). */
  now: () => number;
  /** Called between slices with the instructions retired so far; true stops the run. */
  onSlice?: (instructions: number) => boolean;
}

export function runLabProgram(req: LabRunRequest, hooks: LabRunHooks): RunOutcome {
  const built = buildFromSource(req.source, req.arch, req.fileName);
  if (!built.ok) {
    const notRun = built.errors.map((e) => `${req.fileName}:${e.line}:${e.column}: error: ${e.message}`).join('\n');
    return notRunOutcome(notRun);
  }
  let stdout = '';
  let stderr = '';
  const decoder = new TextDecoder();
  const events: RunEvent[] = [];
  let machine: Machine;
  try {
    machine = Machine.fromElf(built.program.elf, `/home/student/${req.fileName.replace(/\.[sS]$/, '')}`, {
      arch: req.arch,
      seed: fnv1a32(req.seed), // the student's seed picks the same ASLR draw every time
      output: (fd, b) => {
        if (fd === 1) stdout += decoder.decode(b);
        else stderr += decoder.decode(b);
      },
      onEvent: (e) => {
        if (events.length < LAB_RUN_LIMITS.events) events.push(e);
      },
    });
  } catch (err) {
    if (err instanceof ExecError) return notRunOutcome(`${req.fileName}: the program could not be loaded: ${err.message}`);
    throw err;
  }
  if (req.stdin !== undefined) machine.pushStdin(new TextEncoder().encode(req.stdin));
  machine.endStdin();

  const deadline = hooks.now() + LAB_RUN_LIMITS.wallMs;
  let retired = 0;
  let stop: KernelStop = { kind: 'budget' };
  let stopped: string | undefined;
  for (;;) {
    const n = Math.min(LAB_RUN_LIMITS.slice, LAB_RUN_LIMITS.instructions - retired);
    stop = machine.run(n);
    retired += n;
    if (stop.kind !== 'budget') break;
    if (retired >= LAB_RUN_LIMITS.instructions) {
      stopped = `it ran ${LAB_RUN_LIMITS.instructions.toLocaleString('en-US')} instructions without exiting (an endless loop?)`;
      break;
    }
    if (hooks.now() > deadline) {
      stopped = `it was still running after ${LAB_RUN_LIMITS.wallMs / 1000} s`;
      break;
    }
    if (hooks.onSlice?.(machine.stats().instructions)) {
      stopped = 'the run was stopped before it exited';
      break;
    }
  }
  if (stop.kind !== 'exit' && stop.kind !== 'budget') stopped = describeStop(stop);

  // Facts checks may compare against: where each syscall returns to (what RCX / ELR_EL1 held).
  const facts: Record<string, string> = {};
  for (const e of events) {
    if (e.type !== 'syscall') continue;
    facts[`addressAfterSyscall:${e.name}`] ??= e.returnAddress;
    facts.addressAfterSyscall ??= e.returnAddress;
  }
  const outcome: RunOutcome = {
    events,
    exitStatus: stop.kind === 'exit' ? stop.code : null,
    termSignal: stop.kind === 'exit' ? stop.signal : null,
    stdout,
    stderr,
    facts,
  };
  if (stopped !== undefined) outcome.stopped = stopped;
  return outcome;
}

function notRunOutcome(notRun: string): RunOutcome {
  return { events: [], exitStatus: null, termSignal: null, stdout: '', stderr: '', facts: {}, notRun };
}

function describeStop(stop: Exclude<KernelStop, { kind: 'exit' } | { kind: 'budget' }>): string {
  switch (stop.kind) {
    case 'blocked':
      return stop.on === 'stdin' ? 'it waited for input that never came' : 'every task was waiting for another (a deadlock)';
    case 'breakpoint':
      return 'it stopped at a breakpoint';
    case 'limit':
      return `it hit a limit: ${stop.message}`;
    case 'panic':
      return `the emulated kernel stopped: ${stop.message}`;
  }
}
