// Where things live, from the compiled location (dist/electron/host) or from sources.

import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository (or app) root: the nearest folder above us holding package.json. */
export function appRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    dir = dirname(dir);
  }
  throw new Error('cannot find the Syscall Lab root (no package.json above the host code)');
}

export function appVersion(): string {
  const pkg = JSON.parse(readFileSync(join(appRoot(), 'package.json'), 'utf8')) as { version: string };
  return pkg.version;
}

export function builtinPackDirs(): string[] {
  return [join(appRoot(), 'labs', 'boundary')];
}

export function rendererDistDir(): string {
  return join(appRoot(), 'renderer', 'dist');
}

export function defaultUserDataDir(): string {
  const base = process.env.XDG_DATA_HOME ?? join(homedir(), '.local', 'share');
  return resolve(process.env.SYSCALL_LAB_USER_DATA ?? join(base, 'syscall-lab'));
}
