// Both halves of every experiment return the declared shape; the emulated half's
// figures follow from the cost table (change a row, the prediction moves by
// count × change); calibration fits the table to this host's real probe results.
// The emulator runs in-process (measureProgram, the worker's own code) and the
// native half runs the real C probes, with few repeats to keep the test short.

import { describe, expect, it } from 'vitest';
import { DEFAULT_COSTS } from '../../../../core/cost/cost-table.js';
import type { CalibrationReport, ExperimentResult } from '../../../../electron/common/experiment-types.js';
import { EXPERIMENTS } from '../../../../electron/host/experiments/experiment-defs.js';
import { ExperimentService, type ExperimentDeps } from '../../../../electron/host/experiments/experiment-service.js';
import { measureProgram } from '../../../../electron/host/experiments/measure-program.js';
import { runProbe } from '../../../../electron/host/probes/index.js';

function service(overrides: Partial<ExperimentDeps> = {}): { svc: ExperimentService; saved: { report: CalibrationReport | null } } {
  const saved: { report: CalibrationReport | null } = { report: null };
  const svc = new ExperimentService({
    measure: async (req) => measureProgram(req, 50_000_000),
    probe: (name, signal, onProgress) => runProbe(name, { signal, repeats: 7, minRepeatMs: 2, onProgress: (p) => onProgress(p.done, p.total) }),
    latestProbe: async () => null,
    storedProbe: async () => null,
    loadCalibration: async () => saved.report,
    saveCalibration: async (r) => {
      saved.report = r;
    },
    now: () => '2026-01-01T00:00:00.000Z',
    ...overrides,
  });
  return { svc, saved };
}

function expectDeclaredShape(r: ExperimentResult): void {
  const def = EXPERIMENTS.find((d) => d.id === r.id)!;
  expect(r.error).toBeUndefined();
  expect(r.series.map((s) => s.key)).toEqual(def.series.map((s) => s.key));
  for (const s of r.series) {
    const spec = def.series.find((d) => d.key === s.key)!;
    expect(s).toMatchObject({ half: r.half, xUnit: spec.xUnit, yUnit: spec.yUnit });
    for (const p of s.points) {
      expect(Number.isFinite(p.y)).toBe(true);
      expect(typeof p.x === 'number' || typeof p.x === 'string').toBe(true);
    }
  }
  expect(r.series.some((s) => s.points.length > 0)).toBe(true);
}

describe('experiments: both halves, declared shape', () => {
  for (const def of EXPERIMENTS) {
    it(`${def.id}: emulated and native results carry the declared series`, async () => {
      const { svc } = service();
      const progress: number[] = [];
      const results = await svc.run(1, { id: def.id, params: {}, halves: ['emulated', 'native'] }, (p) => progress.push(p.done));
      expect(results.map((r) => r.half)).toEqual(['emulated', 'native']);
      for (const r of results) expectDeclaredShape(r);
      expect(results[0]!.source).toBe('default');
      expect(results[0]!.operations?.length).toBeGreaterThan(0);
      // Both halves name their measured operations alike, so they pair up.
      const nativeOps = new Set(results[1]!.measured.map((m) => m.op));
      expect(results[0]!.measured.some((m) => nativeOps.has(m.op))).toBe(true);
      expect(progress.length).toBeGreaterThan(0);
    }, 120_000);
  }
});

describe('emulated half follows the cost table', () => {
  it('null-syscall: one getppid costs its rows; +100 cycles of mode-switch entry adds 100/cyclesPerNs ns', async () => {
    const base = service();
    const [def] = await base.svc.run(1, { id: 'null-syscall', params: { iterations: 50 }, halves: ['emulated'] }, () => {});
    const counts = def!.operations![0]!.counts;
    expect(counts.modeSwitchEntry).toBe(1);
    expect(counts.modeSwitchExit).toBe(1);
    expect(counts.dispatch).toBe(1);
    const rows = counts.instructions! * DEFAULT_COSTS.instruction + DEFAULT_COSTS.modeSwitchEntry + DEFAULT_COSTS.modeSwitchExit + DEFAULT_COSTS.dispatch + DEFAULT_COSTS.kernelCacheMisses;
    expect(def!.measured[0]!.ns).toBeCloseTo(rows / DEFAULT_COSTS.cyclesPerNs, 6);

    const changed = service();
    changed.saved.report = { at: 'test', table: { ...DEFAULT_COSTS, modeSwitchEntry: DEFAULT_COSTS.modeSwitchEntry + 100, cyclesPerNs: 2 }, fit: { cyclesPerNs: 2, scales: {} }, rows: [], notes: [] };
    const [cal] = await changed.svc.run(2, { id: 'null-syscall', params: { iterations: 50 }, halves: ['emulated'], table: 'calibrated' }, () => {});
    expect(cal!.source).toBe('calibrated test');
    expect(cal!.measured[0]!.ns).toBeCloseTo((rows + 100) / 2, 6);
  });

  it('vdso-clock: the vDSO call makes no mode switch; the syscall adds exactly the clockRead row', async () => {
    const { svc } = service();
    const [r] = await svc.run(1, { id: 'vdso-clock', params: {}, halves: ['emulated'] }, () => {});
    const by = new Map(r!.operations!.map((o) => [o.op, o.counts]));
    expect(by.get('clock_gettime:vdso')?.modeSwitchEntry ?? 0).toBe(0);
    expect(by.get('clock_gettime:syscall')?.clockRead).toBe(1);
    const ns = new Map(r!.measured.map((m) => [m.op, m.ns]));
    expect(ns.get('clock_gettime:syscall')!).toBeGreaterThan(5 * ns.get('clock_gettime:vdso')!);
  });

  it('context-switch: the breakdown rows add up to the per-switch figure', async () => {
    const { svc } = service();
    const [r] = await svc.run(1, { id: 'context-switch', params: { iterations: 20 }, halves: ['emulated'] }, () => {});
    const perSwitch = r!.series.find((s) => s.key === 'ns-per-switch')!.points[0]!.y;
    const breakdown = r!.series.find((s) => s.key === 'switch-breakdown')!.points;
    expect(breakdown.map((p) => p.x)).toEqual(expect.arrayContaining(['contextSwitchRegisters', 'schedule', 'cr3Switch', 'contextSwitchCache']));
    expect(breakdown.reduce((s, p) => s + p.y, 0)).toBeCloseTo(perSwitch, 6);
    expect(breakdown.find((p) => p.x === 'schedule')!.y).toBeCloseTo(DEFAULT_COSTS.schedule / DEFAULT_COSTS.cyclesPerNs, 6);
  });

  it('page-fault: one fault per page touched, and the read sweep reports one read() per call', async () => {
    const { svc } = service();
    const [pf] = await svc.run(1, { id: 'page-fault', params: { maxPages: 64 }, halves: ['emulated'] }, () => {});
    const faults = pf!.series.find((s) => s.key === 'faults-per-run')!.points;
    expect(faults).toEqual([1, 4, 16, 64].map((x) => ({ x, y: x })));
    expect(pf!.series.find((s) => s.key === 'tlb-misses-per-run')!.points.every((p) => p.y >= (p.x as number))).toBe(true);
    const [rs] = await svc.run(2, { id: 'read-sweep', params: { minBytes: 1, maxBytes: 4096 }, halves: ['emulated'] }, () => {});
    const perMib = rs!.series.find((s) => s.key === 'syscalls-per-mib')!.points;
    expect(perMib).toHaveLength(13);
    for (const p of perMib) expect(p.y).toBeCloseTo((1 << 20) / (p.x as number), 6);
  });

  it('read-sweep: a call costs more with each doubling (the copy), a byte less (the crossing amortised); +k on copyByte adds size × k cycles', async () => {
    const { svc, saved } = service();
    const params = { minBytes: 1, maxBytes: 65536 };
    const [rs] = await svc.run(1, { id: 'read-sweep', params, halves: ['emulated'] }, () => {});
    const perCall = rs!.series.find((s) => s.key === 'ns-per-call')!.points;
    const perByte = rs!.series.find((s) => s.key === 'ns-per-byte')!.points;
    expect(perCall.map((p) => p.x)).toEqual(Array.from({ length: 17 }, (_, i) => 2 ** i));
    for (let i = 1; i < perCall.length; i++) {
      expect(perCall[i]!.y).toBeGreaterThan(perCall[i - 1]!.y);
      expect(perByte[i]!.y).toBeLessThan(perByte[i - 1]!.y);
    }
    // Each read copies exactly its buffer: the bytes, not a guess, are what the row prices.
    for (const o of rs!.operations!) expect(o.counts.copyByte).toBe(Number(o.op.slice('read:'.length)));
    const k = 0.5;
    saved.report = { at: 'test', table: { ...DEFAULT_COSTS, copyByte: DEFAULT_COSTS.copyByte + k }, fit: { cyclesPerNs: DEFAULT_COSTS.cyclesPerNs, scales: {} }, rows: [], notes: [] };
    const [dearer] = await svc.run(2, { id: 'read-sweep', params, halves: ['emulated'], table: 'calibrated' }, () => {});
    const dearerPerCall = dearer!.series.find((s) => s.key === 'ns-per-call')!.points;
    dearerPerCall.forEach((p, i) => expect(p.y - perCall[i]!.y).toBeCloseTo(((p.x as number) * k) / DEFAULT_COSTS.cyclesPerNs, 6));
  }, 120_000);

  it('refuses unknown experiments and parameters out of range, naming them', async () => {
    const { svc } = service();
    await expect(svc.run(1, { id: 'nope', params: {}, halves: ['emulated'] }, () => {})).rejects.toThrow(/no experiment named 'nope'/);
    await expect(svc.run(1, { id: 'read-sweep', params: { maxBytes: 1 << 24 }, halves: ['emulated'] }, () => {})).rejects.toThrow(/maxBytes must be an integer between 1 and 1048576/);
    await expect(svc.run(1, { id: 'null-syscall', params: { bogus: 1 }, halves: ['emulated'] }, () => {})).rejects.toThrow(/no parameter 'bogus'/);
  });

  it('cancel stops a run between measurements', async () => {
    const { svc } = service();
    const pending = svc.run(7, { id: 'read-sweep', params: {}, halves: ['emulated'] }, (p) => {
      if (p.done === 1) svc.cancel(7);
    });
    const [r] = await pending;
    expect(r!.error).toBe('cancelled');
    expect(svc.cancel(7)).toBe(false);
  });

  it('cancel stops the native half mid-probe and returns no series', async () => {
    const { svc } = service();
    const [r] = await svc.run(8, { id: 'read-sweep', params: {}, halves: ['native'] }, (p) => {
      if (p.done >= 1) svc.cancel(8);
    });
    expect(r!.error).toBe('cancelled');
    expect(r!.series).toEqual([]);
  }, 60_000);
});

describe('compare a stored probe run with the emulated half', () => {
  it('takes the native half from the stored run, and refuses a run of another probe', async () => {
    const stored = await runProbe('null-syscall', { repeats: 7, minRepeatMs: 2 });
    const { svc } = service({ storedProbe: async (id) => (id === 42 ? stored : null) });
    const [emu, nat] = await svc.run(1, { id: 'null-syscall', params: {}, halves: ['emulated', 'native'], nativeFrom: 42 }, () => {});
    expect(emu!.half).toBe('emulated');
    const getppid = stored.results.find((r) => r.op === 'getppid');
    expect(nat!.measured).toEqual([{ op: 'getppid', ns: getppid && 'median_ns' in getppid ? getppid.median_ns : NaN }]);
    await expect(svc.run(2, { id: 'vdso-clock', params: {}, halves: ['native'], nativeFrom: 42 }, () => {})).rejects.toThrow(/is null-syscall, not vdso-clock/);
    await expect(svc.run(3, { id: 'null-syscall', params: {}, halves: ['native'], nativeFrom: 7 }, () => {})).rejects.toThrow(/no stored probe run 7/);
  }, 60_000);
});

describe('calibration against this host', () => {
  it('fits the table to the real probes and reports prediction against measurement per op', async () => {
    const { svc, saved } = service();
    const report = await svc.calibrate(1, () => {});
    expect(saved.report).toBe(report);
    const ops = report.rows.map((r) => r.op);
    expect(ops).toEqual(expect.arrayContaining(['getppid', 'clock_gettime:vdso', 'clock_gettime:syscall', 'pipe-switch:same-cpu', 'page-fault:anon-write']));
    for (const row of report.rows) {
      expect(row.measuredNs).toBeGreaterThan(0);
      expect(row.errorPct).toBeCloseTo(((row.calibratedNs - row.measuredNs) / row.measuredNs) * 100, 9);
    }
    // Fitted on this machine, the fitted rows are predicted no worse overall than by the default table.
    const fitted = report.rows.filter((r) => r.fitted);
    const sq = (k: 'errorPct' | 'defaultErrorPct') => fitted.reduce((s, r) => s + r[k] ** 2, 0);
    expect(sq('errorPct')).toBeLessThanOrEqual(sq('defaultErrorPct') + 1e-6);
    expect(report.rows.some((r) => !r.fitted && r.experiment === 'read-sweep')).toBe(true);
    expect(report.fit.cyclesPerNs).toBeGreaterThan(0);
  }, 240_000);
});
