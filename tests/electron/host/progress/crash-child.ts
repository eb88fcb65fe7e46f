// Builds the child script for the SIGKILL test: progress/*.ts transpiled to plain
// JS in a temp folder (node 20 cannot run TypeScript), plus a loop that saves
// numbered states as fast as it can and reports each completed save on stdout.

import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import type { LabProgress } from '../../../../electron/host/progress/progress-types.js';

const SRC = fileURLToPath(new URL('../../../../electron/host/progress/', import.meta.url));

/** The i-th state the child writes; sizes vary so a torn write would show. */
export function stateNumber(i: number): LabProgress {
  return {
    version: 1,
    stepsDone: Array.from({ length: i % 7 }, (_, k) => `step-${k}`),
    drafts: { 'main.s': `# draft ${i}\n${'nop\n'.repeat((i * 37) % 2000)}` },
    results: i % 3 === 0 ? { gradable: true, score: (i % 10) / 10, tests: [] } : null,
    probeRuns: [],
  };
}

export async function writeCrashChild(dir: string): Promise<string> {
  for (const name of await readdir(SRC)) {
    if (!name.endsWith('.ts')) continue;
    const out = ts.transpileModule(await readFile(join(SRC, name), 'utf8'), {
      compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, verbatimModuleSyntax: true },
    });
    await writeFile(join(dir, name.replace(/\.ts$/, '.js')), out.outputText);
  }
  const child = `
import { ProgressStore } from './progress-store.js';
const stateNumber = ${stateNumber.toString()};
const store = new ProgressStore(process.argv[2], { debounceMs: 0 });
for (let i = 1; ; i++) {
  await store.saveNow('example.syscall-lab', 'hello-write', stateNumber(i));
  process.stdout.write(i + '\\n');
}
`;
  const path = join(dir, 'child.mjs');
  await writeFile(path, child);
  return path;
}
