// Evaluates one declarative check (lab.yaml `expect:`) against a finished run and
// any native probe reports. Pure data in, verdict out: packs never run code.

import type { RunEvent } from '../../../core/trace/events.js';
import { describeEvent } from './event-fields.js';
import { describeMatch, eventMatches, toBigInt } from './event-match.js';
import type { ProbeReport, RunOutcome } from './lab-runner.js';
import type { Bound, CheckExpect, EventMatch, TextMatch } from './pack-types.js';
import { compileSafeRegex, MAX_INPUT_LENGTH } from './safe-regex.js';
import { signalNumber } from './signal-names.js';

export interface CheckContext {
  outcome: RunOutcome | null;
  probes: ProbeReport[];
}

export interface CheckVerdict {
  passed: boolean;
  message: string;
  output?: string;
}

const MAX_OUTPUT_LINES = 12;

export function evaluateCheck(expect: CheckExpect, ctx: CheckContext): CheckVerdict {
  if (expect.probe) return probeRatio(expect.probe.ratio, ctx.probes);
  const outcome = ctx.outcome;
  if (!outcome) return { passed: false, message: 'the program did not run' };
  if (expect.event) return eventCheck({ event: expect.event, where: expect.where ?? {} }, expect.after, outcome.events);
  if (expect.entryReg) return entryRegCheck(expect.entryReg, outcome);
  if (expect.exit) return exitCheck(expect.exit, outcome);
  if (expect.stdout) return textCheck('stdout', expect.stdout, outcome.stdout);
  if (expect.stderr) return textCheck('stderr', expect.stderr, outcome.stderr);
  if (expect.count) return countCheck(expect.count, outcome.events);
  return { passed: false, message: 'check has no known kind' };
}

function excerpt(events: RunEvent[], filter: (e: RunEvent) => boolean): string | undefined {
  const lines = events.filter(filter).map(describeEvent);
  if (lines.length === 0) return undefined;
  const shown = lines.slice(0, MAX_OUTPUT_LINES);
  if (lines.length > shown.length) shown.push(`... ${lines.length - shown.length} more`);
  return shown.join('\n');
}

function eventCheck(match: EventMatch, after: EventMatch | undefined, events: RunEvent[]): CheckVerdict {
  let from = 0;
  if (after) {
    const anchor = events.findIndex((e) => eventMatches(e, after));
    if (anchor < 0) {
      return { passed: false, message: `no ${describeMatch(after)} happened, so nothing can follow it`, output: excerpt(events, (e) => e.type === after.event) };
    }
    from = anchor + 1;
  }
  const hit = events.findIndex((e, i) => i >= from && eventMatches(e, match));
  const suffix = after ? ` after ${describeMatch(after)}` : '';
  if (hit >= 0) return { passed: true, message: `found ${describeMatch(match)}${suffix}: ${describeEvent(events[hit] as RunEvent)}` };
  const sameName = (e: RunEvent): boolean =>
    e.type === match.event && (match.where?.['name'] === undefined || eventMatches(e, { event: match.event, where: { name: match.where['name'] } }));
  return { passed: false, message: `expected ${describeMatch(match)}${suffix}, none found`, output: excerpt(events, sameName) };
}

function entryRegCheck(check: NonNullable<CheckExpect['entryReg']>, outcome: RunOutcome): CheckVerdict {
  const calls = outcome.events.filter((e): e is RunEvent & { type: 'syscall' } => e.type === 'syscall' && e.name === check.syscall);
  if (calls.length === 0) return { passed: false, message: `the program never called ${check.syscall}` };
  let expected = toBigInt(check.equals);
  let expectedLabel = String(check.equals);
  if (expected === null) {
    // A per-syscall fact (`addressAfterSyscall:write`) wins over the run-wide one.
    const fact = outcome.facts[`${String(check.equals)}:${check.syscall}`] ?? outcome.facts[String(check.equals)];
    if (fact === undefined) return { passed: false, message: `the run did not report '${String(check.equals)}'` };
    expected = toBigInt(fact);
    expectedLabel = `${String(check.equals)} (${fact})`;
    if (expected === null) return { passed: false, message: `'${String(check.equals)}' is not a number: ${fact}` };
  }
  const which = check.which ?? 'first';
  const chosen = which === 'all' ? calls : [which === 'first' ? calls[0] : calls[calls.length - 1]];
  for (const call of chosen) {
    if (!call) continue;
    const raw = call.entryRegs[check.reg];
    if (raw === undefined) return { passed: false, message: `register ${check.reg} was not recorded at ${check.syscall} entry` };
    const got = toBigInt(raw);
    if (got === null || BigInt.asUintN(64, got) !== BigInt.asUintN(64, expected)) {
      return { passed: false, message: `${check.reg} at ${check.syscall} entry was ${raw}, expected ${expectedLabel}`, output: call.line };
    }
  }
  return { passed: true, message: `${check.reg} at ${check.syscall} entry equals ${expectedLabel}` };
}

function exitCheck(check: NonNullable<CheckExpect['exit']>, outcome: RunOutcome): CheckVerdict {
  const got =
    outcome.termSignal !== null
      ? `killed by signal ${outcome.termSignal}`
      : outcome.exitStatus !== null
        ? `exit status ${outcome.exitStatus}`
        : `no exit (${outcome.stopped ?? 'the run ended before the program did'})`;
  if (check.status !== undefined) {
    const want = toBigInt(check.status);
    if (outcome.exitStatus === null || want === null || BigInt(outcome.exitStatus) !== want) {
      return { passed: false, message: `expected exit status ${String(check.status)}, got ${got}` };
    }
  }
  if (check.signal !== undefined) {
    const want = signalNumber(check.signal);
    if (want === null || outcome.termSignal !== want) return { passed: false, message: `expected death by ${String(check.signal)}, got ${got}` };
  }
  return { passed: true, message: got };
}

function textCheck(stream: 'stdout' | 'stderr', check: TextMatch, text: string): CheckVerdict {
  const shown = text.length > 400 ? `${text.slice(0, 400)}...` : text;
  if (check.equals !== undefined) {
    return text === check.equals
      ? { passed: true, message: `${stream} is as expected` }
      : { passed: false, message: `${stream} differs from ${JSON.stringify(check.equals)}`, output: shown };
  }
  if (check.contains !== undefined) {
    return text.includes(check.contains)
      ? { passed: true, message: `${stream} contains ${JSON.stringify(check.contains)}` }
      : { passed: false, message: `${stream} does not contain ${JSON.stringify(check.contains)}`, output: shown };
  }
  if (check.matches !== undefined) {
    const re = compileSafeRegex(check.matches);
    const truncated = text.length > MAX_INPUT_LENGTH ? ` (first ${MAX_INPUT_LENGTH} characters)` : '';
    return re.test(text)
      ? { passed: true, message: `${stream} matches /${check.matches}/` }
      : { passed: false, message: `${stream}${truncated} does not match /${check.matches}/`, output: shown };
  }
  return { passed: false, message: `${stream} check has no condition` };
}

function inBounds(n: bigint | number, b: { atLeast?: Bound; atMost?: Bound; equals?: Bound }): boolean {
  const num = (x: Bound): number => Number(typeof x === 'string' ? x.trim() : x);
  const v = Number(n);
  if (b.equals !== undefined && v !== num(b.equals)) return false;
  if (b.atLeast !== undefined && v < num(b.atLeast)) return false;
  if (b.atMost !== undefined && v > num(b.atMost)) return false;
  return true;
}

function describeBounds(b: { atLeast?: Bound; atMost?: Bound; equals?: Bound }): string {
  const parts: string[] = [];
  if (b.equals !== undefined) parts.push(`exactly ${b.equals}`);
  if (b.atLeast !== undefined) parts.push(`at least ${b.atLeast}`);
  if (b.atMost !== undefined) parts.push(`at most ${b.atMost}`);
  return parts.join(' and ');
}

function countCheck(check: NonNullable<CheckExpect['count']>, events: RunEvent[]): CheckVerdict {
  const match: EventMatch = { event: check.event, where: check.where ?? {} };
  const n = events.filter((e) => eventMatches(e, match)).length;
  const msg = `${n} × ${describeMatch(match)} (want ${describeBounds(check)})`;
  return inBounds(n, check) ? { passed: true, message: msg } : { passed: false, message: msg, output: excerpt(events, (e) => eventMatches(e, match)) };
}

type Median = { ns: number; fallback: boolean } | { unavailable: string } | null;

/**
 * Finds a timing by op name (`clock_gettime:vdso`), or `probe/op` to pick one
 * probe's report when several measured the same op. The first report wins.
 */
export function probeMedian(probes: ProbeReport[], name: string): Median {
  const found = probeResult(probes, name);
  if (!found) return null;
  const { report, result } = found;
  if ('median_ns' in result) return { ns: result.median_ns, fallback: report.kind === 'fallback' };
  return { unavailable: result.unavailable };
}

/** The report and result a probe-check name resolves to (see probeMedian). */
function probeResult(probes: ProbeReport[], name: string): { report: ProbeReport; result: { median_ns: number } | { unavailable: string } } | null {
  const slash = name.indexOf('/');
  const probe = slash >= 0 ? name.slice(0, slash) : null;
  const op = slash >= 0 ? name.slice(slash + 1) : name;
  for (const report of probes) {
    if (probe !== null && report.probe !== probe) continue;
    for (const r of report.results) {
      if (r.op !== op) continue;
      if ('median_ns' in r && Number.isFinite(r.median_ns)) return { report, result: r };
      if ('unavailable' in r) return { report, result: r };
    }
  }
  return null;
}

/** The reports a lab's probe checks read from, in the order given, each once. */
export function probeReportsUsed(checks: readonly { expect: CheckExpect }[], probes: ProbeReport[]): ProbeReport[] {
  const used = new Set<ProbeReport>();
  for (const check of checks) {
    const ratio = check.expect.probe?.ratio;
    if (!ratio) continue;
    for (const name of [ratio.numerator, ratio.denominator]) {
      const found = probeResult(probes, name);
      if (found) used.add(found.report);
    }
  }
  return probes.filter((p) => used.has(p));
}

function probeRatio(check: NonNullable<CheckExpect['probe']>['ratio'], probes: ProbeReport[]): CheckVerdict {
  if (probes.length === 0) return { passed: false, message: 'needs a native probe run; none was recorded' };
  const num = probeMedian(probes, check.numerator);
  const den = probeMedian(probes, check.denominator);
  for (const [name, m] of [[check.numerator, num], [check.denominator, den]] as const) {
    if (m === null) return { passed: false, message: `the probe report has no result for '${name}'` };
    if ('unavailable' in m) return { passed: false, message: `the probe could not measure '${name}': ${m.unavailable}` };
  }
  if (!num || !den || !('ns' in num) || !('ns' in den)) return { passed: false, message: 'no probe timings' };
  if (den.ns <= 0) return { passed: false, message: `'${check.denominator}' has a median of ${den.ns} ns; cannot divide` };
  const ratio = num.ns / den.ns;
  const fallback = num.fallback || den.fallback ? ' [Node fallback probes, not native]' : '';
  const msg = `${check.numerator} / ${check.denominator} = ${num.ns} ns / ${den.ns} ns = ${ratio.toFixed(2)} (want ${describeBounds(check)})${fallback}`;
  return { passed: inBounds(ratio, check), message: msg };
}
