// The experiments block of the contract through HostServices.dispatch: the emulated
// half really runs in the core worker and agrees with the in-process measurement,
// progress arrives as events, and bad requests are refused with reasons.

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ExperimentDef, ExperimentProgress, ExperimentResult } from '../../../../electron/common/experiment-types.js';
import { nullSyscall } from '../../../../electron/host/experiments/guest-programs.js';
import { measureProgram } from '../../../../electron/host/experiments/measure-program.js';
import { DEFAULT_COSTS } from '../../../../core/cost/cost-table.js';
import { HostServices } from '../../../../electron/host/services.js';

const services = new HostServices({ userDataDir: mkdtempSync(join(tmpdir(), 'syscall-lab-experiments-')), transport: 'web' });
afterAll(() => services.close());

describe('experiments over the contract', () => {
  it('lists every experiment with its parameters, series and probe', async () => {
    const reply = await services.dispatch('experiments.list', {});
    expect(reply.ok).toBe(true);
    const defs = (reply as { ok: true; value: ExperimentDef[] }).value;
    expect(defs.map((d) => d.id)).toEqual(['read-sweep', 'null-syscall', 'vdso-clock', 'int80', 'context-switch', 'page-fault']);
    for (const d of defs) {
      expect(d.series.length).toBeGreaterThan(0);
      for (const c of d.charts) for (const k of [...c.series, ...(c.y2 ?? [])]) expect(d.series.map((s) => s.key)).toContain(k);
      for (const p of d.params) expect(p.min <= p.default && p.default <= p.max).toBe(true);
    }
  });

  it('runs the emulated half in the worker: same figure as in-process, with progress events', async () => {
    const progress: ExperimentProgress[] = [];
    const off = services.on((event, payload) => {
      if (event === 'experiments.progress') progress.push(payload as ExperimentProgress);
    });
    const reply = await services.dispatch('experiments.run', { id: 'null-syscall', runId: 11, halves: ['emulated'], params: [{ name: 'iterations', value: 40 }] });
    off();
    expect(reply.ok).toBe(true);
    const [r] = (reply as { ok: true; value: ExperimentResult[] }).value;
    const a = measureProgram({ name: 'a', source: nullSyscall(40), costs: { ...DEFAULT_COSTS } }, 1e7);
    const b = measureProgram({ name: 'b', source: nullSyscall(80), costs: { ...DEFAULT_COSTS } }, 1e7);
    const expected = ((b.totalCycles - a.totalCycles) / 40 - 2 * DEFAULT_COSTS.instruction) / DEFAULT_COSTS.cyclesPerNs;
    expect(r!.measured).toEqual([{ op: 'getppid', ns: expected }]);
    expect(progress.map((p) => [p.runId, p.id, p.half, p.done, p.total])).toEqual([
      [11, 'null-syscall', 'emulated', 1, 2],
      [11, 'null-syscall', 'emulated', 2, 2],
    ]);
  });

  it('refuses unknown experiments, parameters out of range, and a missing half', async () => {
    const cases: [unknown, RegExp][] = [
      [{ id: 'no-such', runId: 1, halves: ['emulated'] }, /no experiment named 'no-such'/],
      [{ id: 'page-fault', runId: 1, halves: ['emulated'], params: [{ name: 'maxPages', value: 5000 }] }, /maxPages must be an integer between 1 and 1024/],
      [{ id: 'page-fault', runId: 1, halves: [] }, /at least one half/],
      [{ id: 'page-fault', runId: 1, halves: ['native'], nativeFrom: 99 }, /no stored probe run 99/],
    ];
    for (const [args, message] of cases) {
      const reply = await services.dispatch('experiments.run', args);
      expect(reply).toMatchObject({ ok: false, error: { code: 'bad-args', message: expect.stringMatching(message) } });
    }
    expect(await services.dispatch('experiments.cancel', { runId: 12345 })).toEqual({ ok: true, value: { cancelled: false } });
  });

  it('no calibration until one is made; reset clears it', async () => {
    expect(await services.dispatch('experiments.calibration', {})).toEqual({ ok: true, value: null });
    expect(await services.dispatch('experiments.calibration', { reset: true })).toEqual({ ok: true, value: null });
    const r = await services.dispatch('experiments.run', { id: 'null-syscall', runId: 2, halves: ['emulated'], table: 'calibrated' });
    expect(r).toMatchObject({ ok: false, error: { code: 'bad-args', message: expect.stringMatching(/has not been calibrated yet/) } });
  });
});
