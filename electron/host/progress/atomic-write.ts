// Crash-safe file replacement: write a temp file in the same folder, fsync it,
// keep the previous version as `.bak` (a hard link, so the live name never
// disappears), rename over the live name, fsync the folder. rename(2) is atomic
// within a filesystem, so a reader sees the old file or the new one, never a mix.

import { link, open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

let counter = 0;

export interface AtomicWriteOptions {
  /** Keep the replaced version at `<path>.bak`. */
  backup?: boolean;
}

export async function writeFileAtomic(path: string, data: string, opts: AtomicWriteOptions = {}): Promise<void> {
  const dir = dirname(path);
  const tmp = join(dir, `.${basename(path)}.tmp-${process.pid}-${counter++}`);
  const fh = await open(tmp, 'w', 0o600);
  try {
    await fh.writeFile(data, 'utf8');
    await fh.sync();
  } finally {
    await fh.close();
  }
  try {
    if (opts.backup) await keepBackup(path);
    await rename(tmp, path);
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  }
  await fsyncDir(dir);
}

async function keepBackup(path: string): Promise<void> {
  const bakTmp = `${path}.bak-tmp-${process.pid}`;
  await rm(bakTmp, { force: true });
  try {
    await link(path, bakTmp);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return; // first save: nothing to keep
    throw e;
  }
  await rename(bakTmp, `${path}.bak`);
}

/** fsync(2) on the directory makes the rename durable; not possible on Windows, where it is skipped. */
export async function fsyncDir(dir: string): Promise<void> {
  let fh;
  try {
    fh = await open(dir, 'r');
    await fh.sync();
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code !== 'EISDIR' && code !== 'EPERM' && code !== 'EINVAL') throw e;
  } finally {
    await fh?.close();
  }
}
