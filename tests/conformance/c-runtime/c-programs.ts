// C conformance programs: the same header keys as the assembly programs, written as
// `//` comments, and a gcc build against the guest runtime (core/runtime) instead of
// GNU as/ld. Shared by the c-runtime and musl suites.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseProgramHeader } from '../program-header.js';
import { NATIVE_TIMEOUT_MS, type BuildResult } from '../native-run.js';
import { runProcess } from '../run-process.js';
import type { NativeBuild, Program } from '../suite.js';
import { gccArgs } from '../../../electron/host/runtime/write-runtime.js';

/** Every `.c` file in dir, its leading `//` block read as a program header. */
export function loadCPrograms(dir: string): Program[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.c'))
    .sort()
    .map((f) => {
      const path = join(dir, f);
      const header = readFileSync(path, 'utf8')
        .split('\n')
        .map((l) => (l.startsWith('//') ? `#${l.slice(2)}` : l))
        .join('\n');
      return { path, spec: parseProgramHeader(f.slice(0, -2), header) };
    });
}

async function compile(compiler: string, args: string[], exe: string): Promise<BuildResult> {
  const r = await runProcess(compiler, args, { stdin: null, timeoutMs: NATIVE_TIMEOUT_MS });
  if (r.status !== 0) return { ok: false, exe, log: `${compiler}: ${r.stderr.toString()}` };
  return { ok: true, exe, log: '' };
}

/** gcc -static -nostdlib against the runtime written to runtimeDir (writeRuntime). */
export function gccWithRuntime(runtimeDir: string): NativeBuild {
  return (source, name, dir) => {
    const exe = join(dir, name);
    return compile('gcc', gccArgs(runtimeDir, [source], exe), exe);
  };
}

/** musl-gcc with musl's own start-up files and libc, static (non-PIE or static-pie). */
export function muslGcc(pie: boolean): NativeBuild {
  return (source, name, dir) => {
    const exe = join(dir, pie ? `${name}-pie` : name);
    const mode = pie ? ['-static-pie', '-fPIE'] : ['-static', '-no-pie'];
    return compile('musl-gcc', [...mode, '-O1', '-o', exe, source], exe);
  };
}
