// Installed packs under <userData>/packs/<id>/<version>/: list the newest version
// of each and open one (re-validated, since the folder is on the user's disk).

import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { readPackDir } from './pack-files.js';
import type { PackFiles } from './pack-files.js';
import { hasErrors, PackError } from './pack-issue.js';
import type { PackIssue } from './pack-issue.js';
import { loadPack } from './pack-load.js';
import type { LoadOptions } from './pack-load.js';
import type { LoadedPack } from './pack-types.js';
import { compareSemver, parseSemver } from './semver.js';

export interface InstalledPack {
  id: string;
  version: string;
  dir: string;
}

async function subdirs(dir: string): Promise<string[]> {
  try {
    return (await readdir(dir, { withFileTypes: true })).filter((d) => d.isDirectory() && !d.name.startsWith('.')).map((d) => d.name);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw e;
  }
}

/** The newest installed version of every pack, sorted by id. */
export async function listInstalledPacks(userDataDir: string): Promise<InstalledPack[]> {
  const root = join(userDataDir, 'packs');
  const out: InstalledPack[] = [];
  for (const id of (await subdirs(root)).sort()) {
    const versions = (await subdirs(join(root, id)))
      .map((v) => ({ v, parsed: parseSemver(v) }))
      .filter((x): x is { v: string; parsed: NonNullable<ReturnType<typeof parseSemver>> } => x.parsed !== null)
      .sort((a, b) => compareSemver(b.parsed, a.parsed));
    const newest = versions[0];
    if (newest) out.push({ id, version: newest.v, dir: join(root, id, newest.v) });
  }
  return out;
}

export interface OpenedPack {
  pack: LoadedPack;
  files: PackFiles;
  warnings: PackIssue[];
}

export async function openPack(dir: string, opts: LoadOptions): Promise<OpenedPack> {
  const files = await readPackDir(dir);
  const { pack, issues } = loadPack(files, opts);
  if (!pack || hasErrors(issues)) throw new PackError(`${dir} is not a valid pack`, issues.filter((i) => i.severity === 'error'));
  return { pack, files, warnings: issues };
}
