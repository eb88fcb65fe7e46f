// Ping-pong placement and halving; int $0x80 availability against the
// kernel's own configuration (/proc/config.gz, the boot command line).

import { existsSync, readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { gunzipSync } from 'node:zlib';
import { expect, test } from 'vitest';
import type { TimingResult, UnavailableResult } from '../../../../electron/common/probe-types.js';
import { runProbe } from '../../../../electron/host/probes/index.js';

const FAST = { repeats: 7, minRepeatMs: 2 };

for (const [probe, prefix] of [['pipe-pingpong', 'pipe'], ['futex-pingpong', 'futex']] as const) {
  test(`${probe}: per switch = round trip / 2, on one CPU and on two`, async () => {
    const report = await runProbe(probe, FAST);
    expect(report.error).toBeUndefined();
    const byOp = new Map(report.results.map((r) => [r.op, r]));
    const placements = cpus().length >= 2 ? ['same-cpu', 'two-cpus'] : ['same-cpu'];
    for (const where of placements) {
      const rt = byOp.get(`${prefix}-roundtrip:${where}`) as TimingResult | undefined;
      const sw = byOp.get(`${prefix}-switch:${where}`) as TimingResult | undefined;
      expect(rt?.median_ns).toBeGreaterThan(0);
      expect(sw?.median_ns).toBeCloseTo((rt?.median_ns ?? 0) / 2, 2);
      expect(sw?.note).toMatch(/round trip \/ 2/);
      // One party's CPU time is no round-trip figure: the probe leaves it out.
      expect(rt).not.toHaveProperty('cpu_median_ns');
    }
  }, 60_000);
}

/** What the running kernel says about IA32 emulation, or null when it does not say. */
function ia32Enabled(): boolean | null {
  if (process.arch !== 'x64') return false;
  if (!existsSync('/proc/config.gz')) return null;
  const config = gunzipSync(readFileSync('/proc/config.gz')).toString('utf8');
  if (!/^CONFIG_IA32_EMULATION=y$/m.test(config)) return false;
  const cmdline = readFileSync('/proc/cmdline', 'utf8');
  const flag = /\bia32_emulation=(\S+)/.exec(cmdline)?.[1];
  if (flag !== undefined) return flag === '1' || flag === 'true' || flag === 'y';
  return !/^CONFIG_IA32_EMULATION_DEFAULT_DISABLED=y$/m.test(config);
}

test('int80: timed when the kernel has IA32 emulation, explained when not', async () => {
  const report = await runProbe('int80', FAST);
  expect(report.error).toBeUndefined();
  const entry = report.results.find((r) => r.op === 'getpid:int80');
  const enabled = ia32Enabled();
  if (enabled === true) expect((entry as TimingResult).median_ns).toBeGreaterThan(0);
  if (enabled === false) expect((entry as UnavailableResult).unavailable).toMatch(/not available/);
  if (process.arch === 'x64') expect(report.results.find((r) => r.op === 'getpid:syscall')).toHaveProperty('median_ns');
}, 60_000);
