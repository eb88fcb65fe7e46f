// Writes the guest runtime (runtime.s, runtime.h) to a folder so gcc can build C
// programs against it: used by `syscall-lab runtime --out DIR` and by the C-program
// conformance tests.

import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runtimeFiles } from '../../../core/runtime/runtime-files.js';

/** The gcc command line that builds prog.c against the runtime in dir (non-PIE static). */
export function gccArgs(dir: string, sources: readonly string[], out: string): string[] {
  return ['-static', '-nostdlib', '-fno-builtin', '-fno-stack-protector', '-no-pie', '-O1', `-I${dir}`, '-o', out, join(dir, 'runtime.s'), ...sources];
}

/** Creates dir if needed and writes the runtime files; returns their paths. */
export async function writeRuntime(dir: string): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const paths: string[] = [];
  for (const f of runtimeFiles()) {
    const path = join(dir, f.name);
    await writeFile(path, f.text);
    paths.push(path);
  }
  return paths;
}
