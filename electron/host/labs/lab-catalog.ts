// Reads lab packs from disk into the summaries the renderer lists. The full format,
// validation and import live in electron/host/packs/; this is the read-only view.

import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'yaml';
import type { LabDetail, LabSummary } from '../../common/types.js';

interface RawLab {
  title?: unknown;
  topic?: unknown;
  architectures?: unknown;
  mode?: unknown;
  status?: unknown;
  estimatedMinutes?: unknown;
  steps?: unknown;
}

const asString = (v: unknown, fallback: string) => (typeof v === 'string' ? v : fallback);

async function readPackLabs(packDir: string): Promise<LabDetail[]> {
  const pack = parse(await readFile(join(packDir, 'labpack.yaml'), 'utf8')) as { id?: unknown; title?: unknown };
  const packId = asString(pack.id, 'unknown');
  const packTitle = asString(pack.title, packId);
  const labsDir = join(packDir, 'labs');
  const labIds = (await readdir(labsDir, { withFileTypes: true })).filter((d) => d.isDirectory()).map((d) => d.name).sort();
  const labs: LabDetail[] = [];
  for (const labId of labIds) {
    const raw = parse(await readFile(join(labsDir, labId, 'lab.yaml'), 'utf8')) as RawLab;
    const steps = Array.isArray(raw.steps) ? (raw.steps as Record<string, unknown>[]) : [];
    labs.push({
      packId,
      labId,
      packTitle,
      title: asString(raw.title, labId),
      topic: asString(raw.topic, ''),
      architectures: Array.isArray(raw.architectures) ? raw.architectures.map(String) : [],
      mode: raw.mode === 'native' || raw.mode === 'mixed' ? raw.mode : 'emulated',
      estimatedMinutes: typeof raw.estimatedMinutes === 'number' ? raw.estimatedMinutes : 0,
      status: raw.status === 'coming-soon' ? 'coming-soon' : 'ready',
      steps: steps.map((s, i) => ({ id: asString(s.id, `step-${i + 1}`), title: asString(s.title, `Step ${i + 1}`), body: asString(s.body, '') })),
    });
  }
  return labs;
}

export class LabCatalog {
  constructor(private readonly packDirs: string[]) {}

  async all(): Promise<LabDetail[]> {
    const out: LabDetail[] = [];
    for (const dir of this.packDirs) out.push(...(await readPackLabs(dir)));
    return out;
  }

  async list(): Promise<LabSummary[]> {
    return (await this.all()).map(({ steps: _steps, packTitle: _packTitle, ...summary }) => summary);
  }

  async get(packId: string, labId: string): Promise<LabDetail | undefined> {
    return (await this.all()).find((l) => l.packId === packId && l.labId === labId);
  }
}
