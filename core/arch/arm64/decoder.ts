// Expands the row table (decode-table.ts) into a dispatch on bits [31:21]: each of
// the 2048 buckets keeps only the rows whose fixed bits agree with that prefix, so
// a lookup is one array index plus a scan of (usually) one or two rows.
import { ROWS } from './decode-table.js';
import { undefinedInstruction } from './exceptions.js';
import type { ExecFn, InsnRow } from './types.js';

const BUCKET_SHIFT = 21;
const BUCKETS = 1 << (32 - BUCKET_SHIFT);

function buildBuckets(): InsnRow[][] {
  const out: InsnRow[][] = [];
  for (let b = 0; b < BUCKETS; b++) {
    const prefix = (b << BUCKET_SHIFT) >>> 0;
    const topMask = (0xffffffff << BUCKET_SHIFT) >>> 0;
    out.push(ROWS.filter((r) => ((r.mask & topMask & prefix) >>> 0) === ((r.value & topMask) >>> 0)));
  }
  return out;
}

const buckets = buildBuckets();
/** Fast path: a bucket whose single row covers every word with that prefix. */
const direct: (ExecFn | null)[] = buckets.map((rows) => {
  const only = rows[0];
  const decided = only !== undefined && (only.selfChecked === true || (only.mask & ~(0xffffffff << BUCKET_SHIFT)) === 0);
  return rows.length === 1 && decided ? only.exec : null;
});

/** The table row for a word, or undefined for an unallocated encoding. */
export function findRow(word: number): InsnRow | undefined {
  const rows = buckets[word >>> BUCKET_SHIFT]!;
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i]!;
    if (((word & r.mask) >>> 0) === r.value) return r;
  }
  return undefined;
}

export function dispatch(word: number): ExecFn {
  const d = direct[word >>> BUCKET_SHIFT];
  if (d) return d;
  const r = findRow(word);
  return r === undefined ? undefinedInstruction : r.exec;
}
