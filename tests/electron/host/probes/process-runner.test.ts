// The runner must leave nothing behind: a hanging probe that forked is killed
// as a whole process group on timeout and on cancel.

import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { ensureProbesBuilt, runProbe } from '../../../../electron/host/probes/index.js';
import { runChild } from '../../../../electron/host/probes/process-runner.js';
import { livingMembers, waitGroupGone } from './group-helpers.js';

let binary = '';

beforeAll(async () => {
  const build = await ensureProbesBuilt();
  expect(build.kind).toBe('native');
  binary = build.binary ?? '';
});

/** The two pids the selftest-hang probe announces on stderr. */
function announcedPids(line: string): number[] | null {
  const m = /^pids (\d+) (\d+)$/.exec(line);
  return m ? [Number(m[1]), Number(m[2])] : null;
}

describe('runChild', () => {
  test('a timeout kills the whole process group of a hanging probe', async () => {
    let pids: number[] = [];
    let pgid = 0;
    const res = await runChild(binary, ['selftest-hang'], {
      timeoutMs: 3000,
      onSpawn: (pid) => (pgid = pid),
      onStderrLine: (line) => (pids = announcedPids(line) ?? pids),
    });
    expect(res.timedOut).toBe(true);
    expect(pids).toHaveLength(2); // the leader and the child it forked
    expect(pids[0]).toBe(pgid);
    expect(await waitGroupGone(pgid)).toEqual([]);
  });

  test('an abort kills the whole process group', async () => {
    const controller = new AbortController();
    let pgid = 0;
    let seenMembers: number[] = [];
    const res = await runChild(binary, ['selftest-hang'], {
      signal: controller.signal,
      timeoutMs: 20_000,
      onSpawn: (pid) => (pgid = pid),
      onStderrLine: (line) => {
        if (announcedPids(line)) {
          seenMembers = livingMembers(pgid);
          controller.abort();
        }
      },
    });
    expect(res.cancelled).toBe(true);
    expect(res.timedOut).toBe(false);
    expect(seenMembers.length).toBeGreaterThanOrEqual(2);
    expect(await waitGroupGone(pgid)).toEqual([]);
  });

  test('an already-aborted signal starts nothing', async () => {
    const controller = new AbortController();
    controller.abort();
    let spawned = false;
    const res = await runChild(binary, ['selftest-hang'], { signal: controller.signal, onSpawn: () => (spawned = true) });
    expect(res.cancelled).toBe(true);
    expect(spawned).toBe(false);
  });

  test('a missing program is reported, not thrown', async () => {
    const res = await runChild('/nonexistent/syscall-probe', ['maps']);
    expect(res.spawnError).toMatch(/ENOENT/);
  });
});

describe('runProbe', () => {
  test('a hanging prebuilt probe times out with a reason and no survivors', async () => {
    // A stand-in prebuilt binary: a shell that forks a sleeper and waits forever.
    const dir = mkdtempSync(join(tmpdir(), 'syscall-lab-hang-'));
    const script = join(dir, 'syscall-probe');
    writeFileSync(script, `#!/bin/sh\necho $$ > ${dir}/pgid\nsleep 1000 &\nsleep 1000\n`);
    chmodSync(script, 0o755);
    const report = await runProbe('null-syscall', {
      timeoutMs: 3000,
      build: { prebuiltDir: dir },
      onProgress: () => {},
    });
    expect(report.error).toMatch(/timed out/);
    expect(report.results).toEqual([]);
    // The script wrote its pid, which is also its process group id (spawned detached).
    const pgid = Number(readFileSync(join(dir, 'pgid'), 'utf8'));
    expect(pgid).toBeGreaterThan(1);
    expect(await waitGroupGone(pgid)).toEqual([]);
  });

  test('a probe that fails says why', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'syscall-lab-fail-'));
    const script = join(dir, 'syscall-probe');
    writeFileSync(script, '#!/bin/sh\necho "cannot open /dev/zero" >&2\nexit 3\n');
    chmodSync(script, 0o755);
    const report = await runProbe('fast-calls', { build: { prebuiltDir: dir } });
    expect(report.error).toBe('the probe exited with status 3: cannot open /dev/zero');
  });

  test('unknown probe names are rejected', async () => {
    await expect(runProbe('no-such-probe')).rejects.toThrow(/unknown probe/);
  });
});
