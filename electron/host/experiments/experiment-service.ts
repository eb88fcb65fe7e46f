// Runs experiments for the host services: either half or both, one run at a time per
// runId, with progress and cancel; and the calibration built on them. The emulator
// and the probes come in as functions, so tests run the same code in-process.

import { DEFAULT_COSTS, type CostTable } from '../../../core/cost/cost-table.js';
import type { CalibrationReport, ExperimentDef, ExperimentHalf, ExperimentId, ExperimentProgress, ExperimentResult } from '../../common/experiment-types.js';
import type { ProbeName, ProbeReport } from '../../common/probe-types.js';
import { buildCalibration, CALIBRATION_EXPERIMENTS, type CalibrationPair } from './calibration.js';
import { EMULATED, type HalfOutput } from './emulated-half.js';
import { EXPERIMENTS, experimentDef, resolveParams } from './experiment-defs.js';
import { NATIVE } from './native-half.js';
import { ExperimentCancelled, OpMeter, type Measure } from './op-meter.js';

export interface ExperimentDeps {
  measure: Measure;
  /** Run one native probe; abort through the signal. */
  probe: (name: ProbeName, signal: AbortSignal, onProgress: (done: number, total: number) => void) => Promise<ProbeReport>;
  /** The latest stored run of a probe, if any (calibration reuses it). */
  latestProbe: (name: ProbeName) => Promise<ProbeReport | null>;
  /** A stored probe run by its run id. */
  storedProbe: (runId: number) => Promise<ProbeReport | null>;
  /** The stored calibration, if any. */
  loadCalibration: () => Promise<CalibrationReport | null>;
  saveCalibration: (report: CalibrationReport | null) => Promise<void>;
  now: () => string;
}

export interface RunRequest {
  id: string;
  params: Record<string, number>;
  halves: ExperimentHalf[];
  /** Cost table of the emulated half; default: the calibrated one when there is one. */
  table?: 'default' | 'calibrated';
  /** Take the native half from this stored probe run instead of running the probe. */
  nativeFrom?: number;
}

type Progress = (p: Omit<ExperimentProgress, 'runId'>) => void;

export class ExperimentService {
  private readonly running = new Map<number, AbortController>();

  constructor(private readonly deps: ExperimentDeps) {}

  list(): ExperimentDef[] {
    return EXPERIMENTS.map((e) => structuredClone(e));
  }

  cancel(runId: number): boolean {
    const c = this.running.get(runId);
    c?.abort();
    return c !== undefined;
  }

  cancelAll(): void {
    for (const c of this.running.values()) c.abort();
  }

  private async table(choice: RunRequest['table']): Promise<{ table: CostTable; source: string }> {
    if (choice !== 'default') {
      const cal = await this.deps.loadCalibration();
      if (cal) return { table: { ...DEFAULT_COSTS, ...(cal.table as Partial<CostTable>) }, source: `calibrated ${cal.at}` };
      if (choice === 'calibrated') throw new Error('this machine has not been calibrated yet');
    }
    return { table: { ...DEFAULT_COSTS }, source: 'default' };
  }

  private async withRun<T>(runId: number, body: (signal: AbortSignal) => Promise<T>): Promise<T> {
    if (this.running.has(runId)) throw new Error(`experiment run ${runId} is already in progress`);
    const controller = new AbortController();
    this.running.set(runId, controller);
    try {
      return await body(controller.signal);
    } finally {
      this.running.delete(runId);
    }
  }

  async run(runId: number, req: RunRequest, onProgress: (p: ExperimentProgress) => void): Promise<ExperimentResult[]> {
    const def = experimentDef(req.id);
    if (!def) throw new Error(`there is no experiment named '${req.id}' (see experiments.list)`);
    const params = resolveParams(def, req.params);
    const halves = [...new Set(req.halves)];
    if (halves.length === 0) throw new Error('ask for at least one half: emulated, native or both');
    const emu = halves.includes('emulated') ? await this.table(req.table) : null;
    let stored: ProbeReport | undefined;
    if (req.nativeFrom !== undefined) {
      stored = (await this.deps.storedProbe(req.nativeFrom)) ?? undefined;
      if (!stored) throw new Error(`there is no stored probe run ${req.nativeFrom}`);
      if (stored.probe !== def.probe) throw new Error(`probe run ${req.nativeFrom} is ${stored.probe}, not ${def.probe} (the probe behind ${def.id})`);
    }
    return this.withRun(runId, async (signal) => {
      const out: ExperimentResult[] = [];
      for (const half of halves) {
        if (half === 'native' && stored) out.push(this.fromReport(def.id, params, stored));
        else out.push(await this.half(def.id, half, params, emu, signal, (p) => onProgress({ ...p, runId })));
      }
      return out;
    });
  }

  /** One half; `emu` is the emulated half's cost table and its label (null for a native-only run). */
  private async half(id: ExperimentId, half: ExperimentHalf, params: Record<string, number>, emu: { table: CostTable; source: string } | null, signal: AbortSignal, progress: Progress): Promise<ExperimentResult> {
    const base = { id, half, params };
    const source = half === 'emulated' ? (emu?.source ?? 'default') : '';
    try {
      if (half === 'emulated') {
        const impl = EMULATED[id];
        const meter = new OpMeter(this.deps.measure, emu?.table ?? { ...DEFAULT_COSTS }, impl.steps(params), (done, total) => progress({ id, half, done, total }), signal);
        return { ...base, source, ...(await impl.run(params, meter)) };
      }
      const def = experimentDef(id)!;
      const report = await this.deps.probe(def.probe, signal, (done, total) => progress({ id, half, done, total }));
      if (signal.aborted) throw new ExperimentCancelled();
      return this.fromReport(id, params, report);
    } catch (err) {
      if (err instanceof ExperimentCancelled || signal.aborted) return { ...base, source, series: [], notes: [], measured: [], error: 'cancelled' };
      return { ...base, source, series: [], notes: [], measured: [], error: err instanceof Error ? err.message : String(err) };
    }
  }

  /** The native half from a probe report (fresh or stored). */
  private fromReport(id: ExperimentId, params: Record<string, number>, report: ProbeReport): ExperimentResult {
    const base = { id, half: 'native' as const, params, source: report.kind };
    if (report.error) return { ...base, series: [], notes: [], measured: [], error: `${report.probe}: ${report.error}` };
    const output: HalfOutput = NATIVE[id](report, params);
    return { ...base, ...output };
  }

  calibration(): Promise<CalibrationReport | null> {
    return this.deps.loadCalibration();
  }

  async resetCalibration(): Promise<void> {
    await this.deps.saveCalibration(null);
  }

  /**
   * Fit the cost table to this machine. Native figures come from the latest stored
   * probe run when there is one (said in the notes), else the probe runs now; the
   * emulated half always runs with the default table, whose counts the fit scales.
   */
  async calibrate(runId: number, onProgress: (p: ExperimentProgress) => void): Promise<CalibrationReport> {
    return this.withRun(runId, async (signal) => {
      const pairs: CalibrationPair[] = [];
      const notes: string[] = [];
      for (const id of CALIBRATION_EXPERIMENTS) {
        const def = experimentDef(id)!;
        const params = resolveParams(def, {});
        const progress: Progress = (p) => onProgress({ ...p, runId });
        const emulated = await this.half(id, 'emulated', params, { table: { ...DEFAULT_COSTS }, source: 'default' }, signal, progress);
        const stored = await this.deps.latestProbe(def.probe);
        let native: ExperimentResult;
        if (stored && !stored.error) {
          native = this.fromReport(id, params, stored);
          notes.push(`${def.probe}: the latest stored probe run`);
        } else {
          native = await this.half(id, 'native', params, null, signal, progress);
          notes.push(`${def.probe}: measured now`);
        }
        if (signal.aborted) throw new Error('calibration cancelled');
        for (const r of [emulated, native]) if (r.error) notes.push(`${id} ${r.half}: ${r.error}`);
        pairs.push({ emulated, native });
      }
      const report = buildCalibration({ ...DEFAULT_COSTS }, pairs, this.deps.now(), notes);
      await this.deps.saveCalibration(report);
      return report;
    });
  }
}
