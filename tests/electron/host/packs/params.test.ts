import { describe, expect, it } from 'vitest';
import { drawParams, fnv1a32, mulberry32, placeholders, substituteDeep, substituteText } from '../../../../electron/host/packs/params.js';

const def = { params: { bufSize: { oneOf: [64, 128, 4096] }, sig: { oneOf: ['SIGALRM', 'SIGUSR1'] } } };

describe('seeded params', () => {
  it('hashes with FNV-1a (published test vectors)', () => {
    // Vectors from the FNV reference (draft-eastlake-fnv): "" and "a" and "foobar".
    expect(fnv1a32('')).toBe(0x811c9dc5);
    expect(fnv1a32('a')).toBe(0xe40c292c);
    expect(fnv1a32('foobar')).toBe(0xbf9cf968);
  });

  it('mulberry32 is deterministic and stays in [0,1)', () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    const xs = Array.from({ length: 1000 }, () => a());
    expect(xs).toEqual(Array.from({ length: 1000 }, () => b()));
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
  });

  it('draws the same variant for the same seed and lab', () => {
    expect(drawParams('hello-write', def, 'alice')).toEqual(drawParams('hello-write', def, 'alice'));
  });

  it('spreads students over every value, independently per lab', () => {
    const seen = new Map<string, number>();
    let differentLab = 0;
    for (let i = 0; i < 600; i++) {
      const v = drawParams('hello-write', def, `student-${i}`);
      const key = `${v['bufSize']}/${v['sig']}`;
      seen.set(key, (seen.get(key) ?? 0) + 1);
      if (drawParams('other-lab', def, `student-${i}`)['bufSize'] !== v['bufSize']) differentLab++;
    }
    expect(seen.size).toBe(6);
    for (const n of seen.values()) expect(n).toBeGreaterThan(50); // 100 expected per cell
    expect(differentLab).toBeGreaterThan(300); // ~400 expected if independent
  });

  it('substitutes in text and keeps a whole-placeholder value typed', () => {
    const values = { bufSize: 128, sig: 'SIGUSR1' };
    expect(substituteText('read {{params.bufSize}} bytes, wait for {{ params.sig }}', values)).toBe('read 128 bytes, wait for SIGUSR1');
    expect(substituteDeep({ where: { arg2: '{{params.bufSize}}', line: 'n={{params.bufSize}}' }, list: ['{{params.sig}}'] }, values)).toEqual({
      where: { arg2: 128, line: 'n=128' },
      list: ['SIGUSR1'],
    });
    expect(substituteText('{{params.nope}}', values)).toBe('{{params.nope}}');
  });

  it('finds placeholders and flags malformed ones', () => {
    expect(placeholders('{{params.a}} {{b}} {{ params.c_1 }}')).toEqual([
      { raw: '{{params.a}}', param: 'a' },
      { raw: '{{b}}', param: null },
      { raw: '{{ params.c_1 }}', param: 'c_1' },
    ]);
  });
});
