import { describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readPrefs, studentSeed, updatePrefs } from '../../../electron/host/prefs-file.js';
import { HostServices } from '../../../electron/host/services.js';

const fresh = () => mkdtempSync(join(tmpdir(), 'syscall-lab-prefs-'));

describe('prefs file', () => {
  it('keeps every one of many updates sent at once', async () => {
    const dir = fresh();
    await Promise.all(Array.from({ length: 40 }, (_, i) => updatePrefs(dir, (p) => void (p[`k${i}`] = String(i)))));
    const prefs = await readPrefs(dir);
    expect(Object.keys(prefs)).toHaveLength(40);
    expect(prefs['k39']).toBe('39');
  });

  it('makes one student seed even when asked for it many times at once', async () => {
    const dir = fresh();
    const seeds = await Promise.all(Array.from({ length: 10 }, () => studentSeed(dir)));
    expect(new Set(seeds).size).toBe(1);
    expect((await readPrefs(dir)).studentSeed).toBe(seeds[0]);
  });

  it('an update that throws changes nothing and does not block the next', async () => {
    const dir = fresh();
    await updatePrefs(dir, (p) => void (p.a = '1'));
    await expect(
      updatePrefs(dir, () => {
        throw new Error('no');
      }),
    ).rejects.toThrow('no');
    await updatePrefs(dir, (p) => void (p.b = '2'));
    expect(await readPrefs(dir)).toEqual({ a: '1', b: '2' });
  });

  it('prefs.set calls in quick succession all stick (a panel dragged with the keyboard)', async () => {
    const s = new HostServices({ userDataDir: fresh(), transport: 'web' });
    try {
      await Promise.all([45, 47, 49].map((v, i) => s.dispatch('prefs.set', { key: `panel.${i}`, value: String(v) })));
      await Promise.all(['47', '49'].map((value) => s.dispatch('prefs.set', { key: 'panel.width', value })));
      expect(await s.dispatch('prefs.get', { keys: ['panel.0', 'panel.1', 'panel.2', 'panel.width'] })).toEqual({
        ok: true,
        value: { 'panel.0': '45', 'panel.1': '47', 'panel.2': '49', 'panel.width': '49' },
      });
    } finally {
      await s.close();
    }
  });
});
