import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cp, mkdir, mkdtemp, rm, writeFile, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { importPack } from '../../../../electron/host/packs/pack-import.js';
import { listInstalledPacks, openPack } from '../../../../electron/host/packs/pack-store.js';
import { PackError } from '../../../../electron/host/packs/pack-issue.js';

const EXAMPLE = fileURLToPath(new URL('../../../fixtures/packs/example', import.meta.url));
let work: string;

beforeEach(async () => {
  work = await mkdtemp(join(tmpdir(), 'pack-store-'));
});
afterEach(async () => {
  await rm(work, { recursive: true, force: true });
});

async function exampleAtVersion(version: string): Promise<string> {
  const dir = join(work, `src-${version}`);
  await cp(EXAMPLE, dir, { recursive: true });
  const manifest = join(dir, 'labpack.yaml');
  await writeFile(manifest, (await readFile(manifest, 'utf8')).replace('version: 1.2.0', `version: ${version}`));
  return dir;
}

describe('installed packs', () => {
  it('lists the newest version of each pack by semver precedence', async () => {
    const userData = join(work, 'ud');
    for (const v of ['1.2.0', '1.10.0', '1.10.0-rc.1', '1.9.9']) await importPack(await exampleAtVersion(v), userData, { appVersion: '0.1.0' });
    await mkdir(join(userData, 'packs', 'example.syscall-lab', 'not-a-version'));
    expect(await listInstalledPacks(userData)).toEqual([
      { id: 'example.syscall-lab', version: '1.10.0', dir: join(userData, 'packs', 'example.syscall-lab', '1.10.0') },
    ]);
    expect(await listInstalledPacks(join(work, 'empty'))).toEqual([]);
  });

  it('re-validates an installed pack when opening it', async () => {
    const userData = join(work, 'ud');
    const { installDir } = await importPack(EXAMPLE, userData, { appVersion: '0.1.0' });
    const opened = await openPack(installDir, { appVersion: '0.1.0' });
    expect(opened.pack.labs.map((l) => l.id)).toEqual(['hello-write', 'vdso-cost']);
    await writeFile(join(installDir, 'labs', 'vdso-cost', 'lab.yaml'), 'title: [');
    await expect(openPack(installDir, { appVersion: '0.1.0' })).rejects.toBeInstanceOf(PackError);
  });
});
