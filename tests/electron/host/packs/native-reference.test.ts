// Grades the example pack against real references: the starters assembled with GNU
// as and run natively under strace (x86-64) or under qemu-aarch64 -strace (arm64).
// This pins the check vocabulary to what a real kernel actually produces.

import { beforeAll, describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { readPackDir } from '../../../../electron/host/packs/pack-files.js';
import type { PackFiles } from '../../../../electron/host/packs/pack-files.js';
import { loadPack } from '../../../../electron/host/packs/pack-load.js';
import { gradeSubmission } from '../../../../electron/host/packs/grade.js';
import type { GradeResults } from '../../../../electron/host/packs/grade.js';
import { instantiateLab } from '../../../../electron/host/packs/lab-instance.js';
import { drawParams } from '../../../../electron/host/packs/params.js';
import type { LoadedPack } from '../../../../electron/host/packs/pack-types.js';
import { nativeTraceRunner } from './native-trace-runner.js';
import { alarmReadProgram } from './x86-solutions.js';

const EXAMPLE = fileURLToPath(new URL('../../../fixtures/packs/example', import.meta.url));
let files: PackFiles;
let pack: LoadedPack;

beforeAll(async () => {
  files = await readPackDir(EXAMPLE);
  const loaded = loadPack(files, { appVersion: '0.1.0' });
  if (!loaded.pack) throw new Error('example pack invalid');
  pack = loaded.pack;
});

function lab() {
  const l = pack.labs.find((x) => x.id === 'hello-write');
  if (!l) throw new Error('no lab');
  return l;
}

function seedWhere(pred: (p: Record<string, string | number>) => boolean): string {
  for (let i = 0; i < 1000; i++) if (pred(drawParams('hello-write', lab().def, `seed-${i}`))) return `seed-${i}`;
  throw new Error('no seed');
}

const byId = (r: GradeResults) => Object.fromEntries(r.tests.map((t) => [t.name, t]));

describe('example pack graded on native runs', () => {
  it('x86-64 starter under strace: every check but the signal one passes', async () => {
    const seed = seedWhere((p) => p['bufSize'] === 128);
    const starter = instantiateLab(files, lab(), seed).starters.find((s) => s.arch === 'x86_64');
    expect(starter?.source).toContain('mov     edx, 128');
    const results = await gradeSubmission({ pack, labId: 'hello-write', seed, runner: nativeTraceRunner(), submission: { source: starter?.source ?? '', fileName: 'hello.s', arch: 'x86_64' } });
    const t = byId(results);
    expect(t['write(2) returns the full length']?.message).toMatch(/^found syscall name=write arg0=1 ret=14: write\(1, "hello, kernel\\n", 14\) += 14$/);
    expect(t['read(2) asks for the whole buffer']?.points).toBe(1);
    expect(t['SYSCALL saved the return address in rcx']?.points).toBe(1);
    expect(t['SYSCALL saved the return address in rcx']?.message).toMatch(/^rcx at write entry equals addressAfterSyscall \(0x[0-9a-f]+\)$/);
    expect(t['the signal interrupts read(2)']?.points).toBe(0);
    expect(t['the signal interrupts read(2)']?.message).toMatch(/^no signal name=SIG(ALRM|USR1) happened, so nothing can follow it$/);
    expect(results.score).toBeCloseTo(9 / 12);
  });

  it('a correct x86-64 solution (SIGALRM handler, blocked read) scores 1', async () => {
    const seed = seedWhere((p) => p['sig'] === 'SIGALRM');
    const bufSize = drawParams('hello-write', lab().def, seed)['bufSize'];
    const solution = alarmReadProgram(String(bufSize));
    const results = await gradeSubmission({ pack, labId: 'hello-write', seed, runner: nativeTraceRunner({ stdinOpenMs: 5000 }), submission: { source: solution, fileName: 'sol.s', arch: 'x86_64' } });
    expect(results.tests.filter((t) => t.points < t.max_points)).toEqual([]);
    expect(results.score).toBe(1);
    expect(byId(results)['the signal interrupts read(2)']?.message).toMatch(/^found syscall name=read errno=EINTR after signal name=SIGALRM: read\(0, 0x[0-9a-f]+, \d+\) += -1 EINTR/);
  });

  it('arm64 starter under qemu-aarch64: write, read size, exit and output checks pass', async () => {
    const seed = seedWhere((p) => p['bufSize'] === 4096);
    const starter = instantiateLab(files, lab(), seed).starters.find((s) => s.arch === 'arm64');
    expect(starter?.fileName).toBe('hello-arm64.s');
    const results = await gradeSubmission({ pack, labId: 'hello-write', seed, runner: nativeTraceRunner(), submission: { source: starter?.source ?? '', fileName: starter?.fileName ?? '', arch: 'arm64' } });
    const t = byId(results);
    expect(t['write(2) returns the full length']?.message).toMatch(/^found syscall name=write arg0=1 ret=14: write\(1,0x[0-9a-f]+,14\) = 14$/);
    expect(t['write(2) returns the full length']?.points).toBe(2);
    expect(t['read(2) asks for the whole buffer']?.points).toBe(1);
    expect(t['exit status 0']?.points).toBe(1);
    expect(t['the greeting is exactly one line']?.points).toBe(1);
    expect(t['the signal interrupts read(2)']?.points).toBe(0);
    expect(results.score).toBeCloseTo(8 / 11);
  });
});
