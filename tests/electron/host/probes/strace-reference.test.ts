// strace(1) as an outside witness: the probes really make the system calls
// they claim (the kernel saw at least iterations x repeats of them), and the
// vDSO loop made none.

import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, expect, test } from 'vitest';
import type { TimingResult } from '../../../../electron/common/probe-types.js';
import { ensureProbesBuilt } from '../../../../electron/host/probes/index.js';
import { fallbackSource } from '../../../../electron/host/probes/fallback-runner.js';
import { parseProbeOutput } from '../../../../electron/host/probes/report-parse.js';

let binary = '';
const REPEATS = 7;

beforeAll(async () => {
  binary = (await ensureProbesBuilt()).binary ?? '';
  expect(binary).not.toBe('');
});

/** Run a probe under `strace -f -c`; returns its results and the per-syscall call counts. */
function underStrace(
  probe: string,
  syscalls: string[],
  command: string[] = [binary, probe, '--repeats', String(REPEATS), '--min-ms', '1'],
): { results: TimingResult[]; calls: Map<string, number> } {
  const summary = join(mkdtempSync(join(tmpdir(), 'syscall-lab-strace-')), 'summary');
  const stdout = execFileSync('strace', ['-f', '-c', '-o', summary, '-e', `trace=${syscalls.join(',')}`, ...command], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  const calls = new Map<string, number>();
  // strace -c rows: "% time  seconds  usecs/call  calls  [errors]  syscall".
  for (const line of readFileSync(summary, 'utf8').split('\n')) {
    const f = line.trim().split(/\s+/);
    const name = f[f.length - 1] ?? '';
    if (syscalls.includes(name) && /^\d+$/.test(f[3] ?? '')) calls.set(name, Number(f[3]));
  }
  return { results: parseProbeOutput(stdout).filter((r): r is TimingResult => 'median_ns' in r), calls };
}

const timing = (results: TimingResult[], op: string): TimingResult => {
  const r = results.find((x) => x.op === op);
  if (!r) throw new Error(`no ${op} in ${JSON.stringify(results.map((x) => x.op))}`);
  return r;
};

test('null-syscall: the kernel saw every getppid the probe timed', () => {
  const { results, calls } = underStrace('null-syscall', ['getppid']);
  const t = timing(results, 'getppid');
  // warm-up + k repeats, plus calibration rounds.
  expect(calls.get('getppid') ?? 0).toBeGreaterThanOrEqual(t.iterations * (REPEATS + 1));
}, 60_000);

test('vdso-clock: clock_gettime through the vDSO never enters the kernel', () => {
  const { results, calls } = underStrace('vdso-clock', ['clock_gettime']);
  const viaVdso = timing(results, 'clock_gettime:vdso');
  const viaSyscall = timing(results, 'clock_gettime:syscall');
  const seen = calls.get('clock_gettime') ?? 0;
  expect(seen).toBeGreaterThanOrEqual(viaSyscall.iterations * (REPEATS + 1));
  // Had the vDSO loop trapped, strace would count at least its timed calls too.
  expect(seen).toBeLessThan(viaVdso.iterations * (REPEATS + 1));
}, 60_000);

test('fast-calls: each timed call reaches the kernel', () => {
  const { results, calls } = underStrace('fast-calls', ['getpid', 'getuid']);
  expect(calls.get('getpid') ?? 0).toBeGreaterThanOrEqual(timing(results, 'getpid').iterations * (REPEATS + 1));
  expect(calls.get('getuid') ?? 0).toBeGreaterThanOrEqual(timing(results, 'getuid').iterations * (REPEATS + 1));
}, 60_000);

test('fallback null-syscall: each process.ppid read is a real getppid', () => {
  const { results, calls } = underStrace('null-syscall', ['getppid'], [process.execPath, '-e', fallbackSource('null-syscall', REPEATS, 1)]);
  expect(calls.get('getppid') ?? 0).toBeGreaterThanOrEqual(timing(results, 'getppid').iterations * (REPEATS + 1));
}, 60_000);
