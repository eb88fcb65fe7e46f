import { describe, expect, it } from 'vitest';
import { compareSemver, parseSemver } from '../../../../electron/host/packs/semver.js';

// The precedence example chain from semver.org 2.0.0 §11.
const CHAIN = ['1.0.0-alpha', '1.0.0-alpha.1', '1.0.0-alpha.beta', '1.0.0-beta', '1.0.0-beta.2', '1.0.0-beta.11', '1.0.0-rc.1', '1.0.0', '1.0.1', '1.1.0', '2.0.0'];

describe('semver', () => {
  it('orders the semver.org §11 example chain', () => {
    const parsed = CHAIN.map((v) => parseSemver(v));
    for (let i = 0; i < parsed.length; i++) {
      for (let j = 0; j < parsed.length; j++) {
        const a = parsed[i];
        const b = parsed[j];
        if (!a || !b) throw new Error('parse failed');
        expect(Math.sign(compareSemver(a, b)), `${CHAIN[i]} vs ${CHAIN[j]}`).toBe(Math.sign(i - j));
      }
    }
  });

  it('ignores build metadata and rejects malformed versions', () => {
    const a = parseSemver('1.2.3+build.5');
    const b = parseSemver('1.2.3');
    expect(a && b && compareSemver(a, b)).toBe(0);
    for (const bad of ['1.2', '01.2.3', '1.2.3-', 'v1.2.3', '1.2.3.4']) expect(parseSemver(bad)).toBeNull();
  });
});
