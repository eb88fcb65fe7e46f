// Instructor export: every lab's saved progress for one pack as one JSON document.
// Read-only: damaged files are reported by falling back to their backup, not repaired.

import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { backupFile, packProgressDir } from './progress-paths.js';
import { readProgressFile } from './progress-read.js';
import type { LabProgress } from './progress-types.js';

export interface ProgressExport {
  format: 'syscall-lab-progress';
  version: 1;
  packId: string;
  /** The student's seed: `pack grade --seed` with it regrades their own variant. */
  seed?: string;
  appVersion?: string;
  labs: Record<string, LabProgress & { recoveredFromBackup?: true }>;
  unreadable: string[];
}

export interface ExportExtras {
  seed?: string | undefined;
  appVersion?: string | undefined;
}

export async function collectProgress(userDataDir: string, packId: string, extras: ExportExtras = {}): Promise<ProgressExport> {
  const dir = packProgressDir(userDataDir, packId);
  const out: ProgressExport = { format: 'syscall-lab-progress', version: 1, packId, labs: {}, unreadable: [] };
  if (extras.seed !== undefined) out.seed = extras.seed;
  if (extras.appVersion !== undefined) out.appVersion = extras.appVersion;
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return out;
    throw e;
  }
  const labIds = new Set<string>();
  for (const name of names) {
    const m = /^([a-z0-9][a-z0-9.-]*?)\.json(\.bak)?$/.exec(name);
    if (m && m[1] !== undefined && !m[1].includes('.corrupt-')) labIds.add(m[1]);
  }
  for (const labId of [...labIds].sort()) {
    const file = join(dir, `${labId}.json`);
    const main = await readProgressFile(file);
    if (main.kind === 'ok') {
      out.labs[labId] = main.progress;
      continue;
    }
    const bak = await readProgressFile(backupFile(file));
    if (bak.kind === 'ok') out.labs[labId] = { ...bak.progress, recoveredFromBackup: true };
    else out.unreadable.push(labId);
  }
  return out;
}

export async function exportProgress(userDataDir: string, packId: string, extras: ExportExtras = {}): Promise<string> {
  return `${JSON.stringify(await collectProgress(userDataDir, packId, extras), null, 2)}\n`;
}
