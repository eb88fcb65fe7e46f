#!/usr/bin/env node
// npm run build:probes — compile the native C probes with the host C compiler
// into the probe cache ($SYSCALL_LAB_CACHE or $XDG_CACHE_HOME/syscall-lab)
// and copy the binary to dist/probes/ for packaging (electron-builder
// extraResources: dist/probes -> probes). Uses the compiled host code, so
// `npm run build:node` must have run first (the npm script does that).

import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const builder = join(root, 'dist', 'electron', 'host', 'probes', 'build.js');
if (!existsSync(builder)) {
  console.error(`build-probes: ${builder} is missing; run 'npm run build:node' first`);
  process.exit(1);
}
const { exportProbes } = await import(pathToFileURL(builder).href);
const outDir = process.argv[2] ?? join(root, 'dist', 'probes');
const result = await exportProbes(outDir);
if (result.kind !== 'native') {
  console.error(`build-probes: no native probes: ${result.reason}`);
  process.exit(1);
}
console.log(`build-probes: ${result.binary} (${result.compiler ?? 'prebuilt'})`);
