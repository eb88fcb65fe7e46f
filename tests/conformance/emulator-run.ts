// The emulator half: `node bin/syscall-lab.js run --trace FILE [ARGS...]`, which
// passes guest stdio through, exits with the guest's status (128+N for signal N) and
// writes strace-format lines to stderr.
import { join } from 'node:path';
import { runProcess, runWithPipes } from './run-process.js';
import type { ProgramSpec } from './program-header.js';

// Generous: a CLI start costs ~2 s on a 2-CPU machine, more while other suites run; this only catches hangs.
export const EMULATOR_TIMEOUT_MS = 60_000;
export const REPO_ROOT = join(import.meta.dirname, '..', '..');
/** The real CLI launcher; tests of the runner itself pass a stand-in instead. */
export const CLI = join(REPO_ROOT, 'bin', 'syscall-lab.js');

export interface EmulatorRun {
  stdout: Buffer;
  status: number;
  timedOut: boolean;
  /** stderr lines that are trace lines. */
  trace: string[];
  /** Any other stderr lines (guest stderr, warnings): shown when a comparison fails. */
  otherStderr: string[];
}

export type EmulatorAvailability = { available: true } | { available: false; reason: string };

/** A line strace could have printed: a call, a signal, or an exit, with an optional pid prefix. */
export function isTraceLine(line: string): boolean {
  return /^(?:\[pid +\d+\] |\d+ +)?(?:[a-z_][a-z0-9_]*\(|--- |\+\+\+ )/.test(line);
}

/** Run the CLI with the same real pipes as the native run; stdinPath from writeStdinFile. */
export async function runEmulator(file: string, spec: ProgramSpec, stdinPath: string | null, cli = CLI): Promise<EmulatorRun> {
  const r = await runWithPipes(process.execPath, [cli, 'run', '--trace', file, ...spec.args], stdinPath, { timeoutMs: EMULATOR_TIMEOUT_MS, cwd: REPO_ROOT });
  const lines = r.stderr.toString('utf8').split('\n').filter((l) => l !== '');
  return {
    stdout: r.stdout,
    status: r.status,
    timedOut: r.timedOut,
    trace: lines.filter(isTraceLine),
    otherStderr: lines.filter((l) => !isTraceLine(l)),
  };
}

/**
 * Ask the CLI once, with a program known to work natively. Until the lead lands the
 * emulator, `run` is a placeholder that exits 2 saying "not built yet" (or rejects
 * --trace as an unknown option); without `npm run build:node` the launcher exits 2
 * saying the host code is not built. Those three, and only those, mean "skip".
 */
export async function probeEmulator(sample: string, cli = CLI): Promise<EmulatorAvailability> {
  const r = await runProcess(process.execPath, [cli, 'run', '--trace', sample], { stdin: null, timeoutMs: EMULATOR_TIMEOUT_MS, cwd: REPO_ROOT });
  const err = r.stderr.toString('utf8');
  const first = err.split('\n')[0] ?? '';
  if (r.status === 2 && /not built yet/.test(err)) return { available: false, reason: `emulator not built yet: ${first}` };
  if (r.status === 2 && /unknown option '--trace'/.test(err)) return { available: false, reason: `emulator run command is still a placeholder: ${first}` };
  if (r.status === 2 && /host code is not built/.test(err)) return { available: false, reason: `CLI not compiled (run npm run build:node): ${first}` };
  return { available: true };
}
