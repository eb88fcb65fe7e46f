#!/usr/bin/env node
// Entry point of the `syscall-lab` command. The TypeScript sources are compiled to
// dist/ by `npm run build:node` (run automatically by `npm ci` through `prepare`).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const entry = new URL('../dist/electron/host/cli/main.js', import.meta.url);
if (!existsSync(fileURLToPath(entry))) {
  process.stderr.write('syscall-lab: the host code is not built; run `npm run build:node` first.\n');
  process.exit(2);
}
const { main, processIo } = await import(entry.href);
const status = await main(process.argv.slice(2), processIo());
process.exitCode = status;
