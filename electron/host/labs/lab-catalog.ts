// The labs the app lists: the built-in pack plus installed ones, loaded through the
// validating pack loader and instantiated for this student's seed (parameters drawn,
// Markdown rendered and sanitised on the host).

import { instantiateLab } from '../packs/lab-instance.js';
import { substituteText } from '../packs/params.js';
import { listInstalledPacks, openPack, type OpenedPack } from '../packs/pack-store.js';
import type { LabDetail, LabSummary } from '../../common/types.js';

export interface CatalogOptions {
  builtinDirs: string[];
  userDataDir: string;
  appVersion: string;
  /** The student's seed for parameterised labs. */
  seed: () => Promise<string>;
}

export class LabCatalog {
  private cache: OpenedPack[] | null = null;
  /** Packs that failed to load, with why (shown instead of silently dropping them). */
  problems: string[] = [];

  constructor(private readonly options: CatalogOptions) {}

  /** Forget loaded packs (after an import). */
  invalidate(): void {
    this.cache = null;
  }

  private async packs(): Promise<OpenedPack[]> {
    if (this.cache) return this.cache;
    const dirs = [...this.options.builtinDirs, ...(await listInstalledPacks(this.options.userDataDir)).map((p) => p.dir)];
    const packs: OpenedPack[] = [];
    this.problems = [];
    for (const dir of dirs) {
      try {
        packs.push(await openPack(dir, { appVersion: this.options.appVersion }));
      } catch (err) {
        this.problems.push(`${dir}: ${(err as Error).message}`);
      }
    }
    this.cache = packs;
    return packs;
  }

  async list(): Promise<LabSummary[]> {
    const out: LabSummary[] = [];
    for (const { pack } of await this.packs()) {
      for (const lab of pack.labs) {
        out.push({
          packId: pack.manifest.id,
          labId: lab.id,
          title: lab.def.title,
          topic: lab.def.topic,
          architectures: lab.def.architectures,
          mode: lab.def.mode,
          estimatedMinutes: lab.def.estimatedMinutes,
          status: lab.def.status ?? 'ready',
          progress: { stepsDone: 0, steps: lab.def.steps.length, score: null },
        });
      }
    }
    return out;
  }

  /** The loaded pack holding `packId` (for grading). */
  async pack(packId: string): Promise<OpenedPack | undefined> {
    return (await this.packs()).find((p) => p.pack.manifest.id === packId);
  }

  seed(): Promise<string> {
    return this.options.seed();
  }

  async get(packId: string, labId: string): Promise<LabDetail | undefined> {
    for (const { pack, files } of await this.packs()) {
      if (pack.manifest.id !== packId) continue;
      const lab = pack.labs.find((l) => l.id === labId);
      if (!lab) return undefined;
      const inst = instantiateLab(files, lab, await this.options.seed());
      return {
        packId,
        labId,
        packTitle: pack.manifest.title,
        title: lab.def.title,
        topic: lab.def.topic,
        architectures: lab.def.architectures,
        mode: lab.def.mode,
        estimatedMinutes: lab.def.estimatedMinutes,
        status: lab.def.status ?? 'ready',
        steps: inst.steps.map((s) => ({ id: s.id, title: s.title, html: s.html })),
        hints: inst.hints.map((h) => ({ step: h.step, html: h.html })),
        starters: inst.starters,
        checks: lab.def.checks.map((c) => ({ id: c.id, title: substituteText(c.title, inst.params), points: c.points, ...(c.arch !== undefined ? { arch: c.arch } : {}) })),
      };
    }
    return undefined;
  }
}
