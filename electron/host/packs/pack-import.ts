// Installs a pack (folder or .labpack) into <userData>/packs/<id>/<version>/.
// Everything is read and validated in memory first (pack-files.ts / zip-read.ts
// hold the zip-slip, symlink and size guards); only then is anything written,
// into a staging folder that is renamed into place.

import { lstat, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import { randomBytes } from 'node:crypto';
import { normalizeZipRoot, readPackDir } from './pack-files.js';
import type { PackFiles } from './pack-files.js';
import { hasErrors, PackError } from './pack-issue.js';
import type { PackIssue } from './pack-issue.js';
import { DEFAULT_PACK_LIMITS } from './pack-limits.js';
import type { PackLimits } from './pack-limits.js';
import { loadPack } from './pack-load.js';
import type { LoadOptions } from './pack-load.js';
import type { LoadedPack } from './pack-types.js';
import { readPackZip } from './zip-read.js';

export interface ImportOptions extends LoadOptions {
  limits?: PackLimits;
}

export interface ImportResult {
  id: string;
  version: string;
  installDir: string;
  pack: LoadedPack;
  warnings: PackIssue[];
}

/** Reads a pack from a folder or a .labpack file, applying every safety limit. */
export async function readPackSource(fileOrDir: string, limits: PackLimits = DEFAULT_PACK_LIMITS): Promise<PackFiles> {
  const st = await lstat(fileOrDir);
  if (st.isSymbolicLink()) throw new PackError(`${fileOrDir}: a pack may not be a symbolic link`);
  if (st.isDirectory()) return readPackDir(fileOrDir, limits);
  if (!st.isFile()) throw new PackError(`${fileOrDir}: not a file or folder`);
  if (st.size > limits.maxTotalBytes) throw new PackError(`${fileOrDir}: file is larger than ${limits.maxTotalBytes} bytes`);
  return normalizeZipRoot(readPackZip(new Uint8Array(await readFile(fileOrDir)), limits));
}

export function packInstallDir(userDataDir: string, id: string, version: string): string {
  return join(userDataDir, 'packs', id, version);
}

export async function importPack(fileOrDir: string, userDataDir: string, opts: ImportOptions): Promise<ImportResult> {
  const files = await readPackSource(fileOrDir, opts.limits);
  const { pack, issues } = loadPack(files, opts);
  if (!pack || hasErrors(issues)) throw new PackError('the pack is not valid', issues.filter((i) => i.severity === 'error'));
  const { id, version } = pack.manifest;
  const installDir = packInstallDir(userDataDir, id, version);
  const parent = dirname(installDir);
  await mkdir(parent, { recursive: true });

  const token = randomBytes(6).toString('hex');
  const staging = join(parent, `.incoming-${version}-${token}`);
  await mkdir(staging);
  try {
    const root = resolve(staging) + sep;
    for (const [path, data] of files) {
      const target = resolve(staging, path);
      // Paths were checked when read; this guards against any future reader that forgets.
      if (!target.startsWith(root)) throw new PackError(`${path}: escapes the pack folder`);
      await mkdir(dirname(target), { recursive: true });
      await writeFile(target, data, { flag: 'wx' });
    }
    const old = join(parent, `.replaced-${version}-${token}`);
    const hadOld = await exists(installDir);
    if (hadOld) await rename(installDir, old);
    await rename(staging, installDir);
    if (hadOld) await rm(old, { recursive: true, force: true });
  } catch (e) {
    await rm(staging, { recursive: true, force: true });
    throw e;
  }
  return { id, version, installDir, pack, warnings: issues };
}

async function exists(path: string): Promise<boolean> {
  try {
    await lstat(path);
    return true;
  } catch {
    return false;
  }
}
