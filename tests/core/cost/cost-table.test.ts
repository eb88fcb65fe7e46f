// The meter keeps its sums in arrays indexed by EV; charge, chargeAt and the records
// read back by stats() must agree with the table's prices.

import { describe, expect, it } from 'vitest';
import { COST_EVENTS, CostMeter, DEFAULT_COSTS, EV } from '../../../core/cost/cost-table.js';

describe('CostMeter', () => {
  it('charge and chargeAt add the same cycles and counts', () => {
    const a = new CostMeter({ ...DEFAULT_COSTS, dispatch: 17 });
    const b = new CostMeter({ ...DEFAULT_COSTS, dispatch: 17 });
    expect(a.charge('dispatch', 3)).toBe(51);
    b.chargeAt(EV.dispatch!, b.table.dispatch * 3, 3);
    a.charge('modeSwitchEntry');
    b.chargeAt(EV.modeSwitchEntry!, b.table.modeSwitchEntry);
    a.instructions(1000);
    b.instructions(1000);
    expect(a.cycles).toEqual(b.cycles);
    expect(a.counts).toEqual(b.counts);
    expect(a.total()).toBe(51 + DEFAULT_COSTS.modeSwitchEntry + 1000);
    expect(a.total()).toBe(b.total());
    expect(a.cycles.dispatch).toBe(51);
    expect(a.counts.dispatch).toBe(3);
    expect(a.counts.instructions).toBe(1000);
    expect(a.nowNs()).toBeCloseTo(a.total() / 3, 9);
  });

  it('records list every event (zero when never charged) and are copies', () => {
    const m = new CostMeter();
    expect(Object.keys(m.cycles)).toEqual([...COST_EVENTS]);
    const snap = m.counts;
    m.charge('pageFault');
    expect(snap.pageFault).toBe(0);
    expect(m.counts.pageFault).toBe(1);
    expect(COST_EVENTS.map((e) => EV[e])).toEqual(COST_EVENTS.map((_, i) => i));
  });
});

describe('CostMeter.cycleTotals', () => {
  it('lists the cycles in COST_EVENTS order, as the kernel-path samples need, and is a copy', () => {
    const m = new CostMeter();
    m.charge('dispatch', 2);
    m.instructions(5);
    const totals = m.cycleTotals();
    expect(totals).toEqual(COST_EVENTS.map((e) => m.cycles[e]));
    m.charge('dispatch');
    expect(totals[EV.dispatch!]).toBe(2 * DEFAULT_COSTS.dispatch);
  });
});
