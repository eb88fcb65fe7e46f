// Runs one probe as a child process in its own process group, with a timeout
// and cancellation that kill the whole group (the probe may have forked:
// ping-pong partners, writer children). kill(2): a negative pid signals
// every process in that group.

import { spawn } from 'node:child_process';

export interface ChildRunOptions {
  signal?: AbortSignal;
  timeoutMs?: number;
  env?: NodeJS.ProcessEnv;
  /** Text for the child's stdin, then end of file (without it: end of file at once). */
  stdin?: string;
  /** Each complete stderr line, as it arrives. */
  onStderrLine?: (line: string) => void;
  /** Called once the child exists, with its pid (= its process group id). */
  onSpawn?: (pid: number) => void;
}

export interface ChildRunResult {
  stdout: string;
  stderr: string;
  code: number | null;
  signal: NodeJS.Signals | null;
  timedOut: boolean;
  cancelled: boolean;
  /** spawn itself failed (ENOENT, EACCES...). */
  spawnError?: string;
}

/** Kill a process group; ESRCH (already gone) is fine. */
export function killGroup(pgid: number, sig: NodeJS.Signals = 'SIGKILL'): void {
  try {
    process.kill(-pgid, sig);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ESRCH') throw err;
  }
}

export function runChild(command: string, args: string[], opts: ChildRunOptions = {}): Promise<ChildRunResult> {
  return new Promise((resolvePromise) => {
    let settled = false;
    const resolve = (r: ChildRunResult): void => {
      if (settled) return;
      settled = true;
      resolvePromise(r);
    };
    const result: ChildRunResult = { stdout: '', stderr: '', code: null, signal: null, timedOut: false, cancelled: false };
    if (opts.signal?.aborted) {
      result.cancelled = true;
      resolve(result);
      return;
    }
    // detached: the child leads a new process group (setsid), so -pid reaches its descendants too.
    const child = spawn(command, args, {
      detached: true,
      stdio: ['pipe', 'pipe', 'pipe'],
      env: opts.env ?? process.env,
    });
    // Without opts.stdin the child reads end of file at once, as from /dev/null.
    child.stdin.on('error', () => {}); // EPIPE: the child exited without reading it all
    child.stdin.end(opts.stdin ?? '');
    let pending = '';
    let timer: NodeJS.Timeout | undefined;
    const killAll = (): void => {
      if (child.pid !== undefined) killGroup(child.pid);
    };
    const onAbort = (): void => {
      result.cancelled = true;
      killAll();
    };
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      result.stdout += chunk;
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      result.stderr += chunk;
      pending += chunk;
      let nl: number;
      while ((nl = pending.indexOf('\n')) >= 0) {
        const line = pending.slice(0, nl);
        pending = pending.slice(nl + 1);
        opts.onStderrLine?.(line);
      }
    });
    child.on('spawn', () => {
      if (child.pid !== undefined) opts.onSpawn?.(child.pid);
    });
    child.on('error', (err) => {
      result.spawnError = err.message;
      if (child.pid === undefined) {
        if (timer) clearTimeout(timer);
        opts.signal?.removeEventListener('abort', onAbort);
        resolve(result);
      }
    });
    // The leader is gone, but a member it forked could live on (and hold our
    // pipes open): sweep the group so nothing outlives the probe.
    child.on('exit', killAll);
    child.on('close', (code, sig) => {
      if (timer) clearTimeout(timer);
      opts.signal?.removeEventListener('abort', onAbort);
      result.code = code;
      result.signal = sig;
      resolve(result);
    });
    opts.signal?.addEventListener('abort', onAbort, { once: true });
    if (opts.timeoutMs !== undefined && opts.timeoutMs > 0) {
      timer = setTimeout(() => {
        result.timedOut = true;
        killAll();
      }, opts.timeoutMs);
    }
  });
}
