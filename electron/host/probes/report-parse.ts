// Turns a probe child's stdout (native or fallback: same shape) into results,
// and folds the raw maps text into parsed regions.

import type { ProbeResult, VdsoResult } from '../../common/probe-types.js';
import { parseMaps } from './maps-parse.js';

interface RawOutput {
  probe: string;
  results: Array<Record<string, unknown>>;
}

function isRawOutput(v: unknown): v is RawOutput {
  if (typeof v !== 'object' || v === null) return false;
  const o = v as Record<string, unknown>;
  return typeof o.probe === 'string' && Array.isArray(o.results);
}

/** Parse the JSON object a probe printed; throws with the reason when it is malformed. */
export function parseProbeOutput(stdout: string): ProbeResult[] {
  const start = stdout.indexOf('{');
  if (start < 0) throw new Error('the probe printed no JSON');
  const parsed: unknown = JSON.parse(stdout.slice(start));
  if (!isRawOutput(parsed)) throw new Error('the probe printed JSON without {probe, results}');
  const out: ProbeResult[] = [];
  for (const r of parsed.results) {
    if (r.op === 'maps-raw' && typeof r.text === 'string') out.push(...parseMaps(r.text));
    else out.push(r as unknown as ProbeResult);
  }
  const vdsoRegion = out.find((r) => r.op === 'region' && 'path' in r && r.path === '[vdso]');
  for (const r of out) {
    if (r.op === 'vdso') (r as VdsoResult).region_start = vdsoRegion && 'start' in vdsoRegion ? vdsoRegion.start : null;
  }
  return out;
}

/** "progress 3/12" lines from the probe's stderr. */
export function parseProgressLine(line: string): { done: number; total: number } | null {
  const m = /^progress (\d+)\/(\d+)$/.exec(line.trim());
  return m ? { done: Number(m[1]), total: Number(m[2]) } : null;
}
