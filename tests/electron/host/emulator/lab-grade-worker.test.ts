// "Check my work" in the app grades in the core worker: the host keeps answering while
// a submission runs, Stop ends a runaway one, and the result says how the run ended.

import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HostServices } from '../../../../electron/host/services.js';
import type { GradeReport } from '../../../../electron/common/types.js';

let services: HostServices | undefined;
afterEach(async () => {
  await services?.close();
  services = undefined;
});

function start(): HostServices {
  services = new HostServices({ userDataDir: mkdtempSync(join(tmpdir(), 'syscall-lab-grade-')), transport: 'web' });
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
