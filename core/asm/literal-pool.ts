// Literal pools (`ldr x0, =value`): emitted at the end of their section after
// the statements of each pass, newest pool first like GNU as (tc-aarch64.c).

import type { ArchBackend, InstructionFixup } from './backend.js';
import type { Expr, ExprError, ExprValue } from './expr.js';
import { littleEndian } from './bytes.js';
import type { PassResult, Pool } from './layout-state.js';

export function layoutPools(
  pools: Map<string, Pool>,
  r: PassResult,
  evalAt: (e: Expr, line: number) => ExprValue | ExprError,
  backend: ArchBackend,
  final: boolean,
  setSection: (s: string) => void,
  emit: (b: ArrayLike<number>) => void,
  addFixups: (base: number, fx: InstructionFixup[] | undefined, line: number, column: number) => void,
): void {
  // GNU as (tc-aarch64.c) keeps pools on a list with the newest first and dumps them in that order.
  for (const [key, pool] of [...pools].reverse()) {
    setSection(pool.section);
    const start = r.sectionSizes.get(pool.section) ?? 0;
    const pad = (pool.size - (start % pool.size)) % pool.size;
    emit(new Uint8Array(pad));
    r.sectionAlign.set(pool.section, Math.max(r.sectionAlign.get(pool.section) ?? 1, pool.size));
    r.poolBases.set(key, start + pad);
    for (const ent of pool.entries) {
      const at = r.sectionSizes.get(pool.section) ?? 0;
      const v = evalAt(ent.expr, ent.line);
      if ('message' in v) {
        if (final) r.errors.push({ line: ent.line, column: v.column, message: v.message });
        emit(new Uint8Array(pool.size));
      } else if (v.kind === 'abs') emit(littleEndian(v.value, pool.size));
      else {
        const type = backend.dataRelocation(pool.size);
        if (type !== undefined) addFixups(at, [{ offset: 0, type, symbol: v.symbol, addend: v.addend }], ent.line, ent.column);
        emit(new Uint8Array(pool.size));
      }
    }
  }
}

