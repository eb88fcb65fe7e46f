// /proc/<pid>/maps parsing against the real file (proc(5)), and the maps probe
// against the kernel's own view of the probe process.

import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import type { AuxvResult, MapRegion, VdsoResult } from '../../../../electron/common/probe-types.js';
import { runProbe } from '../../../../electron/host/probes/index.js';
import { parseMaps, parseMapsLine } from '../../../../electron/host/probes/maps-parse.js';

test('parses every line of this process\'s real /proc/self/maps', () => {
  const text = readFileSync('/proc/self/maps', 'utf8');
  const lines = text.split('\n').filter((l) => l.length > 0);
  const regions = parseMaps(text);
  expect(regions).toHaveLength(lines.length);
  for (const [i, r] of regions.entries()) {
    const line = lines[i] ?? '';
    // Round trip: the fields put back together give the line's own text.
    expect(line.startsWith(`${r.start.slice(2)}-${r.end.slice(2)} ${r.perms} ${r.offset.slice(2)} ${r.dev} ${r.inode}`)).toBe(true);
    expect(line.trimEnd().endsWith(r.path)).toBe(true);
  }
  expect(regions.map((r) => r.path)).toContain('[stack]');
});

test('paths with spaces and "(deleted)" survive; junk lines are skipped', () => {
  const r = parseMapsLine('7f0000000000-7f0000001000 r-xp 00001000 fe:01 1234   /tmp/my lib.so (deleted)');
  expect(r).toMatchObject({ start: '0x7f0000000000', size: 4096, perms: 'r-xp', offset: '0x00001000', dev: 'fe:01', inode: 1234, path: '/tmp/my lib.so (deleted)' });
  expect(parseMapsLine('ffffffffff600000-ffffffffff601000 --xp 00000000 00:00 0                  [vsyscall]')?.path).toBe('[vsyscall]');
  expect(parseMapsLine('7f00-7f10 rw-p 0 00:00 0')?.path).toBe('');
  expect(parseMaps('not a maps line\n7f00-7f10 rw-p 0')).toEqual([]);
});

test('the maps probe reports [stack], [vdso], [heap] (or none) and the vDSO from auxv', async () => {
  const report = await runProbe('maps');
  expect(report.error).toBeUndefined();
  const regions = report.results.filter((r): r is MapRegion => r.op === 'region');
  const paths = regions.map((r) => r.path);
  expect(paths).toContain('[stack]');
  expect(paths).toContain('[vdso]');
  expect(paths.filter((p) => p === '[heap]').length).toBeLessThanOrEqual(1);
  // Regions come in address order and never overlap.
  for (let i = 1; i < regions.length; i++) expect(BigInt(regions[i]?.start ?? '0') >= BigInt(regions[i - 1]?.end ?? '0')).toBe(true);
  const vdso = report.results.find((r): r is VdsoResult => r.op === 'vdso');
  const ehdr = report.results.find((r): r is AuxvResult => r.op === 'auxv' && 'name' in r && r.name === 'AT_SYSINFO_EHDR');
  const vdsoRegion = regions.find((r) => r.path === '[vdso]');
  expect(vdso?.address).toBe(vdsoRegion?.start);
  expect(vdso?.region_start).toBe(vdsoRegion?.start);
  expect(ehdr?.value).toBe(vdsoRegion?.start);
  const pagesz = report.results.find((r): r is AuxvResult => r.op === 'auxv' && 'name' in r && r.name === 'AT_PAGESZ');
  expect(Number(pagesz?.value)).toBeGreaterThanOrEqual(4096);
});
