// The built-in pack "The boundary": it validates with the real loader, every lab's
// reference solution earns full marks on the emulator for two seeds, and every
// unmodified x86-64 starter earns less (so each lab's checks can fail).
// Solutions are templates: `{{params.NAME}}` is filled with the seed's draw, as a
// student's own program would be written for their variant.

import { beforeAll, describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { readPackDir } from '../../../electron/host/packs/pack-files.js';
import type { PackFiles } from '../../../electron/host/packs/pack-files.js';
import { loadPack } from '../../../electron/host/packs/pack-load.js';
import { formatIssue } from '../../../electron/host/packs/pack-issue.js';
import { gradeSubmission } from '../../../electron/host/packs/grade.js';
import type { GradeResults } from '../../../electron/host/packs/grade.js';
import { instantiateLab } from '../../../electron/host/packs/lab-instance.js';
import { drawParams, substituteText } from '../../../electron/host/packs/params.js';
import type { LoadedPack } from '../../../electron/host/packs/pack-types.js';
import { createLabRunner } from '../../../electron/host/emulator/lab-runner.js';
import { appVersion } from '../../../electron/host/paths.js';

const PACK = fileURLToPath(new URL('../../../labs/boundary', import.meta.url));
const SOLUTIONS = fileURLToPath(new URL('../../fixtures/solutions/boundary/', import.meta.url));
const SEEDS = ['alice', 'bob'];
const runner = createLabRunner();

let files: PackFiles;
let pack: LoadedPack;

beforeAll(async () => {
  files = await readPackDir(PACK);
  const loaded = loadPack(files, { appVersion: appVersion() });
  if (!loaded.pack) throw new Error(loaded.issues.map(formatIssue).join('\n'));
  pack = loaded.pack;
});

function labIds(): string[] {
  return pack.labs.map((l) => l.id);
}

/** Points lost on checks that run the program (probe checks need a native run). */
function lostEmulated(pack: LoadedPack, labId: string, r: GradeResults): string[] {
  const lab = pack.labs.find((l) => l.id === labId);
  const probeTitles = new Set((lab?.def.checks ?? []).filter((c) => c.expect.probe !== undefined).map((c) => c.title));
  return r.tests.filter((t) => !probeTitles.has(t.name) && t.points < t.max_points).map((t) => `${t.name}: ${t.message}`);
}

describe('labs/boundary', () => {
  it('validates with no errors or warnings, with the labs in book order', () => {
    const loaded = loadPack(files, { appVersion: appVersion() });
    expect(loaded.issues.map(formatIssue)).toEqual([]);
    expect(pack.manifest.labs).toEqual(labIds().slice().sort((a, b) => (pack.manifest.labs ?? []).indexOf(a) - (pack.manifest.labs ?? []).indexOf(b)));
    expect(pack.labs).toHaveLength(14);
  });

  it('every lab is ready, has at least three steps, two checks and an x86-64 starter', () => {
    for (const lab of pack.labs) {
      expect(lab.def.status ?? 'ready', lab.id).toBe('ready');
      expect(lab.def.steps.length, lab.id).toBeGreaterThanOrEqual(3);
      expect(lab.def.checks.length, lab.id).toBeGreaterThanOrEqual(2);
      expect((lab.def.starters ?? []).some((s) => s.arch === 'x86_64'), lab.id).toBe(true);
    }
  });

  const ids = [
    'hello-kernel',
    'rings-and-faults',
    'crossing-the-boundary',
    'int80-vs-syscall',
    'syscall-table',
    'errno',
    'buffering',
    'fast-slow-eintr',
    'vdso',
    'address-space',
    'process-bootstrap',
    'context-switch',
    'cost-of-abstraction',
    'conventions',
  ];

  it.each(ids)('%s: the reference solution earns every emulated point for two seeds', async (labId) => {
    const lab = pack.labs.find((l) => l.id === labId);
    if (!lab) throw new Error(`no lab ${labId}`);
    const template = await readFile(`${SOLUTIONS}${labId}.s`, 'utf8');
    for (const seed of SEEDS) {
      const source = substituteText(template, drawParams(labId, lab.def, seed));
      const r = await gradeSubmission({ pack, labId, seed, runner, submission: { source, fileName: `${labId}.s`, arch: 'x86_64' } });
      expect(r.gradable).toBe(true);
      expect(lostEmulated(pack, labId, r), `seed ${seed}`).toEqual([]);
      // Check titles show the student's own parameters, never the raw placeholder.
      expect(r.tests.map((t) => t.name).filter((n) => n.includes('{{'))).toEqual([]);
    }
  }, 60_000);

  it.each(ids)('%s: the unmodified starter loses points', async (labId) => {
    const lab = pack.labs.find((l) => l.id === labId);
    if (!lab) throw new Error(`no lab ${labId}`);
    const seed = SEEDS[0] ?? 'alice';
    const starter = instantiateLab(files, lab, seed).starters.find((s) => s.arch === 'x86_64');
    if (!starter) throw new Error('no x86-64 starter');
    const r = await gradeSubmission({ pack, labId, seed, runner, submission: { source: starter.source, fileName: starter.fileName, arch: 'x86_64' } });
    expect(r.gradable).toBe(true);
    expect(lostEmulated(pack, labId, r).length).toBeGreaterThan(0);
  }, 60_000);
});
