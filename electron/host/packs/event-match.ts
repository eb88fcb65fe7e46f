// Matching `where:` clauses against run events. Numbers compare as 64-bit
// integers whether the event holds a number or a U64String ("0x401000").

import type { RunEvent } from '../../../core/trace/events.js';
import { eventField } from './event-fields.js';
import type { FieldValue } from './event-fields.js';
import type { EventMatch, WhereValue } from './pack-types.js';

export function toBigInt(value: unknown): bigint | null {
  if (typeof value === 'number') return Number.isInteger(value) ? BigInt(value) : null;
  if (typeof value !== 'string') return null;
  const m = /^(-?)(0x[0-9a-fA-F]+|[0-9]+)$/.exec(value.trim());
  if (!m || m[2] === undefined) return null;
  const n = BigInt(m[2]);
  return m[1] ? -n : n;
}

function scalarEquals(actual: FieldValue, expected: string | number | boolean | null): boolean {
  if (actual === undefined) return false;
  if (expected === null || actual === null) return actual === expected;
  if (typeof expected === 'boolean' || typeof actual === 'boolean') return actual === expected;
  const a = toBigInt(actual);
  const e = toBigInt(expected);
  // Registers and arguments are 64-bit patterns: -1 and 0xffffffffffffffff are the same value.
  if (a !== null && e !== null) return BigInt.asUintN(64, a) === BigInt.asUintN(64, e);
  return String(actual) === String(expected);
}

export function valueMatches(actual: FieldValue, expected: WhereValue): boolean {
  if (expected === null || typeof expected !== 'object') return scalarEquals(actual, expected);
  if (expected.oneOf && !expected.oneOf.some((v) => scalarEquals(actual, v))) return false;
  if (expected.contains !== undefined && !(typeof actual === 'string' && actual.includes(expected.contains))) return false;
  if (expected.atLeast !== undefined || expected.atMost !== undefined) {
    const a = toBigInt(actual);
    if (a === null) return false;
    const lo = expected.atLeast === undefined ? null : toBigInt(expected.atLeast);
    const hi = expected.atMost === undefined ? null : toBigInt(expected.atMost);
    if (lo !== null && a < lo) return false;
    if (hi !== null && a > hi) return false;
  }
  return true;
}

export function eventMatches(event: RunEvent, match: EventMatch): boolean {
  if (event.type !== match.event) return false;
  for (const [field, expected] of Object.entries(match.where ?? {})) {
    if (!valueMatches(eventField(event, field), expected)) return false;
  }
  return true;
}

/** `syscall name=read errno=EINTR` — for messages. */
export function describeMatch(match: EventMatch): string {
  const parts = Object.entries(match.where ?? {}).map(([k, v]) => `${k}=${describeWhereValue(v)}`);
  return [match.event, ...parts].join(' ');
}

function describeWhereValue(v: WhereValue): string {
  if (v === null || typeof v !== 'object') return String(v);
  const parts: string[] = [];
  if (v.oneOf) parts.push(`one of ${v.oneOf.join('|')}`);
  if (v.atLeast !== undefined) parts.push(`>=${v.atLeast}`);
  if (v.atMost !== undefined) parts.push(`<=${v.atMost}`);
  if (v.contains !== undefined) parts.push(`containing ${JSON.stringify(v.contains)}`);
  return `(${parts.join(', ')})`;
}
