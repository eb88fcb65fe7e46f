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

/** gcc -nostdlib (static or static-pie) against the runtime written to runtimeDir (writeRuntime). */
export function gccWithRuntime(runtimeDir: string, pie: boolean): NativeBuild {
  return (source, name, dir) => {
    const exe = join(dir, name);
    return compile('gcc', gccArgs(runtimeDir, [source], exe, pie), exe);
  };
}

const MUSL_LIB = '/usr/lib/x86_64-linux-musl';
const MUSL_INCLUDE = '/usr/include/x86_64-linux-musl';

/** A file that ships with gcc itself (crtbeginS.o, libgcc.a), by asking gcc where it is. */
async function gccFile(flag: string): Promise<string> {
  const r = await runProcess('gcc', [flag], { stdin: null, timeoutMs: NATIVE_TIMEOUT_MS });
  return r.stdout.toString().trim();
}

/**
 * musl's own start-up files and libc, linked statically. Non-PIE is `musl-gcc -static`.
 * Debian's musl-gcc.specs knows no -static-pie (it links Scrt1.o and asks for
 * ld-musl-x86_64.so.1 as the interpreter), so a static PIE is gcc with the pieces
 * named by hand: rcrt1.o (which relocates the program itself), no dynamic linker.
 */
export function muslGcc(pie: boolean): NativeBuild {
  return async (source, name, dir) => {
    const exe = join(dir, name);
    if (!pie) return compile('musl-gcc', ['-static', '-O1', '-o', exe, source], exe);
    const [crtbegin, crtend, libgcc, include] = await Promise.all([
      gccFile('-print-file-name=crtbeginS.o'),
      gccFile('-print-file-name=crtendS.o'),
      gccFile('-print-libgcc-file-name'),
      gccFile('-print-file-name=include'),
    ]);
    const args = ['-static-pie', '-fPIE', '-nostdlib', '-nostdinc', '-isystem', MUSL_INCLUDE, '-isystem', include, '-O1', '-o', exe];
    args.push(`${MUSL_LIB}/rcrt1.o`, `${MUSL_LIB}/crti.o`, crtbegin, source, `${MUSL_LIB}/libc.a`, libgcc, crtend, `${MUSL_LIB}/crtn.o`);
    return compile('gcc', args, exe);
  };
}
