// The experiments' state in the Probes view: the declared experiments and their
// parameters, the latest results of each (both halves), runs in flight with progress
// and cancel, and the machine's calibration.

import type { LabApi } from '../../../electron/common/client.js';
import type { CalibrationReport, ExperimentDef, ExperimentHalf, ExperimentId, ExperimentResult } from '../../../electron/common/experiment-types.js';
import type { ProbeRunRecord } from '../../../electron/common/types.js';

interface Running {
  runId: number;
  half: ExperimentHalf | null;
  done: number;
  total: number;
}

export class ExperimentsState {
  defs = $state<ExperimentDef[]>([]);
  /** experiment id → parameter name → value */
  params = $state<Record<string, Record<string, number>>>({});
  results = $state<Record<string, ExperimentResult[]>>({});
  running = $state<Record<string, Running>>({});
  error = $state<string | null>(null);
  calibration = $state<CalibrationReport | null>(null);
  calibrating = $state<Running | null>(null);
  calibrationError = $state<string | null>(null);
  private nextRunId = (Date.now() % 1_000_000_000) + 500_000_000;

  constructor(private readonly api: LabApi) {
    api.on('experiments.progress', (p) => {
      const r = this.running[p.id];
      if (r && r.runId === p.runId) this.running[p.id] = { ...r, half: p.half, done: p.done, total: p.total };
      if (this.calibrating && this.calibrating.runId === p.runId) this.calibrating = { ...this.calibrating, half: p.half, done: p.done, total: p.total };
    });
  }

  async load(): Promise<void> {
    try {
      this.defs = await this.api['experiments.list']();
      for (const d of this.defs) this.params[d.id] ??= Object.fromEntries(d.params.map((p) => [p.name, p.default]));
      this.calibration = await this.api['experiments.calibration']({});
    } catch (err) {
      this.error = (err as Error).message;
    }
  }

  def(id: string): ExperimentDef | undefined {
    return this.defs.find((d) => d.id === id);
  }

  /** The experiment whose native half is this probe. */
  forProbe(probe: string): ExperimentDef | undefined {
    return this.defs.find((d) => d.probe === probe);
  }

  async run(id: ExperimentId, halves: ExperimentHalf[], nativeFrom?: number): Promise<void> {
    const runId = ++this.nextRunId;
    this.running[id] = { runId, half: null, done: 0, total: 0 };
    this.error = null;
    try {
      const params = Object.entries(this.params[id] ?? {}).map(([name, value]) => ({ name, value }));
      const fresh = await this.api['experiments.run']({ id, runId, halves, params, ...(nativeFrom !== undefined ? { nativeFrom } : {}) });
      // Keep the other half of an earlier run, so one half can be rerun alone.
      const kept = (this.results[id] ?? []).filter((r) => !fresh.some((f) => f.half === r.half));
      this.results[id] = [...fresh, ...kept].sort((a, b) => a.half.localeCompare(b.half));
    } catch (err) {
      this.error = `${id}: ${(err as Error).message}`;
    } finally {
      delete this.running[id];
    }
  }

  /** "Compare with emulated": the stored probe run as the native half, the emulated half run now. */
  async compare(record: ProbeRunRecord): Promise<ExperimentId | null> {
    const def = this.forProbe(record.report.probe);
    if (!def) return null;
    await this.run(def.id, ['emulated', 'native'], record.runId);
    return def.id;
  }

  async cancel(id: string): Promise<void> {
    const r = this.running[id];
    if (r) await this.api['experiments.cancel']({ runId: r.runId });
  }

  async calibrate(): Promise<void> {
    const runId = ++this.nextRunId;
    this.calibrating = { runId, half: null, done: 0, total: 0 };
    this.calibrationError = null;
    try {
      this.calibration = await this.api['experiments.calibrate']({ runId });
    } catch (err) {
      this.calibrationError = (err as Error).message;
    } finally {
      this.calibrating = null;
    }
  }

  async cancelCalibration(): Promise<void> {
    if (this.calibrating) await this.api['experiments.cancel']({ runId: this.calibrating.runId });
  }

  async resetCalibration(): Promise<void> {
    try {
      this.calibration = await this.api['experiments.calibration']({ reset: true });
    } catch (err) {
      this.calibrationError = (err as Error).message;
    }
  }
}
