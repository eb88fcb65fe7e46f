// Seeded variants: each student's seed picks one value per param, deterministically,
// so the same seed always sees (and is graded against) the same lab.

import type { LabDef, ParamValue } from './pack-types.js';

/** FNV-1a 32-bit: a stable, dependency-free hash of the seed material. */
export function fnv1a32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** mulberry32: a small seeded PRNG returning floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type ParamValues = Record<string, ParamValue>;

/** Draws every param of a lab for one student seed; independent per param name. */
export function drawParams(labId: string, def: Pick<LabDef, 'params'>, seed: string): ParamValues {
  const out: ParamValues = {};
  for (const [name, param] of Object.entries(def.params ?? {})) {
    const rand = mulberry32(fnv1a32(`${seed}\u0000${labId}\u0000${name}`));
    const index = Math.floor(rand() * param.oneOf.length);
    const value = param.oneOf[index];
    if (value !== undefined) out[name] = value;
  }
  return out;
}

const PLACEHOLDER = /\{\{\s*([^{}]*?)\s*\}\}/g;

/** Every `{{...}}` placeholder in a text, with the param it names (or null when malformed). */
export function placeholders(text: string): { raw: string; param: string | null }[] {
  const out: { raw: string; param: string | null }[] = [];
  for (const m of text.matchAll(PLACEHOLDER)) {
    const inner = m[1] ?? '';
    const pm = /^params\.([A-Za-z][A-Za-z0-9_]*)$/.exec(inner);
    out.push({ raw: m[0], param: pm ? (pm[1] ?? null) : null });
  }
  return out;
}

/** Replaces `{{params.NAME}}` in text; unknown names are left as written (validation reports them). */
export function substituteText(text: string, values: ParamValues): string {
  return text.replace(PLACEHOLDER, (raw, inner: string) => {
    const pm = /^params\.([A-Za-z][A-Za-z0-9_]*)$/.exec(inner);
    const value = pm && pm[1] !== undefined ? values[pm[1]] : undefined;
    return value === undefined ? raw : String(value);
  });
}

/**
 * Substitutes inside any JSON-like value. A string that is exactly one placeholder
 * takes the param's own type, so `ret: "{{params.bufSize}}"` compares as the number 128.
 */
export function substituteDeep<T>(value: T, values: ParamValues): T {
  return walk(value, values) as T;
}

function walk(value: unknown, values: ParamValues): unknown {
  if (typeof value === 'string') {
    const whole = /^\{\{\s*params\.([A-Za-z][A-Za-z0-9_]*)\s*\}\}$/.exec(value);
    if (whole && whole[1] !== undefined && values[whole[1]] !== undefined) return values[whole[1]];
    return substituteText(value, values);
  }
  if (Array.isArray(value)) return value.map((v) => walk(v, values));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = walk(v, values);
    return out;
  }
  return value;
}
