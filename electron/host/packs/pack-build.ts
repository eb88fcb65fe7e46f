// `pack build`: validate a pack folder and write it as a .labpack zip. Entries are
// sorted with fixed timestamps and modes so the same folder builds the same bytes.

import { mkdir, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { zipSync } from 'fflate';
import type { Zippable } from 'fflate';
import { readPackDir } from './pack-files.js';
import type { PackFiles } from './pack-files.js';
import { hasErrors, PackError } from './pack-issue.js';
import type { PackIssue } from './pack-issue.js';
import { loadPack } from './pack-load.js';
import type { LoadOptions } from './pack-load.js';
import type { PackManifest } from './pack-types.js';

// A fixed DOS timestamp (zip cannot store dates before 1980).
const FIXED_MTIME = new Date(2000, 0, 1, 0, 0, 0);
const REGULAR_FILE_0644 = (0o100644 << 16) >>> 0;
const OS_UNIX = 3;

export function zipPackFiles(files: PackFiles): Uint8Array {
  const input: Zippable = {};
  for (const path of [...files.keys()].sort()) {
    const data = files.get(path);
    if (data) input[path] = [data, { mtime: FIXED_MTIME, attrs: REGULAR_FILE_0644, os: OS_UNIX, level: 9 }];
  }
  return zipSync(input);
}

export interface BuildResult {
  manifest: PackManifest;
  warnings: PackIssue[];
  bytes: number;
  files: number;
}

export async function buildPack(dir: string, outFile: string, opts: LoadOptions): Promise<BuildResult> {
  const files = await readPackDir(dir);
  const { pack, issues } = loadPack(files, opts);
  if (!pack || hasErrors(issues)) throw new PackError(`${dir} is not a valid pack`, issues.filter((i) => i.severity === 'error'));
  const zip = zipPackFiles(files);
  await mkdir(dirname(outFile), { recursive: true });
  const tmp = `${outFile}.tmp-${process.pid}`;
  await writeFile(tmp, zip);
  await rename(tmp, outFile);
  return { manifest: pack.manifest, warnings: issues, bytes: zip.length, files: files.size };
}
