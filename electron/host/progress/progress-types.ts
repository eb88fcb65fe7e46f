// One lab's saved progress, and a strict reader for what comes back from disk.

import type { GradeResults } from '../packs/grade.js';
import type { ProbeReport } from '../packs/lab-runner.js';

export interface LabProgress {
  version: 1;
  /** Step ids the student has completed, in completion order. */
  stepsDone: string[];
  /** Editor buffers by file name. */
  drafts: Record<string, string>;
  /** The last grading result, if any. */
  results: GradeResults | null;
  /** Native probe reports the student recorded for this lab. */
  probeRuns: ProbeReport[];
}

export function emptyProgress(): LabProgress {
  return { version: 1, stepsDone: [], drafts: {}, results: null, probeRuns: [] };
}

const isRecord = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Returns the progress if `value` has the saved shape, else null (treated as corrupt). */
export function parseProgress(value: unknown): LabProgress | null {
  if (!isRecord(value) || value['version'] !== 1) return null;
  const { stepsDone, drafts, results, probeRuns } = value;
  if (!Array.isArray(stepsDone) || !stepsDone.every((s) => typeof s === 'string')) return null;
  if (!isRecord(drafts) || !Object.values(drafts).every((s) => typeof s === 'string')) return null;
  if (results !== null && !(isRecord(results) && typeof results['score'] === 'number' && Array.isArray(results['tests']))) return null;
  if (!Array.isArray(probeRuns) || !probeRuns.every((p) => isRecord(p) && typeof p['kind'] === 'string' && Array.isArray(p['results']))) return null;
  return value as unknown as LabProgress;
}
