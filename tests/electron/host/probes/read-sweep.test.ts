// read-sweep: one entry per power of two from 1 B to 1 MiB, and the counted
// read() calls per MiB equal 1 MiB / buffer size (every read was full-sized).

import { expect, test } from 'vitest';
import type { TimingResult } from '../../../../electron/common/probe-types.js';
import { runProbe } from '../../../../electron/host/probes/index.js';

for (const compiler of [undefined, null]) {
  test(`syscalls per MiB = 1 MiB / buffer (${compiler === null ? 'fallback' : 'native'})`, async () => {
    const report = await runProbe('read-sweep', { minRepeatMs: 1, repeats: 7, build: compiler === null ? { compiler, prebuilt: false } : {} });
    expect(report.error).toBeUndefined();
    const rows = report.results.filter((r): r is TimingResult => 'median_ns' in r);
    expect(rows.map((r) => r.op)).toEqual(Array.from({ length: 21 }, (_, i) => `read:${2 ** i}`));
    for (const r of rows) {
      expect(r.buffer_bytes).toBe(Number(r.op.slice(5)));
      expect(r.syscalls_per_mib).toBe(2 ** 20 / (r.buffer_bytes ?? 1));
      expect(r.ns_per_byte).toBeCloseTo(r.median_ns / (r.buffer_bytes ?? 1), 2);
    }
  }, 60_000);
}
