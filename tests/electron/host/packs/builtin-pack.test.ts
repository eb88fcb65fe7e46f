// The pack that ships with the app must always pass the same validation authors get.

import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { readPackDir } from '../../../../electron/host/packs/pack-files.js';
import { loadPack } from '../../../../electron/host/packs/pack-load.js';
import { formatIssue } from '../../../../electron/host/packs/pack-issue.js';
import { appVersion } from '../../../../electron/host/paths.js';

const BUILTIN = fileURLToPath(new URL('../../../../labs/boundary', import.meta.url));

describe('built-in pack labs/boundary', () => {
  it('validates without errors against the running app version', async () => {
    const result = loadPack(await readPackDir(BUILTIN), { appVersion: appVersion() });
    expect(result.issues.filter((i) => i.severity === 'error').map(formatIssue)).toEqual([]);
    expect(result.pack?.manifest.id).toBe('boundary');
  });
});
