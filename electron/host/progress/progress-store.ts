// Per-lab progress with debounced, crash-safe saves. A corrupt file is moved
// aside (never deleted, never fatal) and the lab loads from the `.bak` kept by
// the previous save, so a student never opens a lab to find it empty because
// of one bad write.

import { mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { writeFileAtomic } from './atomic-write.js';
import { backupFile, progressFile } from './progress-paths.js';
import { readProgressFile } from './progress-read.js';
import { emptyProgress } from './progress-types.js';
import type { LabProgress } from './progress-types.js';

export interface ProgressStoreOptions {
  /** Quiet time before a save is written; later saves within it replace earlier ones. */
  debounceMs?: number;
  /** Where repair notices go (the host forwards them to the UI). */
  log?: (message: string) => void;
}

export interface LoadedProgress {
  progress: LabProgress;
  /** 'pending': a save not yet written (still in its debounce window). */
  source: 'file' | 'backup' | 'new' | 'pending';
  /** Set when something was repaired; shown to the student. */
  notice: string | null;
}

interface Pending {
  timer: ReturnType<typeof setTimeout> | null;
  state: LabProgress | null;
  chain: Promise<void>;
}

export class ProgressStore {
  private readonly debounceMs: number;
  private readonly log: (message: string) => void;
  private readonly pending = new Map<string, Pending>();
  private readonly knownGood = new Set<string>();
  /** Files written so far (for tests and diagnostics). */
  writes = 0;

  constructor(
    private readonly userDataDir: string,
    opts: ProgressStoreOptions = {},
  ) {
    this.debounceMs = opts.debounceMs ?? 500;
    this.log = opts.log ?? (() => undefined);
  }

  fileFor(packId: string, labId: string): string {
    return progressFile(this.userDataDir, packId, labId);
  }

  async load(packId: string, labId: string): Promise<LoadedProgress> {
    const file = this.fileFor(packId, labId);
    const waiting = this.pending.get(file);
    await waiting?.chain;
    // A save still inside its debounce window is newer than the file: a caller that
    // loads, changes one field and saves must start from it, or it would undo it.
    if (waiting?.state) return { progress: structuredClone(waiting.state), source: 'pending', notice: null };
    await removeStaleTemps(file);
    const main = await readProgressFile(file);
    if (main.kind === 'ok') {
      this.knownGood.add(file);
      return { progress: main.progress, source: 'file', notice: null };
    }
    let notice: string | null = null;
    if (main.kind === 'corrupt') {
      const aside = await moveAside(file);
      notice = `Saved progress for ${packId}/${labId} was damaged (${main.reason}); it was moved to ${basename(aside)}.`;
    }
    const bak = await readProgressFile(backupFile(file));
    if (bak.kind === 'ok') {
      // Put the backup back as the live file so the next save backs up a good version.
      await writeFileAtomic(file, JSON.stringify(bak.progress));
      this.knownGood.add(file);
      notice = `${notice ?? `Saved progress for ${packId}/${labId} was missing.`} Restored the previous save.`;
      this.log(notice);
      return { progress: bak.progress, source: 'backup', notice };
    }
    if (notice) {
      notice += ' No backup was available; starting this lab fresh.';
      this.log(notice);
    }
    return { progress: emptyProgress(), source: 'new', notice };
  }

  /**
   * The newest state of a lab for display: a save still waiting, else the file; null
   * when there is none or it cannot be read. Unlike load() it never repairs or moves files.
   */
  async peek(packId: string, labId: string): Promise<LabProgress | null> {
    const file = this.fileFor(packId, labId);
    const waiting = this.pending.get(file);
    if (waiting?.state) return structuredClone(waiting.state);
    const read = await readProgressFile(file);
    return read.kind === 'ok' ? read.progress : null;
  }

  /** Debounced save: the last state given within debounceMs is written. */
  save(packId: string, labId: string, progress: LabProgress): void {
    const file = this.fileFor(packId, labId);
    const p = this.entry(file);
    p.state = structuredClone(progress);
    if (p.timer) clearTimeout(p.timer);
    p.timer = setTimeout(() => {
      p.timer = null;
      this.writePending(file, p);
    }, this.debounceMs);
  }

  /** Writes now (and waits), replacing any pending debounced save for the lab. */
  async saveNow(packId: string, labId: string, progress: LabProgress): Promise<void> {
    const file = this.fileFor(packId, labId);
    const p = this.entry(file);
    if (p.timer) clearTimeout(p.timer);
    p.timer = null;
    p.state = structuredClone(progress);
    this.writePending(file, p);
    await p.chain;
  }

  /** Writes every pending save; call before quitting. */
  async flush(): Promise<void> {
    for (const [file, p] of this.pending) {
      if (p.timer) {
        clearTimeout(p.timer);
        p.timer = null;
        this.writePending(file, p);
      }
    }
    await Promise.all([...this.pending.values()].map((p) => p.chain));
  }

  private entry(file: string): Pending {
    let p = this.pending.get(file);
    if (!p) {
      p = { timer: null, state: null, chain: Promise.resolve() };
      this.pending.set(file, p);
    }
    return p;
  }

  // Writes are chained per file so two saves never race on the temp/backup names.
  private writePending(file: string, p: Pending): void {
    p.chain = p.chain
      .then(async () => {
        const state = p.state;
        if (!state) return;
        p.state = null;
        await mkdir(dirname(file), { recursive: true });
        const backup = this.knownGood.has(file) || (await readProgressFile(file)).kind === 'ok';
        await writeFileAtomic(file, JSON.stringify(state), { backup });
        this.knownGood.add(file);
        this.writes++;
      })
      .catch((e: unknown) => this.log(`Could not save progress to ${file}: ${(e as Error).message}`));
  }
}

/** Renames `<lab>.json` to the first free `<lab>.corrupt-<n>.json`. */
async function moveAside(file: string): Promise<string> {
  const base = file.replace(/\.json$/, '');
  for (let n = 1; ; n++) {
    const target = `${base}.corrupt-${n}.json`;
    try {
      await stat(target);
    } catch {
      await rename(file, target);
      return target;
    }
  }
}

/** Temp files left by a save that was killed before its rename (see atomic-write.ts). */
async function removeStaleTemps(file: string): Promise<void> {
  const dir = dirname(file);
  const base = basename(file);
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return;
  }
  for (const name of names) {
    const m = name.startsWith(`.${base}.tmp-`) || name.startsWith(`${base}.bak-tmp-`) ? /tmp-(\d+)/.exec(name) : null;
    if (!m) continue;
    const pid = Number(m[1]);
    // Leave our own and any live writer's temp alone; only a dead writer's is stale.
    if (pid === process.pid || isAlive(pid)) continue;
    await rm(join(dir, name), { force: true });
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
