// Building the probes: a content-addressed cache, overridable; the Node
// fallback set when no compiler can be found.

import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { buildProbes, cacheRoot, findCompiler, sourceHash } from '../../../../electron/host/probes/build.js';
import { runProbe } from '../../../../electron/host/probes/index.js';
import { probeSourceDir } from '../../../../electron/host/probes/source-dir.js';

test('builds into <cache>/probes/<hash>/ once, then reuses it', async () => {
  const cache = mkdtempSync(join(tmpdir(), 'syscall-lab-cache-'));
  const first = await buildProbes({ cacheDir: cache });
  expect(first).toMatchObject({ kind: 'native', built: true });
  const cc = await findCompiler();
  const src = probeSourceDir();
  expect(src).not.toBeNull();
  expect(first.dir).toBe(join(cache, 'probes', sourceHash(src ?? '', cc?.version ?? '')));
  expect(existsSync(first.binary ?? '')).toBe(true);
  // The compiler line is the one `cc --version` prints.
  expect(first.compiler).toBe(execFileSync(cc?.path ?? 'cc', ['--version'], { encoding: 'utf8' }).split('\n')[0]);
  const second = await buildProbes({ cacheDir: cache });
  expect(second).toMatchObject({ kind: 'native', built: false, binary: first.binary });
});

test('SYSCALL_LAB_CACHE replaces $XDG_CACHE_HOME/syscall-lab', () => {
  expect(cacheRoot({ env: { SYSCALL_LAB_CACHE: '/x/cache', XDG_CACHE_HOME: '/y' } })).toBe('/x/cache');
  expect(cacheRoot({ env: { XDG_CACHE_HOME: '/y' } })).toBe('/y/syscall-lab');
  expect(cacheRoot({ env: { HOME: '/home/u' } })).toBe('/home/u/.cache/syscall-lab');
});

test('the hash changes with the compiler version', () => {
  const src = probeSourceDir() ?? '';
  expect(sourceHash(src, 'gcc 12')).not.toBe(sourceHash(src, 'gcc 13'));
  expect(sourceHash(src, 'gcc 12')).toBe(sourceHash(src, 'gcc 12'));
});

test('an empty PATH finds no compiler: the fallback set runs and says so', async () => {
  const env = { PATH: '', HOME: process.env.HOME ?? '/tmp' };
  const build = await buildProbes({ env, prebuilt: false, cacheDir: mkdtempSync(join(tmpdir(), 'syscall-lab-nocc-')) });
  expect(build.kind).toBe('fallback');
  expect(build.reason).toMatch(/no C compiler/);
  const report = await runProbe('null-syscall', { minRepeatMs: 1, build: { prebuilt: false, env } });
  expect(report.kind).toBe('fallback');
  expect(report.results[0]).toMatchObject({ op: 'getppid' });
});

test('a compiler override that does not exist means no build', async () => {
  const env = { ...process.env, SYSCALL_LAB_PROBES_DIR: '' };
  const build = await buildProbes({ compiler: '/nonexistent/cc', env, cacheDir: mkdtempSync(join(tmpdir(), 'syscall-lab-bad-')) });
  // Only a shipped binary (npm run build:probes -> dist/probes) may stand in for a build.
  if (build.kind === 'native') expect(build).toMatchObject({ built: false, compiler: null, binary: expect.stringMatching(/dist\/probes\/syscall-probe$/) });
  else expect(build.reason).toMatch(/no C compiler/);
});

test('a compiler that fails is reported with its message; one that writes nothing too', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'syscall-lab-fakecc-'));
  const fake = join(dir, 'fakecc');
  writeFileSync(fake, '#!/bin/sh\nif [ "$1" = --version ]; then echo "fakecc 1.0"; exit 0; fi\necho "probe.c:1: error: boom" >&2\nexit 1\n');
  chmodSync(fake, 0o755);
  const failed = await buildProbes({ compiler: fake, prebuilt: false, cacheDir: join(dir, 'cache') });
  expect(failed).toMatchObject({ kind: 'fallback', compiler: 'fakecc 1.0' });
  expect(failed.reason).toMatch(/compiling the probes failed: .*boom/);
  const silent = await buildProbes({ compiler: 'true', prebuilt: false, cacheDir: join(dir, 'cache2') });
  expect(silent.kind).toBe('fallback');
  expect(silent.reason).toMatch(/wrote no binary/);
}, 30_000);

test('an unwritable cache is reported instead of thrown', async () => {
  // A regular file where a directory should be: mkdir fails (ENOTDIR) even for root.
  const file = join(mkdtempSync(join(tmpdir(), 'syscall-lab-file-')), 'not-a-dir');
  writeFileSync(file, '');
  const build = await buildProbes({ cacheDir: join(file, 'cache'), prebuilt: false });
  expect(build.kind).toBe('fallback');
  expect(build.reason).toMatch(/cannot create the probe cache .*not-a-dir\/cache\/probes\/.*ENOTDIR/);
});
