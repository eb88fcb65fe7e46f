// Reading saved progress without changing anything on disk (export uses this;
// the store adds the repair steps on top).

import { readFile } from 'node:fs/promises';
import { parseProgress } from './progress-types.js';
import type { LabProgress } from './progress-types.js';

export type ReadOutcome = { kind: 'ok'; progress: LabProgress } | { kind: 'missing' } | { kind: 'corrupt'; reason: string };

export async function readProgressFile(file: string): Promise<ReadOutcome> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'missing' };
    throw e;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return { kind: 'corrupt', reason: `not valid JSON (${(e as Error).message})` };
  }
  const progress = parseProgress(json);
  return progress ? { kind: 'ok', progress } : { kind: 'corrupt', reason: 'not a progress record' };
}
