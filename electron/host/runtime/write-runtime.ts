// Writes the guest runtime (runtime.s, runtime.h) to a folder so gcc can build C
// programs against it: used by `syscall-lab runtime --out DIR` and by the C-program
// conformance tests.

import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runtimeFiles } from '../../../core/runtime/runtime-files.js';

/**
 * The gcc command line that builds C sources against the runtime in dir: a static
 * executable at a fixed address, or a static PIE (the runtime's start-up applies its
 * R_X86_64_RELATIVE relocations itself).
 */
export function gccArgs(dir: string, sources: readonly string[], out: string, pie = false): string[] {
  const mode = pie ? ['-static-pie', '-fPIE'] : ['-static', '-no-pie'];
  return [...mode, '-nostdlib', '-fno-builtin', '-fno-stack-protector', '-O1', `-I${dir}`, '-o', out, join(dir, 'runtime.s'), ...sources];
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
