// Locates labs/schema/ from this module, both when run from source (tests) and
// from dist/electron/host/packs/ after `tsc -b`: walk up until the folder appears.

import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let cachedDir: string | undefined;

export function schemaDir(): string {
  if (cachedDir) return cachedDir;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 8; i++) {
    const candidate = join(dir, 'labs', 'schema');
    if (existsSync(join(candidate, 'lab.schema.json'))) return (cachedDir = candidate);
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  throw new Error('labs/schema/ not found next to the application');
}

export function readSchema(name: 'labpack' | 'lab'): Record<string, unknown> {
  return JSON.parse(readFileSync(join(schemaDir(), `${name}.schema.json`), 'utf8')) as Record<string, unknown>;
}

/** The running app's version, from the nearest package.json named syscall-lab. */
export function appVersion(): string {
  const pkg = join(dirname(schemaDir()), '..', 'package.json');
  const parsed = JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string; version?: string };
  if (parsed.name !== 'syscall-lab' || typeof parsed.version !== 'string') throw new Error(`unexpected ${pkg}`);
  return parsed.version;
}
