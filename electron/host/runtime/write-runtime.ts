// Writes the guest runtime (runtime.s, runtime.h) to a folder so gcc can build C
// programs against it: used by `syscall-lab runtime [--arch A] --out DIR` and by the
// C-program conformance tests.

import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Arch } from '../../../core/trace/events.js';
import { runtimeFiles } from '../../../core/runtime/runtime-files.js';

/** The C compiler that targets arch from this (x86-64 Linux) host: Debian's cross gcc for arm64. */
export function runtimeCompiler(arch: Arch): string {
  return arch === 'arm64' ? 'aarch64-linux-gnu-gcc' : 'gcc';
}

/**
 * The gcc command line that builds C sources against the runtime in dir: a static
 * executable at a fixed address, or a static PIE (the runtime's start-up applies its
 * R_X86_64_RELATIVE or R_AARCH64_RELATIVE relocations itself). The flags are the same
 * for both architectures; only the compiler differs (runtimeCompiler).
 */
export function gccArgs(dir: string, sources: readonly string[], out: string, pie = false): string[] {
  const mode = pie ? ['-static-pie', '-fPIE'] : ['-static', '-no-pie'];
  return [...mode, '-nostdlib', '-fno-builtin', '-fno-stack-protector', '-O1', `-I${dir}`, '-o', out, join(dir, 'runtime.s'), ...sources];
}

/** Creates dir if needed and writes arch's runtime files; returns their paths. */
export async function writeRuntime(dir: string, arch: Arch = 'x86_64'): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const paths: string[] = [];
  for (const f of runtimeFiles(arch)) {
    const path = join(dir, f.name);
    await writeFile(path, f.text);
    paths.push(path);
  }
  return paths;
}
