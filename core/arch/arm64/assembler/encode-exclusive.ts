// Load/store exclusive and load-acquire/store-release (ARM ARM C4.1.x
// "Load/store exclusive"): LDXR/LDAXR/STXR/STLXR/LDAR/STLR and their B/H
// forms. The address is a bare base register, optionally `[Xn, #0]`.

import type { Encoded, EncodeCtx } from './encoding-types.js';
import { constant, expectCount, fail, reg, word, type InsnSite } from './encode-util.js';
import type { Operand } from './operands.js';

/** o2:L:o1 (bits 23:21) and o0 (bit 15) with Rs = 31 where unused, keyed by base mnemonic. */
const FORMS: Readonly<Record<string, { readonly bits: number; readonly store: 'none' | 'status' | 'plain' }>> = {
  ldxr: { bits: 0x085f7c00, store: 'none' },
  ldaxr: { bits: 0x085ffc00, store: 'none' },
  stxr: { bits: 0x08007c00, store: 'status' },
  stlxr: { bits: 0x0800fc00, store: 'status' },
  ldar: { bits: 0x08dffc00, store: 'none' },
  stlr: { bits: 0x089ffc00, store: 'plain' },
};

const NAMES: ReadonlySet<string> = new Set(Object.keys(FORMS).flatMap((b) => [b, `${b}b`, `${b}h`]));

export function isExclusiveMnemonic(m: string): boolean {
  return NAMES.has(m);
}

/** LDXP/LDAXP/STXP/STLXP (C6.2 "LDXP"): bit 30 = 64-bit pair. */
const PAIRS: Readonly<Record<string, { readonly bits: number; readonly store: boolean }>> = {
  ldxp: { bits: 0x887f0000, store: false },
  ldaxp: { bits: 0x887f8000, store: false },
  stxp: { bits: 0x88200000, store: true },
  stlxp: { bits: 0x88208000, store: true },
};

export function encodeExclusivePair(m: string, ops: readonly Operand[], ctx: EncodeCtx, site: InsnSite): Encoded {
  const form = PAIRS[m];
  if (!form) return fail(`unknown mnemonic '${m}'`, site.column);
  const n = form.store ? 4 : 3;
  expectCount(ops, n, n, site);
  const rs = form.store ? reg(ops[0], { width: 32 }, site).num : 0;
  const first = form.store ? 1 : 0;
  const rt = reg(ops[first], {}, site);
  const rt2 = reg(ops[first + 1], { width: rt.width }, site);
  const mem = ops[first + 2];
  if (!mem || mem.kind !== 'mem' || mem.index || mem.writeback) return fail('expected an address of the form [Xn|SP] or [Xn|SP, #0]', mem?.column ?? site.column);
  if (mem.offset && constant(ctx, mem.offset) !== 0n) fail('offset must be 0 here', mem.offset.column);
  return { word: word(form.bits, rt.width === 64 ? 0x40000000 : 0, rs << 16, rt2.num << 10, mem.base.num << 5, rt.num) };
}

export function encodeExclusive(m: string, ops: readonly Operand[], ctx: EncodeCtx, site: InsnSite): Encoded {
  const suffix = FORMS[m] ? '' : m.slice(-1);
  const form = FORMS[suffix ? m.slice(0, -1) : m];
  if (!form) return fail(`unknown mnemonic '${m}'`, site.column);
  const withStatus = form.store === 'status';
  expectCount(ops, withStatus ? 3 : 2, withStatus ? 3 : 2, site);
  const rs = withStatus ? reg(ops[0], { width: 32 }, site).num : undefined;
  const rt = reg(ops[withStatus ? 1 : 0], suffix ? { width: 32 } : {}, site);
  const mem = ops[withStatus ? 2 : 1];
  if (!mem || mem.kind !== 'mem' || mem.index || mem.writeback) return fail('expected an address of the form [Xn|SP] or [Xn|SP, #0]', mem?.column ?? site.column);
  if (mem.offset && constant(ctx, mem.offset) !== 0n) fail('offset must be 0 here', mem.offset.column);
  const size = suffix === 'b' ? 0 : suffix === 'h' ? 1 : rt.width === 64 ? 3 : 2;
  return { word: word(form.bits, size << 30, rs !== undefined ? rs << 16 : 0, mem.base.num << 5, rt.num) };
}
