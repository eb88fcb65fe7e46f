// runProbe: build (or reuse) the probes, run one in a child process group with
// a timeout, turn its output into a ProbeReport. Failures come back as a
// report with `error` set, never as a hang.

import { platform } from 'node:os';
import type { HostFacts, MapRegion, ProbeKind, ProbeName, ProbeProgress, ProbeReport, ProbeResult } from '../../common/probe-types.js';
import { analyzeAslr } from './aslr.js';
import { ensureProbesBuilt, findCompiler, type BuildOptions } from './build.js';
import { runFallbackChild } from './fallback-runner.js';
import { collectHostFacts } from './host-facts.js';
import { isProbeName, unsupportedReason } from './probe-catalog.js';
import { runChild, type ChildRunResult } from './process-runner.js';
import { parseProbeOutput, parseProgressLine } from './report-parse.js';

export interface RunProbeOptions {
  signal?: AbortSignal;
  /** Whole-probe budget (all N runs for aslr). Default 120 s. */
  timeoutMs?: number;
  onProgress?: (p: ProbeProgress) => void;
  build?: BuildOptions;
  /** k: repeats per timing (median, p10, p90 over these). Default 11, at least 7. */
  repeats?: number;
  /** Calibrate iterations so one repeat lasts at least this long. Default 10 ms. */
  minRepeatMs?: number;
  /** Executions of the maps probe for aslr. Default 20. */
  aslrRuns?: number;
}

export const DEFAULT_TIMEOUT_MS = 120_000;

export async function hostFacts(build: BuildOptions = {}): Promise<HostFacts> {
  const cc = await findCompiler(build);
  return collectHostFacts(cc ? (cc.version.split('\n')[0] ?? cc.path) : null);
}

/** Why a child run produced no usable output, or null when it did. */
function failure(res: ChildRunResult, timeoutMs: number): string | null {
  if (res.cancelled) return 'cancelled';
  if (res.timedOut) return `timed out after ${timeoutMs / 1000} s (process group killed)`;
  if (res.spawnError) return `could not start the probe: ${res.spawnError}`;
  if (res.signal) return `the probe was killed by ${res.signal}`;
  if (res.code !== 0) {
    const tail = res.stderr.split('\n').filter((l) => l && !l.startsWith('progress ')).slice(-3).join('; ');
    return `the probe exited with status ${res.code}${tail ? `: ${tail}` : ''}`;
  }
  return null;
}

export async function runProbe(name: string, opts: RunProbeOptions = {}): Promise<ProbeReport> {
  if (!isProbeName(name)) throw new Error(`unknown probe '${name}' (see 'syscall-lab probe list')`);
  const probe: ProbeName = name;
  const repeats = Math.max(7, Math.floor(opts.repeats ?? 11));
  const minRepeatMs = opts.minRepeatMs ?? 10;
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const method = { repeats, min_repeat_ms: minRepeatMs };
  const build = await ensureProbesBuilt(opts.build);
  const host = await collectHostFacts(build.compiler);
  const kind: ProbeKind = build.kind;
  const report = (results: ProbeResult[], error?: string): ProbeReport =>
    error === undefined ? { host, kind, probe, results, method } : { host, kind, probe, results, method, error };
  const unsupported = unsupportedReason(probe, platform());
  if (unsupported) return report([], unsupported);

  const deadline = Date.now() + timeoutMs;
  const runOnce = (child: string, onLine: (line: string) => void): Promise<ChildRunResult> => {
    const childOpts = {
      timeoutMs: Math.max(1, deadline - Date.now()),
      env: opts.build?.env ?? process.env,
      onStderrLine: onLine,
      ...(opts.signal ? { signal: opts.signal } : {}),
    };
    if (build.binary) return runChild(build.binary, [child, '--repeats', String(repeats), '--min-ms', String(minRepeatMs)], childOpts);
    return runFallbackChild(child, repeats, minRepeatMs, childOpts);
  };
  const forwardProgress = (line: string): void => {
    const p = parseProgressLine(line);
    if (p) opts.onProgress?.({ probe, ...p });
  };

  if (probe === 'aslr') {
    const n = Math.max(2, Math.floor(opts.aslrRuns ?? 20));
    const runs: MapRegion[][] = [];
    let pageSize = 4096;
    for (let i = 0; i < n; i++) {
      const res = await runOnce('maps', () => {});
      const why = failure(res, timeoutMs);
      if (why) return report([], why);
      let results: ProbeResult[];
      try {
        results = parseProbeOutput(res.stdout);
      } catch (err) {
        return report([], `maps run ${i + 1}: ${err instanceof Error ? err.message : String(err)}`);
      }
      runs.push(results.filter((r): r is MapRegion => r.op === 'region'));
      const pg = results.find((r) => r.op === 'auxv' && 'name' in r && r.name === 'AT_PAGESZ');
      if (pg && 'value' in pg && typeof pg.value === 'string') pageSize = Number(BigInt(pg.value)) || pageSize;
      opts.onProgress?.({ probe, done: i + 1, total: n });
    }
    return report(analyzeAslr(runs, pageSize));
  }

  const res = await runOnce(probe, forwardProgress);
  const why = failure(res, timeoutMs);
  if (why) return report([], why);
  try {
    return report(parseProbeOutput(res.stdout));
  } catch (err) {
    return report([], err instanceof Error ? err.message : String(err));
  }
}
