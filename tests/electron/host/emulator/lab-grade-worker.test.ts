// "Check my work" in the app grades in the core worker: the host keeps answering while
// a submission runs, Stop ends a runaway one, and the result says how the run ended.

import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HostServices } from '../../../../electron/host/services.js';
import { studentSeed } from '../../../../electron/host/prefs-file.js';
import { probeReport, timing } from '../packs/recorded-runner.js';
import type { GradeReport, LabSummary } from '../../../../electron/common/types.js';

let services: HostServices | undefined;
afterEach(async () => {
  await services?.close();
  services = undefined;
});

const dirs = new WeakMap<HostServices, string>();
const dirOf = (s: HostServices): string => dirs.get(s)!;

function start(): HostServices {
  const userDataDir = mkdtempSync(join(tmpdir(), 'syscall-lab-grade-'));
  services = new HostServices({ userDataDir, transport: 'web' });
  dirs.set(services, userDataDir);
  return services;
}

const program = (body: string) => `.intel_syntax noprefix\n.globl _start\n.text\n_start:\n${body}\nmsg: .ascii "hello, kernel\\n"\n`;
const HELLO_EXIT_3 = program('    mov eax, 1\n    mov edi, 1\n    lea rsi, [rip + msg]\n    mov edx, 14\n    syscall\n    mov eax, 60\n    mov edi, 3\n    syscall');

async function grade(s: HostServices, source: string): Promise<GradeReport> {
  const reply = await s.dispatch('labs.grade', { packId: 'boundary', labId: 'hello-kernel', arch: 'x86_64', source });
  if (!reply.ok) throw new Error(reply.error.message);
  return reply.value as GradeReport;
}

describe('labs.grade', () => {
  it('grades a submission in the worker and says how it ended', async () => {
    const s = start();
    const report = await grade(s, HELLO_EXIT_3);
    expect(report.gradable).toBe(true);
    expect(report.message).toBe('The program exited with status 3.');
    const stdoutTest = report.tests.find((t) => t.name === 'the greeting reaches standard output');
    expect(stdoutTest?.points).toBe(stdoutTest?.max_points);
    // The draft and the result were saved with the lab's progress.
    await s.progress.flush();
    const progress = await s.progress.load('boundary', 'hello-kernel');
    expect(progress.progress.drafts['main.s']).toBe(HELLO_EXIT_3);

    // The student's export for the instructor holds the draft, the result and their seed.
    const exported = await s.dispatch('progress.export', { packId: 'boundary' });
    if (!exported.ok) throw new Error(exported.error.message);
    const { fileName, json } = exported.value as { fileName: string; json: string };
    expect(fileName).toBe('boundary-progress.json');
    const doc = JSON.parse(json) as { format: string; seed: string; labs: Record<string, { drafts: Record<string, string>; results: GradeReport }> };
    expect(doc.format).toBe('syscall-lab-progress');
    expect(doc.seed).toBe(await studentSeed(dirOf(s)));
    expect(doc.labs['hello-kernel']?.drafts['main.s']).toBe(HELLO_EXIT_3);
    expect(doc.labs['hello-kernel']?.results.message).toBe('The program exited with status 3.');
    expect(await s.dispatch('progress.export', { packId: '../etc' })).toMatchObject({ ok: false, error: { code: 'bad-args' } });
  });

  it('saves steps and drafts separately: neither save undoes the other, nor the graded result', async () => {
    const s = start();
    const ids = { packId: 'boundary', labId: 'hello-kernel' };
    expect(await s.dispatch('progress.save', { ...ids, stepsDone: ['write'] })).toEqual({ ok: true, value: null });
    await grade(s, HELLO_EXIT_3);
    expect(await s.dispatch('progress.save', { ...ids, drafts: [{ file: 'notes.s', source: '# notes' }] })).toEqual({ ok: true, value: null });
    const loaded = await s.dispatch('progress.load', ids);
    expect(loaded).toMatchObject({ ok: true, value: { stepsDone: ['write'], drafts: { 'main.s': HELLO_EXIT_3, 'notes.s': '# notes' } } });
    await s.progress.flush();
    expect((await s.progress.load('boundary', 'hello-kernel')).progress.results?.message).toBe('The program exited with status 3.');

    // The lab list shows where the student stands; untouched labs show nothing done.
    const listed = await s.dispatch('labs.list', {});
    if (!listed.ok) throw new Error(listed.error.message);
    const labs = listed.value as LabSummary[];
    const hello = labs.find((l) => l.labId === 'hello-kernel');
    const graded = (await s.progress.load('boundary', 'hello-kernel')).progress.results!;
    expect(hello?.progress).toEqual({ stepsDone: 1, steps: 3, score: graded.score });
    expect(graded.score).toBeGreaterThan(0);
    expect(labs.find((l) => l.labId === 'vdso')?.progress).toMatchObject({ stepsDone: 0, score: null });
  });

  it("keeps the probe runs a lab's checks read with the graded result", async () => {
    const s = start();
    const vdso = { ...probeReport([timing('clock_gettime:vdso', 15), timing('clock_gettime:syscall', 60)]), probe: 'vdso-clock' as const };
    const other = { ...probeReport([timing('getppid', 80)]), probe: 'null-syscall' as const };
    const history = [other, vdso].map((report, i) => ({ runId: i + 1, at: new Date(0).toISOString(), report }));
    writeFileSync(join(dirOf(s), 'probe-history.json'), JSON.stringify(history));
    const reply = await s.dispatch('labs.grade', { packId: 'boundary', labId: 'vdso', arch: 'x86_64', source: HELLO_EXIT_3 });
    expect(reply.ok).toBe(true);
    await s.progress.flush();
    expect((await s.progress.load('boundary', 'vdso')).progress.probeRuns).toEqual([vdso]);
  });

  it('refuses to grade a program that does not build, with the line of the error', async () => {
    const report = await grade(start(), program('    mov eax, 60\n    frob edi\n    syscall'));
    expect(report).toMatchObject({ gradable: false, tests: [] });
    expect(report.message).toMatch(/^the submission did not build:\nmain\.s:6:5: error: /);
  });

  it('keeps the host answering during a runaway submission, and Stop ends it without a restart', async () => {
    const s = start();
    const pending = grade(s, program('1:  jmp 1b'));
    // The host's own commands are served while the worker runs the loop...
    let stopped = false;
    for (let i = 0; i < 100 && !stopped; i++) {
      await new Promise((r) => setTimeout(r, 100));
      expect((await s.dispatch('labs.list', {})).ok).toBe(true);
      // ...and Stop reaches the run between slices once the worker has it.
      const reply = await s.dispatch('emulator.stop', {});
      stopped = reply.ok && (reply.value as { stopped: boolean }).stopped;
    }
    expect(stopped).toBe(true);
    const report = await pending;
    expect(report.message).toBe('The program did not finish: the run was stopped before it exited.');
    expect(await s.dispatch('core.info', {})).toMatchObject({ ok: true, value: { workerRestarts: 0 } });
  });
});
