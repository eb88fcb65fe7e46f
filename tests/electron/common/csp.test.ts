// The renderer's CSP admits no remote origin: only 'self', data:/blob: images and, for
// the web host, its own loopback WebSocket.
import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy } from '../../../electron/common/csp.js';

function directives(policy: string): Map<string, string[]> {
  return new Map(policy.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name!, values]));
}

describe('contentSecurityPolicy', () => {
  it.each(['electron', 'web'] as const)('%s: no remote source in any directive', (transport) => {
    const d = directives(contentSecurityPolicy(transport));
    expect(d.get('default-src')).toEqual(["'none'"]);
    expect(d.get('script-src')).toEqual(["'self'"]);
    expect(d.get('object-src')).toEqual(["'none'"]);
    for (const [name, values] of d) {
      for (const v of values) {
        const allowed = ["'self'", "'none'", "'unsafe-inline'", 'data:', 'blob:', 'ws://127.0.0.1:*', 'ws://localhost:*'];
        expect(allowed, `${name} ${v}`).toContain(v);
      }
      if (name !== 'style-src') expect(values, name).not.toContain("'unsafe-inline'");
    }
  });

  it('only the web host may open a (loopback) WebSocket', () => {
    expect(directives(contentSecurityPolicy('electron')).get('connect-src')).toEqual(["'none'"]);
    expect(directives(contentSecurityPolicy('web')).get('connect-src')).toEqual(["'self'", 'ws://127.0.0.1:*', 'ws://localhost:*']);
  });
});
