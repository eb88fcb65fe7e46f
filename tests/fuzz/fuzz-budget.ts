// Shared settings for the fuzzers in this folder. Each file runs at least FUZZ_RUNS
// inputs per target on every CI run. CI uses a fixed seed so a run is reproducible and
// a red build always means a change broke something; FUZZ_SEED=random explores new
// inputs (fast-check prints the seed of a failure), FUZZ_SEED=N replays one.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const FUZZ_RUNS = 10_000;

/**
 * Wall-clock cap per fuzz test: only a guard against a hang. The inputs are a fixed
 * count, and a 2-core machine shared by several test runs takes several times their
 * CPU time (the pack-parser one, ~25 s of CPU, once ran past a 180 s cap that way).
 */
export const FUZZ_TIMEOUT_MS = 600_000;

/** The seed CI runs with (any fixed number; changed deliberately, never per run). */
export const CI_SEED = 20261127;

/** fast-check parameters: a fixed run count, the seed (fixed unless asked), and short counterexamples. */
export function fuzzParams(numRuns = FUZZ_RUNS): { numRuns: number; seed?: number; endOnFailure: boolean } {
  const env = process.env.FUZZ_SEED;
  if (env === 'random') return { numRuns, endOnFailure: true };
  const seed = env === undefined ? CI_SEED : Number(env);
  return Number.isFinite(seed) ? { numRuns, seed, endOnFailure: true } : { numRuns, seed: CI_SEED, endOnFailure: true };
}

/** Counts of inputs by outcome, printed once per file so CI logs show what was covered. */
export class Tally {
  private readonly counts = new Map<string, number>();
  private readonly samples = new Map<string, string>();
  add(outcome: string, sample?: string): void {
    this.counts.set(outcome, (this.counts.get(outcome) ?? 0) + 1);
    if (sample !== undefined && !this.samples.has(outcome)) this.samples.set(outcome, sample);
  }
  get(outcome: string): number {
    return this.counts.get(outcome) ?? 0;
  }
  total(): number {
    let n = 0;
    for (const v of this.counts.values()) n += v;
    return n;
  }
  report(title: string): string {
    const rows = [...this.counts].sort((a, b) => b[1] - a[1]).map(([k, v]) => `  ${String(v).padStart(6)}  ${k}${this.samples.has(k) ? `   e.g. ${JSON.stringify(this.samples.get(k))}` : ''}`);
    return `${title}: ${this.total()} inputs\n${rows.join('\n')}`;
  }
}

/**
 * With FUZZ_TRACE=DIR, each input is written to DIR/<name>.current before it is tried,
 * so the input behind a hang (which no assertion can catch) is left on disk.
 */
export function traceInput(name: string, input: Uint8Array | string): void {
  const dir = process.env.FUZZ_TRACE;
  if (dir !== undefined && dir !== '') writeFileSync(join(dir, `${name}.current`), input);
}
