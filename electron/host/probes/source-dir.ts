// Where the probe C sources and prebuilt binaries live, from sources (tests,
// dev), from dist/ (compiled host code) or inside a packaged app.

import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const PROBE_BINARY = 'syscall-probe';

/** The C sources: next to this file when run from sources, else under the app root. */
export function probeSourceDir(): string | null {
  const here = dirname(fileURLToPath(import.meta.url));
  let dir = here;
  const candidates = [join(here, 'c')];
  for (let i = 0; i < 6; i++) {
    candidates.push(join(dir, 'electron', 'host', 'probes', 'c'));
    dir = dirname(dir);
  }
  return candidates.find((c) => existsSync(join(c, 'probe.h'))) ?? null;
}

/** Folders that may hold a prebuilt `syscall-probe` (npm run build:probes, or the packaged app). */
export function prebuiltCandidates(env: NodeJS.ProcessEnv): string[] {
  const out: string[] = [];
  const resources = (process as NodeJS.Process & { resourcesPath?: string }).resourcesPath;
  if (resources) out.push(join(resources, 'probes'));
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    if (existsSync(join(dir, 'package.json'))) {
      out.push(join(dir, 'dist', 'probes'));
      break;
    }
    dir = dirname(dir);
  }
  if (env.SYSCALL_LAB_PROBES_DIR) out.unshift(env.SYSCALL_LAB_PROBES_DIR);
  return out;
}
