// A pack's files in memory, whether it came from a folder or a .labpack zip.
// Everything downstream (validation, build, import) reads only this map, so
// the safety checks live in exactly two readers: this one and zip-read.ts.

import { lstat, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DEFAULT_PACK_LIMITS, unsafePathReason } from './pack-limits.js';
import type { PackLimits } from './pack-limits.js';
import { PackError } from './pack-issue.js';

/** Pack-relative path (forward slashes) → contents. */
export type PackFiles = Map<string, Uint8Array>;

export async function readPackDir(dir: string, limits: PackLimits = DEFAULT_PACK_LIMITS): Promise<PackFiles> {
  const files: PackFiles = new Map();
  let total = 0;
  const walk = async (rel: string): Promise<void> => {
    const entries = await readdir(join(dir, rel), { withFileTypes: true });
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const relPath = rel ? `${rel}/${entry.name}` : entry.name;
      const st = await lstat(join(dir, relPath));
      // A symlink could point anywhere on the author's or student's disk.
      if (st.isSymbolicLink()) throw new PackError(`${relPath}: symbolic links are not allowed in a pack`);
      const reason = unsafePathReason(relPath);
      if (reason) throw new PackError(`${relPath}: ${reason}`);
      if (st.isDirectory()) {
        await walk(relPath);
      } else if (st.isFile()) {
        if (files.size + 1 > limits.maxFiles) throw new PackError(`pack has more than ${limits.maxFiles} files`);
        total += st.size;
        if (total > limits.maxTotalBytes) throw new PackError(`pack is larger than ${limits.maxTotalBytes} bytes uncompressed`);
        files.set(relPath, new Uint8Array(await readFile(join(dir, relPath))));
      } else {
        throw new PackError(`${relPath}: not a regular file`);
      }
    }
  };
  await walk('');
  return files;
}

/**
 * Zipping a folder usually puts everything under one top-level folder
 * (`my-pack/labpack.yaml`), and macOS adds `__MACOSX/` resource forks. Accept both:
 * drop the resource forks and strip a single root folder that holds the manifest.
 */
export function normalizeZipRoot(files: PackFiles): PackFiles {
  const kept = [...files].filter(([path]) => !path.startsWith('__MACOSX/'));
  if (kept.some(([path]) => path === 'labpack.yaml')) return new Map(kept);
  const roots = new Set(kept.map(([path]) => path.split('/')[0]));
  const [root] = roots;
  if (roots.size !== 1 || root === undefined || !kept.some(([path]) => path === `${root}/labpack.yaml`)) return new Map(kept);
  return new Map(kept.map(([path, data]) => [path.slice(root.length + 1), data]));
}
