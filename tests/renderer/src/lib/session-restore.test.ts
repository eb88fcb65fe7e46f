import { describe, expect, it } from 'vitest';
import { markAlive, markClosed, readSession, SESSION_KEY, writeSession } from '../../../../renderer/src/lib/session-restore.js';

class MemoryStore {
  readonly items = new Map<string, string>();
  getItem(k: string) { return this.items.get(k) ?? null; }
  setItem(k: string, v: string) { this.items.set(k, v); }
  removeItem(k: string) { this.items.delete(k); }
}

describe('session restore', () => {
  it('round-trips a snapshot', () => {
    const s = new MemoryStore();
    const snap = { view: 'playground', source: 'mov eax, 60', stdin: 'x', lab: { packId: 'p', labId: 'l', title: 'T', arch: 'x86_64' as const } };
    writeSession(s, snap);
    expect(readSession(s)).toEqual(snap);
  });

  it('ignores missing, corrupt or foreign data', () => {
    const s = new MemoryStore();
    expect(readSession(s)).toBeNull();
    for (const bad of ['{', '42', '{"view":1}', '{"view":"labs","source":"x"}']) {
      s.setItem(SESSION_KEY, bad);
      expect(readSession(s), bad).toBeNull();
    }
    s.setItem(SESSION_KEY, JSON.stringify({ view: 'labs', source: '', stdin: '', lab: { packId: 1 } }));
    expect(readSession(s)?.lab).toBeNull();
  });

  it('detects a page that never unloaded cleanly', () => {
    const s = new MemoryStore();
    expect(markAlive(s)).toBe(false);
    expect(markAlive(s)).toBe(true);
    markClosed(s);
    expect(markAlive(s)).toBe(false);
  });
});
