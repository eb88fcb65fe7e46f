// "Run natively": the Playground's program, assembled and linked by the lab's own
// assembler (core's buildFromSource, as `syscall-lab asm` does), executed on this
// machine's kernel in its own process group under a timeout, then again under
// strace(1) where it is installed. Only ever started by the user's click — packs and
// the grader never reach this code.

import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { arch, platform, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { buildFromSource } from '../../../core/machine.js';
import type { NativeRunResult } from '../../common/native-run-types.js';
import { runChild, type ChildRunResult } from '../probes/process-runner.js';

export class NativeRunRefused extends Error {}

export interface NativeRunOptions {
  source: string;
  stdin?: string;
  timeoutMs: number;
  signal?: AbortSignal;
}

/** Why this host cannot run the lab's x86-64 ELFs, or null when it can. */
export function nativeRunUnsupported(os: string = platform(), cpu: string = arch()): string | null {
  if (os !== 'linux' || cpu !== 'x64') return `running natively needs an x86-64 Linux host (this is ${os}/${cpu})`;
  return null;
}

/**
 * strace -f -o writes "PID  call(...)      = ret". Drop the padding strace adds before
 * " = " (column 40), and the pid when only one process ran (it says nothing the
 * emulator's trace could match); with several, the pids tell their lines apart.
 */
export function tidyStraceLines(lines: readonly string[]): string[] {
  const pids = new Set(lines.map((l) => /^(\d+) /.exec(l)?.[1]));
  const single = pids.size === 1;
  return lines.map((l) => (single ? l.replace(/^\d+ +/, '') : l.replace(/^(\d+) +/, '$1 ')).replace(/\) {2,}= /, ') = '));
}

function outcome(r: ChildRunResult, timeoutMs: number): { exit: NativeRunResult['exit']; message: string | null } {
  if (r.spawnError) return { exit: null, message: `could not start the program: ${r.spawnError}` };
  if (r.timedOut) return { exit: null, message: `killed after ${timeoutMs} ms: the program had not finished (its process group was killed)` };
  if (r.cancelled) return { exit: null, message: 'cancelled' };
  const signal = r.signal ? r.signal : null;
  return { exit: { code: r.code, signal }, message: null };
}

export async function runNatively(opts: NativeRunOptions): Promise<NativeRunResult> {
  const unsupported = nativeRunUnsupported();
  if (unsupported) throw new NativeRunRefused(unsupported);
  const built = buildFromSource(opts.source, 'x86_64', 'main.s');
  if (!built.ok) throw new NativeRunRefused(`the program does not assemble: ${built.errors.map((e) => `line ${e.line}, column ${e.column}: ${e.message}`).join('; ')}`);
  const dir = await mkdtemp(join(tmpdir(), 'syscall-lab-native-'));
  try {
    const exe = join(dir, 'a.out');
    await writeFile(exe, built.program.elf);
    await chmod(exe, 0o755);
    const common = { timeoutMs: opts.timeoutMs, ...(opts.stdin !== undefined ? { stdin: opts.stdin } : {}), ...(opts.signal ? { signal: opts.signal } : {}) };
    const t0 = performance.now();
    const plain = await runChild(exe, [], common);
    const wallMs = performance.now() - t0;
    const first = outcome(plain, opts.timeoutMs);
    let strace: NativeRunResult['strace'];
    const version = await runChild('strace', ['-V'], { timeoutMs: 5000 });
    if (version.spawnError || version.code !== 0) {
      strace = { available: false, reason: 'strace is not installed on this machine' };
    } else {
      const tracePath = join(dir, 'trace.txt');
      await writeFile(tracePath, '');
      const traced = await runChild('strace', ['-f', '-q', '-o', tracePath, exe], common);
      const lines = tidyStraceLines((await readFile(tracePath, 'utf8')).split('\n').filter((l) => l !== ''));
      strace = { available: true, lines, message: outcome(traced, opts.timeoutMs).message };
    }
    return { wallMs, exit: first.exit, message: first.message, stdout: plain.stdout.slice(0, 256 * 1024), stderr: plain.stderr.slice(0, 64 * 1024), strace };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
