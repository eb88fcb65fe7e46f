import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createPackCommand, EMULATOR_MISSING } from '../../../../../electron/host/cli/commands/pack.js';
import type { CliIo } from '../../../../../electron/host/cli/command.js';
import { UsageError } from '../../../../../electron/host/cli/command.js';
import type { GradeResults } from '../../../../../electron/host/packs/grade.js';
import { studentSeed } from '../../../../../electron/host/prefs-file.js';
import { ProgressStore } from '../../../../../electron/host/progress/progress-store.js';
import { emptyProgress } from '../../../../../electron/host/progress/progress-types.js';
import { drawParams } from '../../../../../electron/host/packs/params.js';
import { exitEvent, probeReport, RecordedRunner, syscallEvent, timing } from '../../packs/recorded-runner.js';

const EXAMPLE = fileURLToPath(new URL('../../../../fixtures/packs/example', import.meta.url));
let work: string;

beforeEach(async () => {
  work = await mkdtemp(join(tmpdir(), 'pack-cli-'));
});
afterEach(async () => {
  await rm(work, { recursive: true, force: true });
});

function fakeIo(): CliIo & { out: string; err: string } {
  const io = {
    out: '',
    err: '',
    stdout: (t: string) => void (io.out += t),
    stderr: (t: string) => void (io.err += t),
    stdin: process.stdin,
    cwd: work,
    env: {},
  };
  return io;
}

const userData = (): string => join(work, 'userData');
const command = (runner: RecordedRunner | null = null) =>
  createPackCommand({ appVersion: () => '0.1.0', userDataDir: userData, loadRunner: async () => runner?.run ?? null });

describe('syscall-lab pack', () => {
  it('validates the example pack', async () => {
    const io = fakeIo();
    expect(await command().run(['validate', EXAMPLE], io)).toBe(0);
    expect(io.out).toBe('ok: example.syscall-lab 1.2.0 (0 errors, 0 warnings)\n');
  });

  it('prints file:line: field: message for a broken pack and exits 1', async () => {
    const dir = join(work, 'broken');
    await cp(EXAMPLE, dir, { recursive: true });
    const lab = join(dir, 'labs', 'vdso-cost', 'lab.yaml');
    const text = await readFile(lab, 'utf8');
    const line = text.split('\n').findIndex((l) => l.includes('event: vdso-call')) + 1;
    await writeFile(lab, text.replace('event: vdso-call', 'event: vdso'));
    const io = fakeIo();
    expect(await command().run(['validate', 'broken'], io)).toBe(1);
    expect(io.err.startsWith(`labs/vdso-cost/lab.yaml:${line}: checks[0].expect: unknown event 'vdso' (expected`)).toBe(true);
    expect(io.out).toBe('invalid: 1 error, 0 warnings\n');
    const json = fakeIo();
    expect(await command().run(['validate', 'broken', '--json'], json)).toBe(1);
    expect(JSON.parse(json.out)).toMatchObject({ valid: false, issues: [{ file: 'labs/vdso-cost/lab.yaml', line, field: 'checks[0].expect' }] });
  });

  it('builds a .labpack that validates and imports', async () => {
    const io = fakeIo();
    expect(await command().run(['build', EXAMPLE, '-o', 'out/example.labpack'], io)).toBe(0);
    expect(io.out).toMatch(/^built .*example\.labpack: example\.syscall-lab 1\.2\.0, 5 files, \d+ bytes\n$/);
    expect(await command().run(['validate', 'out/example.labpack'], fakeIo())).toBe(0);
    const imp = fakeIo();
    expect(await command().run(['import', 'out/example.labpack'], imp)).toBe(0);
    expect(imp.out).toBe(`installed example.syscall-lab 1.2.0 into ${join(userData(), 'packs', 'example.syscall-lab', '1.2.0')}\n`);
  });

  it('says the emulator is missing and exits 2 instead of inventing a grade', async () => {
    await writeFile(join(work, 'hello.s'), 'nop\n');
    const io = fakeIo();
    expect(await command(null).run(['grade', EXAMPLE, '--lab', 'hello-write', '--submission', 'hello.s', '--json'], io)).toBe(2);
    expect(io.err).toBe(`syscall-lab pack: ${EMULATOR_MISSING}\n`);
    expect(io.out).toBe('');
  });

  it('grades with the runner it is given and prints results.json', async () => {
    await writeFile(join(work, 'vdso.s'), 'ret\n');
    await writeFile(join(work, 'probe.json'), JSON.stringify(probeReport([timing('clock_gettime:vdso', 20), timing('clock_gettime:syscall', 100)])));
    const runner = new RecordedRunner({
      events: [syscallEvent('exit', [0], 0), exitEvent(0)],
      exitStatus: 0,
      termSignal: null,
      stdout: '',
      stderr: '',
      facts: {},
    });
    const io = fakeIo();
    const args = ['grade', EXAMPLE, '--lab', 'vdso-cost', '--submission', 'vdso.s', '--seed', 's1', '--probes', 'probe.json', '--json', '-o', 'results.json'];
    expect(await command(runner).run(args, io)).toBe(0);
    const results = JSON.parse(io.out) as GradeResults;
    expect(results.gradable).toBe(true);
    expect(results.tests.map((t) => [t.name, t.points, t.max_points])).toEqual([
      ['the emulated program used the vDSO', 0, 1],
      ['no clock_gettime system call was made', 1, 1],
      ['the vDSO is at least 3x cheaper than the syscall', 2, 2],
    ]);
    expect(results.score).toBe(0.75);
    expect(JSON.parse(await readFile(join(work, 'results.json'), 'utf8'))).toEqual(results);
    expect(runner.requests).toEqual([{ arch: 'x86_64', source: 'ret\n', fileName: 'vdso.s', seed: 's1' }]);
    await writeFile(join(work, 'in.txt'), 'typed input\n');
    await command(runner).run([...args, '--stdin', 'in.txt'], fakeIo());
    expect(runner.requests[1]).toEqual({ arch: 'x86_64', source: 'ret\n', fileName: 'vdso.s', seed: 's1', stdin: 'typed input\n' });
    const human = fakeIo();
    await command(runner).run(args.filter((a) => a !== '--json'), human);
    expect(human.out).toContain('FAIL  0/1  the emulated program used the vDSO: expected vdso-call fn=clock_gettime, none found');
    expect(human.out).toContain('score: 3/4 (75%)');
  });

  it("prints one student's starter with their params filled in", async () => {
    const io = fakeIo();
    expect(await command().run(['starter', EXAMPLE, '--lab', 'hello-write', '--arch', 'arm64', '--seed', 'alice'], io)).toBe(0);
    const bufSize = drawParams('hello-write', { params: { bufSize: { oneOf: [64, 128, 4096] } } }, 'alice')['bufSize'];
    expect(io.out).toContain(`mov     x2, #${bufSize}`);
    expect(io.out).not.toContain('{{');
    await expect(command().run(['starter', EXAMPLE, '--lab', 'nope'], fakeIo())).rejects.toThrow("no lab 'nope'");
  });

  it('exports saved progress as JSON', async () => {
    await new ProgressStore(userData()).saveNow('example.syscall-lab', 'hello-write', { ...emptyProgress(), stepsDone: ['write'] });
    const io = fakeIo();
    expect(await command().run(['export-progress', 'example.syscall-lab'], io)).toBe(0);
    expect(JSON.parse(io.out)).toMatchObject({ packId: 'example.syscall-lab', labs: { 'hello-write': { stepsDone: ['write'] } } });
    expect(JSON.parse(io.out).seed).toBeUndefined();
    // Once the app has made the student's seed, the export carries it, so `grade --seed` regrades their variant.
    const seed = await studentSeed(userData());
    const again = fakeIo();
    expect(await command().run(['export-progress', 'example.syscall-lab'], again)).toBe(0);
    expect(JSON.parse(again.out).seed).toBe(seed);
    expect(seed).toMatch(/^[0-9a-f]{16}$/);
  });

  it('treats unknown subcommands and missing flags as usage errors', async () => {
    await expect(command().run(['frobnicate'], fakeIo())).rejects.toThrow(UsageError);
    await expect(command().run(['build', EXAMPLE], fakeIo())).rejects.toThrow('--output is required');
    await expect(command().run(['grade', EXAMPLE, '--submission', 'x'], fakeIo())).rejects.toThrow('--lab is required');
  });
});
