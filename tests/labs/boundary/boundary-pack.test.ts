// The built-in pack "The boundary": it validates with the real loader, and for every
// architecture a lab lists, its reference solution earns full marks on the emulator
// for two seeds and its unmodified starter earns less (so each lab's checks can fail).
// The (lab, arch) cases are discovered from the pack itself: a lab that lists arm64 is
// graded on arm64 with `<lab>-arm64.s`, and a lab that lists arm64 without an arm64
// starter or reference solution fails here.
// Solutions are templates: `{{params.NAME}}` is filled with the seed's draw, as a
// student's own program would be written for their variant.

import { describe, expect, it } from 'vitest';
import { access, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { readPackDir } from '../../../electron/host/packs/pack-files.js';
import type { PackFiles } from '../../../electron/host/packs/pack-files.js';
import { loadPack } from '../../../electron/host/packs/pack-load.js';
import { formatIssue } from '../../../electron/host/packs/pack-issue.js';
import { gradeSubmission } from '../../../electron/host/packs/grade.js';
import type { GradeResults } from '../../../electron/host/packs/grade.js';
import { instantiateLab } from '../../../electron/host/packs/lab-instance.js';
import { drawParams, substituteText } from '../../../electron/host/packs/params.js';
import type { LoadedLab, LoadedPack } from '../../../electron/host/packs/pack-types.js';
import type { Arch } from '../../../core/trace/events.js';
import { createLabRunner } from '../../../electron/host/emulator/lab-runner.js';
import { appVersion } from '../../../electron/host/paths.js';

const PACK = fileURLToPath(new URL('../../../labs/boundary', import.meta.url));
const SOLUTIONS = fileURLToPath(new URL('../../fixtures/solutions/boundary/', import.meta.url));
const SEEDS = ['alice', 'bob'];
const runner = createLabRunner();

// Loaded at collection time: the test cases are the pack's own (lab, arch) pairs.
const files: PackFiles = await readPackDir(PACK);
const pack: LoadedPack = loadOrThrow(files);
const cases: [string, Arch][] = pack.labs.flatMap((l) => l.def.architectures.map((arch): [string, Arch] => [l.id, arch]));

function loadOrThrow(f: PackFiles): LoadedPack {
  const loaded = loadPack(f, { appVersion: appVersion() });
  if (!loaded.pack) throw new Error(loaded.issues.map(formatIssue).join('\n'));
  return loaded.pack;
}

function labById(labId: string): LoadedLab {
  const lab = pack.labs.find((l) => l.id === labId);
  if (!lab) throw new Error(`no lab ${labId}`);
  return lab;
}

/** `<lab>.s` for x86-64 (the original fixtures), `<lab>-arm64.s` for ARM64. */
function solutionName(labId: string, arch: Arch): string {
  return arch === 'x86_64' ? `${labId}.s` : `${labId}-${arch}.s`;
}

function solutionPath(labId: string, arch: Arch): string {
  return `${SOLUTIONS}${solutionName(labId, arch)}`;
}

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

  it('every lab that lists arm64 has an arm64 starter (<name>-arm64.s) and reference solution', async () => {
    for (const lab of pack.labs.filter((l) => l.def.architectures.includes('arm64'))) {
      const starter = (lab.def.starters ?? []).find((s) => s.arch === 'arm64');
      expect(starter, `${lab.id}: arm64 starter`).toBeDefined();
      if (starter?.file !== undefined) expect(starter.file, lab.id).toMatch(/-arm64\.s$/);
      await expect(access(solutionPath(lab.id, 'arm64')), `${lab.id}: ${solutionPath(lab.id, 'arm64')}`).resolves.toBeUndefined();
    }
  });

  it.each(cases)('%s on %s: the reference solution earns every emulated point for two seeds', async (labId, arch) => {
    const lab = labById(labId);
    const template = await readFile(solutionPath(labId, arch), 'utf8');
    for (const seed of SEEDS) {
      const source = substituteText(template, drawParams(labId, lab.def, seed));
      const r = await gradeSubmission({ pack, labId, seed, runner, submission: { source, fileName: solutionName(labId, arch), arch } });
      expect(r.gradable).toBe(true);
      expect(lostEmulated(pack, labId, r), `seed ${seed}`).toEqual([]);
      // Check titles show the student's own parameters, never the raw placeholder.
      expect(r.tests.map((t) => t.name).filter((n) => n.includes('{{'))).toEqual([]);
    }
  }, 60_000);

  it.each(cases)('%s on %s: the unmodified starter loses points', async (labId, arch) => {
    const lab = labById(labId);
    const seed = SEEDS[0] ?? 'alice';
    const starter = instantiateLab(files, lab, seed).starters.find((s) => s.arch === arch);
    if (!starter) throw new Error(`no ${arch} starter`);
    const r = await gradeSubmission({ pack, labId, seed, runner, submission: { source: starter.source, fileName: starter.fileName, arch } });
    expect(r.gradable).toBe(true);
    expect(lostEmulated(pack, labId, r).length).toBeGreaterThan(0);
  }, 60_000);
});
