// C programs against the guest runtime (core/runtime), built by gcc -nostdlib as a
// static executable and as a static PIE, run natively under strace and in the
// emulator: same stdout bytes, exit status and normalized trace (../normalize.ts).
import { expect } from 'vitest';
import { join } from 'node:path';
import { writeRuntime } from '../../../electron/host/runtime/write-runtime.js';
import { gccWithRuntime } from './c-programs.js';
import { defineCSuite } from './c-suite.js';

async function runtimeBuild(workDir: string, pie: boolean) {
  const dir = join(workDir, 'runtime');
  await writeRuntime(dir);
  return gccWithRuntime(dir, pie);
}

defineCSuite(
  'C programs on the guest runtime',
  import.meta.dirname,
  [
    { suffix: '', label: 'gcc -static -nostdlib', build: (w) => runtimeBuild(w, false) },
    { suffix: '-pie', label: 'gcc -static-pie -nostdlib', build: (w) => runtimeBuild(w, true) },
  ],
  (programs) => expect(programs.length).toBeGreaterThanOrEqual(12),
);
