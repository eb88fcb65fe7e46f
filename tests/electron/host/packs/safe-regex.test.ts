import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { compileSafeRegex, MAX_PATTERN_LENGTH } from '../../../../electron/host/packs/safe-regex.js';

// Reference: the JS engine's own RegExp, on patterns from the shared subset
// (where both must agree whether a match exists).
const atom = fc.constantFrom('a', 'b', 'c', '.', '\\d', '\\w', '\\s', '[ab]', '[^a]', '[a-c0-9]', '\\.', '\\n', 'x', '1');
const quant = fc.constantFrom('', '', '*', '+', '?', '{2}', '{1,3}', '{0,}', '*?');
const piece = fc.tuple(atom, quant).map(([a, q]) => a + q);
const seq = fc.array(piece, { minLength: 0, maxLength: 5 }).map((p) => p.join(''));
const group = fc.tuple(seq, seq, quant).map(([x, y, q]) => `(${x}|${y})${q === '' ? '' : q}`);
const pattern = fc
  .tuple(fc.boolean(), fc.array(fc.oneof(seq, group), { minLength: 1, maxLength: 3 }), fc.boolean())
  .map(([bol, parts, eol]) => `${bol ? '^' : ''}${parts.join('')}${eol ? '$' : ''}`);
const input = fc.stringMatching(/^[abcx1. \n0-9]{0,24}$/);

describe('compileSafeRegex', () => {
  it('agrees with RegExp on whether a match exists', () => {
    fc.assert(
      fc.property(pattern, input, (p, s) => {
        expect(compileSafeRegex(p).test(s), `/${p}/ on ${JSON.stringify(s)}`).toBe(new RegExp(p).test(s));
      }),
      { numRuns: 3000 },
    );
  });

  it('matches the examples a lab author writes', () => {
    expect(compileSafeRegex('^hello, kernel\\n$').test('hello, kernel\n')).toBe(true);
    expect(compileSafeRegex('^hello, kernel\\n$').test('hello, kernel\nmore\n')).toBe(false);
    expect(compileSafeRegex('read\\(0, 0x[0-9a-f]+, 128\\) = -1 EINTR').test('read(0, 0x7ffc10, 128) = -1 EINTR (Interrupted)')).toBe(true);
    expect(compileSafeRegex('took \\d{2,4} ns').test('took 7 ns')).toBe(false);
  });

  it('stays linear on patterns that make backtracking engines explode', () => {
    // (a+)+b on a run of a's is the classic catastrophic case for backtracking engines;
    // here the work is bounded by input length × states, so this returns at all.
    const evil = compileSafeRegex('^(a+)+b$');
    expect(evil.test('a'.repeat(100_000))).toBe(false);
    expect(compileSafeRegex('(a|aa)*c').test('a'.repeat(50_000))).toBe(false);
  });

  it.each([
    ['(a)\\1', /backreferences/],
    ['(?=a)', /lookaround/],
    ['(?<n>a)', /lookaround and named groups/],
    ['a{1000}', /repeat count above 100/],
    ['x'.repeat(MAX_PATTERN_LENGTH + 1), /longer than 200/],
    ['(a', /missing '\)'/],
    ['[a', /missing '\]'/],
    ['*a', /nothing to repeat/],
    ['\\p{L}', /unsupported escape/],
    ['((a{1,100}){1,100}){1,100}', /too large/],
  ])('rejects %s', (p, message) => {
    expect(() => compileSafeRegex(p)).toThrow(message);
  });
});
