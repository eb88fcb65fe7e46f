// Grades one submission for one lab: run it once with the injected runner, then
// evaluate every check for that architecture. The result has PrairieLearn's
// results.json shape (external grader: gradable, score 0..1, tests[]).

import type { Arch } from '../../../core/trace/events.js';
import { evaluateCheck } from './check-eval.js';
import { visibleEvents } from './event-view.js';
import type { LabRunner, ProbeReport, RunOutcome } from './lab-runner.js';
import type { LoadedLab, LoadedPack } from './pack-types.js';
import { drawParams, substituteDeep, substituteText } from './params.js';
import { signalName } from '../../../core/kernel/signal-names.js';

export interface GradeTest {
  name: string;
  points: number;
  max_points: number;
  message: string;
  output?: string;
}

export interface GradeResults {
  gradable: boolean;
  score: number;
  /** One line on how the run ended, shown above the tests (PrairieLearn shows it to the student). */
  message?: string;
  /** What the program wrote to stderr, when it wrote anything. */
  output?: string;
  tests: GradeTest[];
}

/** Output beyond this is cut: a results.json is read by people. */
const MAX_OUTPUT = 8 * 1024;

export interface Submission {
  source: string;
  fileName: string;
  /** Defaults to the lab's first architecture. */
  arch?: Arch;
  stdin?: string;
}

export interface GradeRequest {
  pack: LoadedPack;
  labId: string;
  submission: Submission;
  seed: string;
  runner: LabRunner;
  probes?: ProbeReport[];
}

export function findLab(pack: LoadedPack, labId: string): LoadedLab | undefined {
  return pack.labs.find((l) => l.id === labId);
}

export async function gradeSubmission(req: GradeRequest): Promise<GradeResults> {
  const lab = findLab(req.pack, req.labId);
  if (!lab) return notGradable(`no lab '${req.labId}' in pack ${req.pack.manifest.id}`);
  const arch = req.submission.arch ?? lab.def.architectures[0];
  if (!arch || !lab.def.architectures.includes(arch)) {
    return notGradable(`lab '${lab.id}' is for ${lab.def.architectures.join(', ')}, not ${String(arch)}`);
  }
  const params = drawParams(lab.id, lab.def, req.seed);
  const checks = lab.def.checks.filter((c) => c.arch === undefined || c.arch === arch);

  let outcome: RunOutcome | null = null;
  if (checks.some((c) => c.expect.probe === undefined)) {
    try {
      outcome = await req.runner({
        arch,
        source: req.submission.source,
        fileName: req.submission.fileName,
        seed: req.seed,
        ...(req.submission.stdin !== undefined ? { stdin: req.submission.stdin } : {}),
      });
    } catch (e) {
      return notGradable(`the submission could not be run: ${(e as Error).message}`);
    }
  }

  // A program that does not assemble is not graded, as a compile error is not in
  // PrairieLearn's own autograders: the student sees the messages and tries again.
  if (outcome?.notRun !== undefined) return notGradable(`the submission did not build:\n${outcome.notRun}`);
  if (outcome) outcome = { ...outcome, events: visibleEvents(outcome.events) };
  const tests: GradeTest[] = checks.map((check) => {
    const verdict = evaluateCheck(substituteDeep(check.expect, params), { outcome, probes: req.probes ?? [] });
    const test: GradeTest = { name: substituteText(check.title, params), points: verdict.passed ? check.points : 0, max_points: check.points, message: verdict.message };
    if (verdict.output !== undefined) test.output = verdict.output;
    return test;
  });
  const max = tests.reduce((s, t) => s + t.max_points, 0);
  const got = tests.reduce((s, t) => s + t.points, 0);
  return {
    gradable: true,
    score: max > 0 ? got / max : 0,
    ...(outcome ? { message: describeEnd(outcome) } : {}),
    ...(outcome && outcome.stderr !== '' ? { output: clip(outcome.stderr) } : {}),
    tests,
  };
}

/** How the run ended, in a sentence: the first thing to read when checks fail. */
export function describeEnd(outcome: RunOutcome): string {
  if (outcome.stopped !== undefined) return `The program did not finish: ${outcome.stopped}.`;
  if (outcome.termSignal !== null) {
    const name = signalName(outcome.termSignal);
    return `The program was killed by signal ${outcome.termSignal}${name ? ` (${name})` : ''}.`;
  }
  return `The program exited with status ${String(outcome.exitStatus)}.`;
}

function clip(text: string): string {
  return text.length <= MAX_OUTPUT ? text : `${text.slice(0, MAX_OUTPUT)}\n[… ${text.length - MAX_OUTPUT} more characters]`;
}

function notGradable(message: string): GradeResults {
  return { gradable: false, score: 0, message, tests: [] };
}
