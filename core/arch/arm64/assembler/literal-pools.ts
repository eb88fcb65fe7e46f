// `ldr xN, =expr` literal pools. GNU as (tc-aarch64.c s_ltorg) keeps one pool
// per section and entry size, deduplicates equal values, and dumps the 4-byte
// pool then the 8-byte pool, each aligned to its entry size, at `.ltorg` /
// `.pool`; whatever is left goes at the end of the section. The front end
// (core/asm) owns the end-of-section pools; this class owns the `.ltorg` ones.
// Which of the two a literal lands in is learnt from the previous layout pass.

import type { EncodeContext, Expr, ExprValue, InstructionFixup } from '../../../asm/index.js';
import { littleEndian } from '../../../asm/index.js';
import { ARM64_RELOC } from './encoding-types.js';

interface Entry {
  readonly size: 4 | 8;
  readonly key: string;
  readonly value: ExprValue;
  readonly ids: number[];
}

export interface LiteralSlot {
  /** Offset of the slot in the instruction's section, if known this pass. */
  readonly offset: bigint | undefined;
}

/**
 * GNU as (add_to_lit_pool) shares a slot only between equal constants of the
 * same signedness (`=-1` and `=0xffffffffffffffff` get two slots), or equal
 * symbol + addend; the unmasked value captures that.
 */
export function literalKey(v: ExprValue): string {
  if (v.kind === 'abs') return `abs:${v.value}`;
  return `sym:${v.symbol}:${v.addend}`;
}

export class LiteralPools {
  private pass = -1;
  private nextId = 0;
  private previous = new Map<number, bigint>();
  private current = new Map<number, bigint>();
  private pending = new Map<string, Entry[]>();
  /** Per section, the first 8-byte literal sent to the front end's pool (this pass / last pass). */
  private firstWide = new Map<string, { expr: Expr; key: string }>();
  private previousFirstWide = new Map<string, { expr: Expr; key: string }>();
  private wideRequested = new Set<string>();

  private sync(pass: number): void {
    if (pass === this.pass) return;
    this.pass = pass;
    this.previous = this.current;
    this.current = new Map();
    this.pending = new Map();
    this.nextId = 0;
    this.previousFirstWide = this.firstWide;
    this.firstWide = new Map();
    this.wideRequested = new Set();
  }

  /** Find (or request) the pool slot for one `ldr =` literal. */
  request(ctx: EncodeContext, expr: Expr, value: ExprValue, size: 4 | 8): LiteralSlot | { error: string; column: number } {
    this.sync(ctx.pass);
    const id = this.nextId++;
    const key = literalKey(value);
    const list = this.pending.get(ctx.section) ?? [];
    this.pending.set(ctx.section, list);
    const same = list.find((e) => e.size === size && e.key === key);
    if (same) same.ids.push(id);
    else list.push({ size, key, value, ids: [id] });
    const placed = this.previous.get(id);
    if (placed !== undefined) return { offset: placed };
    // Not placed by a `.ltorg` last pass: the front end's end-of-section pool.
    this.orderEndPools(ctx, expr, size, key);
    const v = ctx.literal(expr, size, key);
    if ('message' in v) return { error: v.message, column: v.column };
    if (v.kind !== 'rel' || v.section !== ctx.section) return { offset: undefined };
    return { offset: v.offset };
  }

  /**
   * core/asm dumps end-of-section pools newest first; GNU as dumps the 4-byte
   * pool before the 8-byte one. When a 4-byte literal would create its pool
   * first, register last pass's first 8-byte literal before it (it is
   * requested again later and de-duplicated, so contents and order within the
   * pool do not change) so that the 8-byte pool is the older one.
   */
  private orderEndPools(ctx: EncodeContext, expr: Expr, size: 4 | 8, key: string): void {
    const sec = ctx.section;
    if (size === 8) {
      this.wideRequested.add(sec);
      if (!this.firstWide.has(sec)) this.firstWide.set(sec, { expr, key });
      return;
    }
    if (this.wideRequested.has(sec)) return;
    const first = this.previousFirstWide.get(sec);
    if (!first) return;
    // Only genuine requests go into firstWide, so a stale entry cannot persist.
    this.wideRequested.add(sec);
    ctx.literal(first.expr, 8, first.key);
  }

  /** `.ltorg` / `.pool`: emit this section's pending literals here. */
  flush(ctx: EncodeContext): { bytes: Uint8Array; fixups: InstructionFixup[] } {
    this.sync(ctx.pass);
    const entries = this.pending.get(ctx.section) ?? [];
    this.pending.set(ctx.section, []);
    const out: number[] = [];
    const fixups: InstructionFixup[] = [];
    for (const size of [4, 8] as const) {
      const group = entries.filter((e) => e.size === size);
      if (group.length === 0) continue;
      while ((ctx.offset + out.length) % size !== 0) out.push(0);
      for (const e of group) {
        const at = out.length;
        for (const id of e.ids) this.current.set(id, BigInt(ctx.offset + at));
        if (e.value.kind === 'abs') out.push(...littleEndian(e.value.value, size));
        else {
          fixups.push({ offset: at, type: size === 8 ? ARM64_RELOC.R_AARCH64_ABS64 : ARM64_RELOC.R_AARCH64_ABS32, symbol: e.value.symbol, addend: e.value.addend });
          for (let i = 0; i < size; i++) out.push(0);
        }
      }
    }
    return { bytes: Uint8Array.from(out), fixups };
  }
}
