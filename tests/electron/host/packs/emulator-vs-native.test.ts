// The grader gives the same verdicts on the emulator as on the real kernel for the
// example pack's x86-64 starter: the check vocabulary means the same on both.

import { beforeAll, describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { readPackDir } from '../../../../electron/host/packs/pack-files.js';
import type { PackFiles } from '../../../../electron/host/packs/pack-files.js';
import { loadPack } from '../../../../electron/host/packs/pack-load.js';
import { gradeSubmission } from '../../../../electron/host/packs/grade.js';
import { instantiateLab } from '../../../../electron/host/packs/lab-instance.js';
import type { LoadedPack } from '../../../../electron/host/packs/pack-types.js';
import { emulatorRun } from './emulator-runner.js';
import { nativeTraceRunner } from './native-trace-runner.js';

const EXAMPLE = fileURLToPath(new URL('../../../fixtures/packs/example', import.meta.url));
let files: PackFiles;
let pack: LoadedPack;

beforeAll(async () => {
  files = await readPackDir(EXAMPLE);
  const loaded = loadPack(files, { appVersion: '0.1.0' });
  if (!loaded.pack) throw new Error('example pack invalid');
  pack = loaded.pack;
});

describe('emulator vs native kernel, graded', () => {
  it.each(['alice', 'bob', 'carol'])('gives the same per-check points for seed %s', async (seed) => {
    const lab = pack.labs.find((l) => l.id === 'hello-write');
    if (!lab) throw new Error('no lab');
    const starter = instantiateLab(files, lab, seed).starters.find((s) => s.arch === 'x86_64');
    const submission = { source: starter?.source ?? '', fileName: 'hello.s', arch: 'x86_64' as const };
    const native = await gradeSubmission({ pack, labId: 'hello-write', seed, submission, runner: nativeTraceRunner() });
    const emulated = await gradeSubmission({ pack, labId: 'hello-write', seed, submission, runner: emulatorRun });
    const verdicts = (r: typeof native) => r.tests.map((t) => [t.name, t.points]);
    expect(emulated.gradable).toBe(true);
    expect(verdicts(emulated)).toEqual(verdicts(native));
    expect(emulated.score).toBeCloseTo(9 / 12);
  });
});
