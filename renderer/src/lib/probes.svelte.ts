// The Probes view's state: the host's facts, the probe list, runs in flight with
// their progress, and the persisted history of finished runs.

import type { LabApi } from '../../../electron/common/client.js';
import type { HostFacts, ProbeInfo } from '../../../electron/common/probe-types.js';
import type { ProbeRunRecord } from '../../../electron/common/types.js';

export class ProbesState {
  probes = $state<ProbeInfo[]>([]);
  facts = $state<HostFacts | null>(null);
  history = $state<ProbeRunRecord[]>([]);
  selected = $state<ProbeRunRecord | null>(null);
  /** probe name → run in flight */
  running = $state<Record<string, { runId: number; done: number; total: number }>>({});
  error = $state<string | null>(null);
  private nextRunId = Date.now() % 1_000_000_000;

  constructor(private readonly api: LabApi) {
    api.on('probes.progress', (p) => {
      const r = this.running[p.probe];
      if (r && r.runId === p.runId) this.running[p.probe] = { ...r, done: p.done, total: p.total };
    });
  }

  async load(): Promise<void> {
    try {
      [this.probes, this.history] = await Promise.all([this.api['probes.list'](), this.api['probes.history']()]);
      this.selected = this.history[0] ?? null;
      this.facts = await this.api['probes.hostFacts']();
    } catch (err) {
      this.error = (err as Error).message;
    }
  }

  async run(name: string): Promise<void> {
    const runId = ++this.nextRunId;
    this.running[name] = { runId, done: 0, total: 0 };
    this.error = null;
    try {
      const record = await this.api['probes.run']({ name, runId });
      this.history = [record, ...this.history.filter((h) => h.runId !== record.runId)].slice(0, 50);
      this.selected = record;
    } catch (err) {
      this.error = `${name}: ${(err as Error).message}`;
    } finally {
      delete this.running[name];
    }
  }

  async cancel(name: string): Promise<void> {
    const r = this.running[name];
    if (r) await this.api['probes.cancel']({ runId: r.runId });
  }
}
