// Every probe's report has the documented shape, natively and in the Node
// fallback set: {host, kind, probe, results}, timing entries
// {op, median_ns, p10_ns, p90_ns, iterations}, the others their own fields.

import { describe, expect, test } from 'vitest';
import type { ProbeKind, ProbeReport, ProbeResult } from '../../../../electron/common/probe-types.js';
import { listProbes, runProbe } from '../../../../electron/host/probes/index.js';
import { unsupportedReason } from '../../../../electron/host/probes/probe-catalog.js';

// Quick settings: the shape does not depend on how long a repeat lasts.
const FAST = { repeats: 7, minRepeatMs: 1, aslrRuns: 3 };

function checkHost(report: ProbeReport): void {
  const h = report.host;
  expect(typeof h.cpuModel).toBe('string');
  expect(h.cores).toBeGreaterThan(0);
  expect(h.kernelRelease.length).toBeGreaterThan(0);
  expect(typeof h.mitigations).toBe('object');
}

function checkEntry(r: ProbeResult): void {
  expect(typeof r.op).toBe('string');
  if ('median_ns' in r) {
    for (const k of ['median_ns', 'p10_ns', 'p90_ns'] as const) expect(Number.isFinite(r[k])).toBe(true);
    expect(r.p10_ns).toBeLessThanOrEqual(r.median_ns);
    expect(r.median_ns).toBeLessThanOrEqual(r.p90_ns);
    expect(Number.isInteger(r.iterations) && r.iterations > 0).toBe(true);
    if (r.cpu_median_ns !== undefined) expect(Number.isFinite(r.cpu_median_ns)).toBe(true);
  } else if ('unavailable' in r) {
    expect(r.unavailable.length).toBeGreaterThan(10);
  } else if (r.op === 'region') {
    expect(r.start).toMatch(/^0x[0-9a-f]+$/);
    expect(BigInt(r.end) > BigInt(r.start)).toBe(true);
    expect(r.perms).toMatch(/^[r-][w-][x-][ps]$/);
  } else if (r.op === 'auxv') {
    expect(r.value).toMatch(/^0x[0-9a-f]+$/);
  } else if (r.op === 'vdso') {
    expect(r.address).toMatch(/^0x[0-9a-f]+$/);
  } else if (r.op === 'aslr') {
    expect(r.seen).toBeLessThanOrEqual(r.runs);
    expect(r.distinct).toBeLessThanOrEqual(r.seen);
    expect(BigInt(r.max) - BigInt(r.min)).toBe(BigInt(r.spread));
  } else if ('outcome' in r) {
    expect(['eintr', 'restarted', 'completed', 'error']).toContain(r.outcome);
    expect(typeof r.sa_restart).toBe('boolean');
  } else {
    throw new Error(`unexpected entry ${JSON.stringify(r)}`);
  }
}

function checkReport(report: ProbeReport, name: string, kind: ProbeKind): void {
  expect(report.error).toBeUndefined();
  expect(report.probe).toBe(name);
  expect(report.kind).toBe(kind);
  checkHost(report);
  expect(report.results.length).toBeGreaterThan(0);
  report.results.forEach(checkEntry);
  // The JSON round trip is lossless: no bigint, no undefined-only fields that matter.
  expect(JSON.parse(JSON.stringify(report))).toEqual(JSON.parse(JSON.stringify(report)));
}

describe('native probes', () => {
  for (const info of listProbes()) {
    test(info.name, async () => {
      const progress: number[] = [];
      const report = await runProbe(info.name, { ...FAST, onProgress: (p) => progress.push(p.done) });
      checkReport(report, info.name, 'native');
      // Timing probes produce at least one timing (or an explained absence) per op.
      if (info.timing) expect(report.results.some((r) => 'median_ns' in r)).toBe(true);
      // Single-threaded timings carry the CPU-time view too.
      if (['null-syscall', 'fast-calls', 'vdso-clock', 'read-sweep', 'page-fault'].includes(info.name))
        for (const r of report.results) if ('median_ns' in r) expect(r.cpu_median_ns).toBeGreaterThan(0);
      expect(progress.length).toBeGreaterThan(0);
    }, 60_000);
  }
});

describe('fallback set (no C compiler)', () => {
  for (const info of listProbes()) {
    test(info.name, async () => {
      const report = await runProbe(info.name, { ...FAST, build: { compiler: null, prebuilt: false } });
      checkReport(report, info.name, 'fallback');
      if (!info.fallback) expect(report.results.every((r) => 'unavailable' in r)).toBe(true);
      else expect(report.results.some((r) => !('unavailable' in r))).toBe(true);
    }, 60_000);
  }
});

describe('other platforms', () => {
  test('Linux-only probes say so off Linux; the portable fallback ones run', () => {
    expect(unsupportedReason('maps', 'darwin')).toBe('unsupported on this platform (darwin): maps needs Linux');
    expect(unsupportedReason('eintr-matrix', 'win32')).toMatch(/^unsupported on this platform \(win32\)/);
    expect(unsupportedReason('fast-calls', 'darwin')).toBeNull();
    expect(unsupportedReason('fast-calls', 'win32')).toMatch(/needs a POSIX host/);
    expect(unsupportedReason('null-syscall', 'win32')).toBeNull();
    for (const p of listProbes()) expect(unsupportedReason(p.name, 'linux')).toBeNull();
    // Every probe that may run off Linux has a fallback to run there.
    for (const p of listProbes()) if (p.hosts !== 'linux') expect(p.fallback).toBe(true);
  });
});
