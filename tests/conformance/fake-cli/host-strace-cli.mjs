#!/usr/bin/env node
// A stand-in for `syscall-lab run --trace FILE [ARGS...]` whose "emulator" is the host
// kernel: it builds a .s with GNU as/ld, runs the program under `strace -f -q` with
// stdio passed straight through and the trace on stderr, and exits with the program's
// status (128+N for signal N). The conformance runner's emulator half is tested
// against it, so the plumbing (pipes, stdin, status, stderr parsing, normalizing two
// different runs) is proven before the real emulator lands.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { constants, tmpdir } from 'node:os';
import { join } from 'node:path';

const [cmd, flag, file, ...args] = process.argv.slice(2);
if (cmd !== 'run' || flag !== '--trace' || file === undefined) {
  process.stderr.write('usage: host-strace-cli run --trace FILE [ARGS...]\n');
  process.exit(2);
}
let exe = file;
let dir = null;
if (file.endsWith('.s')) {
  dir = mkdtempSync(join(tmpdir(), 'host-strace-cli-'));
  exe = join(dir, 'prog');
  for (const [tool, argv] of [['as', ['--64', '-o', `${exe}.o`, file]], ['ld', ['-static', '-o', exe, `${exe}.o`]]]) {
    const r = spawnSync(tool, argv, { stdio: 'inherit' });
    if (r.status !== 0) process.exit(2);
  }
}
const r = spawnSync('strace', ['-f', '-q', exe, ...args], { stdio: 'inherit' });
if (dir !== null) rmSync(dir, { recursive: true, force: true });
process.exitCode = r.signal !== null ? 128 + constants.signals[r.signal] : (r.status ?? 1);
