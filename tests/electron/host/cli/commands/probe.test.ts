// `syscall-lab probe` through its CliCommand, with a fake CliIo collecting output.

import { Readable } from 'node:stream';
import { expect, test } from 'vitest';
import { UsageError, type CliIo } from '../../../../../electron/host/cli/command.js';
import { probeCommand } from '../../../../../electron/host/cli/commands/probe.js';

function fakeIo(): CliIo & { out: string; err: string } {
  const io = {
    out: '',
    err: '',
    stdout: (t: string) => void (io.out += t),
    stderr: (t: string) => void (io.err += t),
    stdin: Readable.from([]),
    cwd: process.cwd(),
    env: process.env,
  };
  return io;
}

test('probe list names every probe', async () => {
  const io = fakeIo();
  expect(await probeCommand.run(['list'], io)).toBe(0);
  for (const name of ['null-syscall', 'fast-calls', 'vdso-clock', 'read-sweep', 'pipe-pingpong', 'futex-pingpong', 'int80', 'page-fault', 'maps', 'aslr', 'eintr-matrix'])
    expect(io.out).toMatch(new RegExp(`^${name} `, 'm'));
});

test('probe run NAME --json prints one {host, kind, probe, results} object', async () => {
  const io = fakeIo();
  expect(await probeCommand.run(['run', 'null-syscall', '--json', '--min-ms', '1', '--repeats', '7', '--timeout', '60'], io)).toBe(0);
  const report = JSON.parse(io.out) as Record<string, unknown>;
  expect(Object.keys(report)).toEqual(expect.arrayContaining(['host', 'kind', 'probe', 'results']));
  expect(report.probe).toBe('null-syscall');
  expect(report.kind).toBe('native');
  expect((report.results as Array<{ op: string }>)[0]?.op).toBe('getppid');
  expect(io.err).toBe('');
}, 60_000);

test('probe run without --json prints a table; --fallback runs the Node set', async () => {
  const io = fakeIo();
  expect(await probeCommand.run(['run', 'eintr-matrix'], io)).toBe(0);
  expect(io.out).toMatch(/^read-pipe\s+yes\s+restarted\s+restarted\s+as documented$/m);
  expect(io.err).toMatch(/eintr-matrix: 6\/6/);
  const fb = fakeIo();
  expect(await probeCommand.run(['run', 'null-syscall', '--fallback', '--json', '--min-ms', '1'], fb)).toBe(0);
  expect(JSON.parse(fb.out)).toMatchObject({ kind: 'fallback', probe: 'null-syscall' });
}, 60_000);

test('a timeout ends the run with status 1 and says why', async () => {
  const io = fakeIo();
  expect(await probeCommand.run(['run', 'read-sweep', '--timeout', '0.2'], io)).toBe(1);
  expect(io.out).toMatch(/error: timed out after 0.2 s/);
});

test('usage errors', async () => {
  const io = fakeIo();
  await expect(probeCommand.run(['run'], io)).rejects.toThrow(UsageError);
  await expect(probeCommand.run(['run', 'nope'], io)).rejects.toThrow(/unknown probe/);
  await expect(probeCommand.run(['frob'], io)).rejects.toThrow(UsageError);
  await expect(probeCommand.run(['run', 'maps', '--timeout', '-1'], io)).rejects.toThrow(/positive/);
});

test('probe build reports the native binary it built or reused', async () => {
  const io = fakeIo();
  expect(await probeCommand.run(['build', '--json'], io)).toBe(0);
  expect(JSON.parse(io.out)).toMatchObject({ kind: 'native', binary: expect.stringMatching(/syscall-probe$/) });
});
