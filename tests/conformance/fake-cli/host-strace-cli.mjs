#!/usr/bin/env node
// A stand-in for `syscall-lab run --trace FILE [ARGS...]` whose "emulator" is the host
// kernel: it builds a .s with GNU as/ld, runs the program under `strace -f -q` with
// stdio passed straight through and the trace on stderr, and exits with the program's
// status (128+N for signal N). The conformance runner's emulator half is tested
// against it, so the plumbing (pipes, stdin, status, stderr parsing, normalizing two
// different runs) is proven before the real emulator lands.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { constants, tmpdir } from 'node:os';
import { join } from 'node:path';

const [cmd, flag, file, ...args] = process.argv.slice(2);
if (cmd !== 'run' || flag !== '--trace' || file === undefined) {
  process.stderr.write('usage: host-strace-cli run --trace FILE [ARGS...]\n');
  process.exit(2);
}
const dir = mkdtempSync(join(tmpdir(), 'host-strace-cli-'));
let exe = file;
if (file.endsWith('.s')) {
  exe = join(dir, 'prog');
  for (const [tool, argv] of [['as', ['--64', '-o', `${exe}.o`, file]], ['ld', ['-static', '-o', exe, `${exe}.o`]]]) {
    const r = spawnSync(tool, argv, { stdio: 'inherit' });
    if (r.status !== 0) process.exit(2);
  }
}
// The trace goes to a file and then to stderr whole: strace's own warnings (e.g.
// "umoven: short read") would otherwise land in the middle of a trace line. No -f: one
// process, so no pid prefix, like the emulator's lines.
const trace = join(dir, 'trace');
const r = spawnSync('strace', ['-q', '-o', trace, exe, ...args], { stdio: 'inherit' });
process.stderr.write(readFileSync(trace));
rmSync(dir, { recursive: true, force: true });
process.exitCode = r.signal !== null ? 128 + constants.signals[r.signal] : (r.status ?? 1);
