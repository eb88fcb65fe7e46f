// The host kernel's answer must match signal(7), "Interruption of system calls
// and library functions by signal handlers": read(2) on a pipe is restarted
// under SA_RESTART and fails with EINTR without it; poll(2) and nanosleep(2)
// fail with EINTR whatever the flag says.

import { expect, test } from 'vitest';
import type { EintrResult } from '../../../../electron/common/probe-types.js';
import { runProbe } from '../../../../electron/host/probes/index.js';

test('eintr-matrix outcomes are the ones signal(7) documents', async () => {
  const report = await runProbe('eintr-matrix');
  expect(report.error).toBeUndefined();
  const cells = report.results.filter((r): r is EintrResult => 'outcome' in r);
  const outcome = (call: string, saRestart: boolean): string | undefined =>
    cells.find((c) => c.call === call && c.sa_restart === saRestart)?.outcome;
  expect(cells).toHaveLength(6);
  expect(outcome('read-pipe', true)).toBe('restarted');
  expect(outcome('read-pipe', false)).toBe('eintr');
  expect(outcome('poll', true)).toBe('eintr');
  expect(outcome('poll', false)).toBe('eintr');
  expect(outcome('nanosleep', true)).toBe('eintr');
  expect(outcome('nanosleep', false)).toBe('eintr');
  for (const c of cells) {
    // Every cell was actually interrupted: the handler ran.
    expect(c.handler_ran).toBe(true);
    expect(c.interrupted_in_call).toBe(true);
    expect(c.outcome).toBe(c.documented);
    if (c.outcome === 'eintr') expect([c.returned, c.errno]).toEqual([-1, 'EINTR']);
  }
  // The restarted read completed with the writer's one byte.
  expect(cells.find((c) => c.call === 'read-pipe' && c.sa_restart)?.returned).toBe(1);
});
