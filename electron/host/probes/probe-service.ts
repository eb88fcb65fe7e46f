// The Probes view's host side: runs probes (one at a time, cancellable), forwards
// progress, and keeps a persisted history of the last runs in the user data folder.

import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { HostFacts, ProbeInfo, ProbeProgress } from '../../common/probe-types.js';
import type { ProbeRunRecord } from '../../common/types.js';
import { writeFileAtomic } from '../progress/atomic-write.js';
import { hostFacts, isProbeName, listProbes, runProbe } from './index.js';

const HISTORY_LIMIT = 50;

export class ProbeService {
  private readonly running = new Map<number, AbortController>();
  private facts: HostFacts | null = null;

  constructor(private readonly userDataDir: string) {}

  list(): ProbeInfo[] {
    return listProbes();
  }

  async hostFacts(): Promise<HostFacts> {
    this.facts ??= await hostFacts();
    return this.facts;
  }

  private historyPath(): string {
    return join(this.userDataDir, 'probe-history.json');
  }

  async history(): Promise<ProbeRunRecord[]> {
    try {
      const parsed: unknown = JSON.parse(await readFile(this.historyPath(), 'utf8'));
      return Array.isArray(parsed) ? (parsed as ProbeRunRecord[]) : [];
    } catch {
      return [];
    }
  }

  async run(name: string, runId: number, timeoutMs: number | undefined, onProgress: (p: ProbeProgress) => void): Promise<ProbeRunRecord> {
    if (!isProbeName(name)) throw new Error(`there is no probe named '${name}'`);
    if (this.running.has(runId)) throw new Error(`probe run ${runId} is already in progress`);
    const controller = new AbortController();
    this.running.set(runId, controller);
    try {
      const report = await runProbe(name, { signal: controller.signal, ...(timeoutMs ? { timeoutMs } : {}), onProgress });
      const record: ProbeRunRecord = { runId, at: new Date().toISOString(), report };
      const history = [record, ...(await this.history())].slice(0, HISTORY_LIMIT);
      await mkdir(this.userDataDir, { recursive: true });
      await writeFileAtomic(this.historyPath(), JSON.stringify(history), { backup: true });
      return record;
    } finally {
      this.running.delete(runId);
    }
  }

  cancel(runId: number): boolean {
    const c = this.running.get(runId);
    c?.abort();
    return c !== undefined;
  }

  cancelAll(): void {
    for (const c of this.running.values()) c.abort();
  }
}
