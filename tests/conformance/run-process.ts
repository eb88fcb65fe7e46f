// Run one child process the way the conformance suite needs: stdin from given bytes
// (through a pipe) or /dev/null, stdout and stderr captured as bytes, a hard timeout,
// and the exit status folded shell-style (128+N when killed by signal N).
import { spawn } from 'node:child_process';
import { constants } from 'node:os';

export interface ProcessResult {
  stdout: Buffer;
  stderr: Buffer;
  /** Exit code, or 128+N when the process was killed by signal N (as a shell reports it). */
  status: number;
  /** The killing signal's name, if any. */
  signal: NodeJS.Signals | null;
  timedOut: boolean;
}

export interface RunOptions {
  stdin: Uint8Array | null;
  timeoutMs: number;
  cwd?: string;
  /** Extra environment variables. */
  env?: Record<string, string>;
}

export function signalNumber(name: NodeJS.Signals): number {
  const n = constants.signals[name];
  if (n === undefined) throw new Error(`unknown signal ${name}`);
  return n;
}

export function runProcess(file: string, args: string[], opts: RunOptions): Promise<ProcessResult> {
  return new Promise((resolve, reject) => {
    // detached: the child leads its own process group, so a timeout can kill the whole
    // group (a wrapper shell and everything it started), not just the first process.
    const child = spawn(file, args, {
      cwd: opts.cwd,
      env: { ...process.env, ...opts.env },
      detached: true,
      // 'ignore' connects the child's fd 0 to /dev/null.
      stdio: [opts.stdin === null ? 'ignore' : 'pipe', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
      } catch {
        // The group is already gone.
      }
    }, opts.timeoutMs);
    child.stdout?.on('data', (b: Buffer) => out.push(b));
    child.stderr?.on('data', (b: Buffer) => err.push(b));
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({
        stdout: Buffer.concat(out),
        stderr: Buffer.concat(err),
        status: signal !== null ? 128 + signalNumber(signal) : (code ?? -1),
        signal,
        timedOut,
      });
    });
    if (opts.stdin !== null && child.stdin) {
      // A program may exit without reading (or close fd 0 first): ignore EPIPE.
      child.stdin.on('error', () => undefined);
      child.stdin.end(Buffer.from(opts.stdin));
    }
  });
}

// Node connects a child's stdio 'pipe' through a socketpair, not a pipe(2): fstat
// would say S_IFSOCK. The programs are about pipes (fstat → S_IFIFO, lseek → ESPIPE,
// ioctl TCGETS → ENOTTY), as a shell would give them, so a bash wrapper puts real
// pipes on both sides: `cat STDIN_FILE | CMD | cat` (or `CMD </dev/null | cat`).
// PIPESTATUS gives CMD's status, already folded to 128+N by bash for signal deaths.
const PIPE_WRAPPER = [
  'if [ -n "${CONFORMANCE_STDIN:-}" ]; then',
  '  cat -- "$CONFORMANCE_STDIN" | "$@" | cat; s=${PIPESTATUS[1]}',
  'else',
  '  "$@" </dev/null | cat; s=${PIPESTATUS[0]}',
  'fi',
  'exit "$s"',
].join('\n');

/** Run file with real pipes as stdin (fed from stdinPath, or /dev/null when null) and stdout. */
export function runWithPipes(file: string, args: string[], stdinPath: string | null, opts: Omit<RunOptions, 'stdin' | 'env'>): Promise<ProcessResult> {
  return runProcess('bash', ['-c', PIPE_WRAPPER, 'conformance-pipes', file, ...args], {
    ...opts,
    stdin: null,
    env: { CONFORMANCE_STDIN: stdinPath ?? '' },
  });
}

/** Map over items with at most `limit` promises in flight; results keep input order. */
export async function mapPool<T, R>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  async function worker(): Promise<void> {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i] as T, i);
    }
  }
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return results;
}
