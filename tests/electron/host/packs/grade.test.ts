import { beforeAll, describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { readPackDir } from '../../../../electron/host/packs/pack-files.js';
import { loadPack } from '../../../../electron/host/packs/pack-load.js';
import { gradeSubmission } from '../../../../electron/host/packs/grade.js';
import { probeReportsUsed } from '../../../../electron/host/packs/check-eval.js';
import type { LoadedPack } from '../../../../electron/host/packs/pack-types.js';
import { drawParams } from '../../../../electron/host/packs/params.js';
import type { RunOutcome } from '../../../../electron/host/packs/lab-runner.js';
import type { RunEvent } from '../../../../core/trace/events.js';
import { exitEvent, probeReport, RecordedRunner, signalEvent, syscallEvent, timing } from './recorded-runner.js';

const EXAMPLE = fileURLToPath(new URL('../../../fixtures/packs/example', import.meta.url));
const SEED = 'student-42';
let pack: LoadedPack;
let bufSize: number;
let sig: string;

beforeAll(async () => {
  const loaded = loadPack(await readPackDir(EXAMPLE), { appVersion: '0.1.0' });
  if (!loaded.pack) throw new Error('example pack invalid');
  pack = loaded.pack;
  const lab = pack.labs.find((l) => l.id === 'hello-write');
  const params = drawParams('hello-write', lab?.def ?? {}, SEED);
  bufSize = Number(params['bufSize']);
  sig = String(params['sig']);
});

const SIGNOS: Record<string, number> = { SIGALRM: 14, SIGUSR1: 10 };

function goodRun(overrides: Partial<RunOutcome> = {}, events?: RunEvent[]): RunOutcome {
  return {
    events: events ?? [
      syscallEvent('write', [1, '0x402000', 14], 14, { entryRegs: { rcx: '0x40100c', r11: '0x202' } }),
      signalEvent(sig, SIGNOS[sig] ?? 0),
      syscallEvent('read', [0, '0x402010', bufSize], -4, { errno: 'EINTR' }),
      syscallEvent('exit', [0], 0),
      exitEvent(0),
    ],
    exitStatus: 0,
    termSignal: null,
    stdout: 'hello, kernel\n',
    stderr: '',
    facts: { addressAfterSyscall: '0x40100c' },
    ...overrides,
  };
}

async function grade(outcome: RunOutcome | Error, arch: 'x86_64' | 'arm64' = 'x86_64', seed = SEED) {
  const runner = new RecordedRunner(outcome);
  const results = await gradeSubmission({ pack, labId: 'hello-write', submission: { source: 'src', fileName: 'hello.s', arch }, seed, runner: runner.run });
  return { results, runner };
}

describe('gradeSubmission with a recorded runner', () => {
  it('gives full marks to a run that satisfies every check', async () => {
    const { results, runner } = await grade(goodRun());
    expect(results.gradable).toBe(true);
    expect(results.tests.filter((t) => t.points !== t.max_points)).toEqual([]);
    expect(results.score).toBe(1);
    expect(results.tests.map((t) => t.max_points).reduce((a, b) => a + b)).toBe(12);
    expect(runner.requests).toEqual([{ arch: 'x86_64', source: 'src', fileName: 'hello.s', seed: SEED }]);
  });

  it('fails read-eintr when EINTR came before the signal', async () => {
    const good = goodRun().events;
    const swapped = [good[0], good[2], good[1], good[3], good[4]] as RunEvent[];
    const { results } = await grade(goodRun({}, swapped));
    const t = results.tests.find((x) => x.name === 'the signal interrupts read(2)');
    expect(t?.points).toBe(0);
    expect(t?.message).toBe(`expected syscall name=read errno=EINTR after signal name=${sig}, none found`);
    expect(results.score).toBeCloseTo(9 / 12);
  });

  it('grades the kernel-order trace (ERESTARTSYS, signal, rt_sigreturn = -1 EINTR) as EINTR after the signal', async () => {
    const events = [
      syscallEvent('write', [1, '0x402000', 14], 14, { entryRegs: { rcx: '0x40100c' } }),
      syscallEvent('read', ['0x0', '0x402010', `0x${bufSize.toString(16)}`], -512, { errno: 'ERESTARTSYS' }),
      signalEvent(sig, SIGNOS[sig] ?? 0),
      syscallEvent('rt_sigreturn', [], -4, { errno: 'EINTR' }),
      exitEvent(0),
    ];
    const { results } = await grade(goodRun({}, events));
    expect(results.score).toBe(1);
    expect(results.tests.find((x) => x.name === 'the signal interrupts read(2)')?.message).toBe(
      `found syscall name=read errno=EINTR after signal name=${sig}: read(0x0, 0x402010, 0x${bufSize.toString(16)}) = -1 EINTR (Interrupted system call)`,
    );
  });

  it('fails read-buffer when the student reads a different size than their variant', async () => {
    const events = goodRun().events.map((e) => (e.type === 'syscall' && e.name === 'read' ? syscallEvent('read', [0, '0x402010', bufSize + 1], -4) : e));
    const { results } = await grade(goodRun({}, events));
    const t = results.tests.find((x) => x.name === 'read(2) asks for the whole buffer');
    expect(t?.points).toBe(0);
    expect(t?.message).toBe(`expected syscall name=read arg2=${bufSize}, none found`);
    expect(t?.output).toContain(`read(0, 0x402010, ${bufSize + 1})`);
  });

  it('compares rcx at syscall entry with the address after the syscall instruction', async () => {
    const { results } = await grade(goodRun({ facts: { addressAfterSyscall: '0x401010' } }));
    const t = results.tests.find((x) => x.name === 'SYSCALL saved the return address in rcx');
    expect(t?.points).toBe(0);
    expect(t?.message).toBe('rcx at write entry was 0x40100c, expected addressAfterSyscall (0x401010)');
  });

  it('skips x86-only checks when grading arm64', async () => {
    const { results, runner } = await grade(goodRun(), 'arm64');
    expect(results.tests.some((t) => t.name.includes('rcx'))).toBe(false);
    expect(results.tests.map((t) => t.max_points).reduce((a, b) => a + b)).toBe(11);
    expect(runner.requests[0]?.arch).toBe('arm64');
  });

  it('reports exit, stdout and stderr mismatches with the observed values', async () => {
    const { results } = await grade(goodRun({ exitStatus: null, termSignal: 11, stdout: 'hello, kernel\nextra\n', stderr: 'oops' }));
    const byName = Object.fromEntries(results.tests.map((t) => [t.name, t]));
    expect(byName['exit status 0']?.message).toBe('expected exit status 0, got killed by signal 11');
    expect(byName['prints the greeting']?.points).toBe(1);
    expect(byName['the greeting is exactly one line']?.points).toBe(0);
    expect(byName['nothing on stderr']?.output).toBe('oops');
  });

  it('counts events against bounds', async () => {
    const reads = Array.from({ length: 21 }, () => syscallEvent('read', [0, '0x402010', bufSize], 1));
    const { results } = await grade(goodRun({}, [...goodRun().events, ...reads]));
    const t = results.tests.find((x) => x.name === 'at most 20 read calls');
    expect(t?.points).toBe(0);
    expect(t?.message).toBe('22 × syscall name=read (want at most 20)');
  });

  it('is not gradable when the runner fails, and never invents a score', async () => {
    const { results } = await grade(new Error('assembler: bad instruction'));
    expect(results).toEqual({ gradable: false, score: 0, message: 'the submission could not be run: assembler: bad instruction', tests: [] });
  });

  it('does not grade a submission that did not build, and shows the assembler messages', async () => {
    const notRun = 'hello.s:3:5: error: unknown mnemonic \'frob\'';
    const { results } = await grade(goodRun({ events: [], exitStatus: null, stdout: '', facts: {}, notRun }));
    expect(results).toEqual({ gradable: false, score: 0, message: `the submission did not build:\n${notRun}`, tests: [] });
  });

  it('says how the run ended above the tests, and keeps stderr as the output', async () => {
    expect((await grade(goodRun())).results.message).toBe('The program exited with status 0.');
    expect((await grade(goodRun())).results.output).toBeUndefined();
    const killed = (await grade(goodRun({ exitStatus: null, termSignal: 11, stderr: 'x'.repeat(9000) }))).results;
    expect(killed.message).toBe('The program was killed by signal 11 (SIGSEGV).');
    expect(killed.output).toBe(`${'x'.repeat(8192)}\n[… 808 more characters]`);
    const looping = (await grade(goodRun({ exitStatus: null, stopped: 'it ran 500 instructions without exiting' }))).results;
    expect(looping.message).toBe('The program did not finish: it ran 500 instructions without exiting.');
    expect(looping.tests.find((t) => t.name === 'exit status 0')?.message).toBe('expected exit status 0, got no exit (it ran 500 instructions without exiting)');
  });

  it('grades probe ratios from native probe reports', async () => {
    const runner = new RecordedRunner(
      goodRun({}, [{ type: 'vdso-call', pid: 1, tid: 1, fn: 'clock_gettime', ret: 0, value: '{tv_sec=1, tv_nsec=0}', seqlockRetries: 0, cycles: 40 }, exitEvent(0)]),
    );
    const probes = [probeReport([timing('clock_gettime:vdso', 15), timing('clock_gettime:syscall', 60)])];
    const base = { pack, labId: 'vdso-cost', submission: { source: '', fileName: 'vdso.s' }, seed: SEED, runner: runner.run };
    const fast = await gradeSubmission({ ...base, probes });
    expect(fast.score).toBe(1);
    expect(fast.tests[2]?.message).toBe('clock_gettime:syscall / clock_gettime:vdso = 60 ns / 15 ns = 4.00 (want at least 3)');
    const slow = await gradeSubmission({ ...base, probes: [probeReport([timing('clock_gettime:vdso', 15), timing('clock_gettime:syscall', 30)], 'fallback')] });
    expect(slow.tests[2]?.message).toBe('clock_gettime:syscall / clock_gettime:vdso = 30 ns / 15 ns = 2.00 (want at least 3) [Node fallback probes, not native]');
    expect(slow.tests[2]?.points).toBe(0);
    const unavailable = [probeReport([timing('clock_gettime:vdso', 15), { op: 'clock_gettime:syscall', unavailable: 'Node cannot force the syscall path' }], 'fallback')];
    const un = await gradeSubmission({ ...base, probes: unavailable });
    expect(un.tests[2]?.message).toBe("the probe could not measure 'clock_gettime:syscall': Node cannot force the syscall path");
    const none = await gradeSubmission(base);
    expect(none.tests[2]?.message).toBe('needs a native probe run; none was recorded');
    expect(none.score).toBe(0.5);
  });

  it("names the probe reports a lab's checks read, so they can be kept with the result", () => {
    const checks = pack.labs.find((l) => l.id === 'vdso-cost')!.def.checks;
    const unrelated = { ...probeReport([timing('getppid', 80)]), probe: 'null-syscall' as const };
    const vdso = probeReport([timing('clock_gettime:vdso', 15), timing('clock_gettime:syscall', 60)]);
    const older = probeReport([timing('clock_gettime:vdso', 16), timing('clock_gettime:syscall', 61)]);
    expect(probeReportsUsed(checks, [unrelated, vdso, older])).toEqual([vdso]);
    expect(probeReportsUsed(checks, [unrelated])).toEqual([]);
    const hello = pack.labs.find((l) => l.id === 'hello-write')!.def.checks;
    expect(probeReportsUsed(hello, [unrelated, vdso])).toEqual([]);
  });

  it('rejects an unknown lab or architecture as not gradable', async () => {
    const runner = new RecordedRunner(goodRun());
    const r1 = await gradeSubmission({ pack, labId: 'nope', submission: { source: '', fileName: 'a.s' }, seed: SEED, runner: runner.run });
    expect(r1.gradable).toBe(false);
    const r2 = await gradeSubmission({ pack, labId: 'vdso-cost', submission: { source: '', fileName: 'a.s', arch: 'arm64' }, seed: SEED, runner: runner.run });
    expect(r2.message).toBe("lab 'vdso-cost' is for x86_64, not arm64");
    expect(runner.requests).toEqual([]);
  });
});
