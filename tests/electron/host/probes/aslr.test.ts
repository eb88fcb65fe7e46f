// ASLR analysis on hand-made samples, and on real executions of the maps probe.

import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import type { AslrResult, MapRegion } from '../../../../electron/common/probe-types.js';
import { runProbe } from '../../../../electron/host/probes/index.js';
import { analyzeAslr, regionLabel } from '../../../../electron/host/probes/aslr.js';
import { parseMaps } from '../../../../electron/host/probes/maps-parse.js';

const run = (stack: string, lib: string): MapRegion[] =>
  parseMaps(
    [
      `${lib}-${(BigInt(`0x${lib}`) + 0x2000n).toString(16)} r-xp 00000000 fe:00 7 /usr/lib/libc.so.6`,
      `${(BigInt(`0x${lib}`) + 0x2000n).toString(16)}-${(BigInt(`0x${lib}`) + 0x3000n).toString(16)} rw-p 00002000 fe:00 7 /usr/lib/libc.so.6`,
      `${stack}-${(BigInt(`0x${stack}`) + 0x21000n).toString(16)} rw-p 00000000 00:00 0 [stack]`,
      'ffffffffff600000-ffffffffff601000 --xp 00000000 00:00 0 [vsyscall]',
    ].join('\n'),
  );

test('labels: pseudo-paths as is, files by basename, anonymous none', () => {
  const [lib, , stack] = run('7ffd00000000', '7f0000000000');
  expect(lib && regionLabel(lib)).toBe('libc.so.6');
  expect(stack && regionLabel(stack)).toBe('[stack]');
  expect(regionLabel({ ...(stack as MapRegion), path: '' })).toBeNull();
});

test('moved regions, spread and bits from hand-made runs', () => {
  const res = analyzeAslr([run('7ffd00000000', '7f0000000000'), run('7ffd00100000', '7f0000000000'), run('7ffd00000000', '7f0000000000')]);
  const by = new Map(res.map((r) => [r.region, r]));
  expect(by.get('[stack]')).toMatchObject({ moved: true, distinct: 2, seen: 3, spread: '0x100000', min: '0x7ffd00000000', max: '0x7ffd00100000' });
  // 0x100000 / 4096 = 256 pages apart: log2(257).
  expect(by.get('[stack]')?.spread_bits).toBeCloseTo(Math.log2(257), 2);
  expect(by.get('[stack]')?.sample_bits).toBe(1);
  // The lowest mapping of a file is its base; it did not move.
  expect(by.get('libc.so.6')).toMatchObject({ moved: false, spread: '0x0', spread_bits: 0, min: '0x7f0000000000' });
  expect(by.get('[vsyscall]')?.moved).toBe(false);
});

test('real executions: the stack moves when randomize_va_space is on; [vsyscall] never does', async () => {
  const report = await runProbe('aslr', { aslrRuns: 6 });
  expect(report.error).toBeUndefined();
  const by = new Map(report.results.filter((r): r is AslrResult => r.op === 'aslr').map((r) => [r.region, r]));
  const randomize = Number(readFileSync('/proc/sys/kernel/randomize_va_space', 'utf8'));
  expect(by.get('[stack]')?.seen).toBe(6);
  expect(by.get('[stack]')?.moved).toBe(randomize > 0);
  expect(by.get('[vdso]')?.moved).toBe(randomize > 0);
  const vsyscall = by.get('[vsyscall]');
  if (vsyscall) expect(vsyscall.moved).toBe(false);
});
