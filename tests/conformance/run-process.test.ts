// The process plumbing the suite stands on: real pipes, status folding, timeouts
// that kill the whole group, and the pool's ordering.
import { describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mapPool, runProcess, runWithPipes } from './run-process.js';

describe('runWithPipes', () => {
  it('gives the command real pipes (not node socketpairs) on stdin and stdout', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'run-process-'));
    try {
      const input = join(dir, 'in');
      writeFileSync(input, 'abc');
      const probe = 'test -p /dev/stdin && echo in=fifo; test -p /dev/stdout && echo out=fifo; cat';
      const r = await runWithPipes('bash', ['-c', probe], input, { timeoutMs: 10_000 });
      expect(r.stdout.toString()).toBe('in=fifo\nout=fifo\nabc');
      expect(r.status).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('connects stdin to /dev/null when none is declared', async () => {
    const r = await runWithPipes('bash', ['-c', 'test -c /dev/stdin && readlink /proc/self/fd/0'], null, { timeoutMs: 10_000 });
    expect(r.stdout.toString()).toBe('/dev/null\n');
  });

  it("reports the command's status, 128+N for a signal, even behind the pipes", async () => {
    expect((await runWithPipes('bash', ['-c', 'exit 42'], null, { timeoutMs: 10_000 })).status).toBe(42);
    expect((await runWithPipes('bash', ['-c', 'kill -SEGV $$'], null, { timeoutMs: 10_000 })).status).toBe(139);
  });
});

describe('runProcess', () => {
  it('folds a killing signal into 128+N', async () => {
    const r = await runProcess('bash', ['-c', 'kill -ILL $$'], { stdin: null, timeoutMs: 10_000 });
    expect(r).toMatchObject({ status: 132, signal: 'SIGILL', timedOut: false });
  });

  it('kills the whole process group on timeout', async () => {
    // The grandchild would keep stdout open for 30 s if only bash were killed.
    const r = await runProcess('bash', ['-c', 'sleep 30 & wait'], { stdin: null, timeoutMs: 300 });
    expect(r.timedOut).toBe(true);
    expect(r.status).toBe(128 + 9);
  });

  it('feeds stdin bytes', async () => {
    const r = await runProcess('cat', [], { stdin: new Uint8Array([0, 255, 10]), timeoutMs: 10_000 });
    expect([...r.stdout]).toEqual([0, 255, 10]);
  });
});

describe('mapPool', () => {
  it('keeps input order and never exceeds the limit', async () => {
    let inFlight = 0;
    let peak = 0;
    const out = await mapPool([5, 1, 4, 2, 3], 2, async (x) => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      await new Promise((r) => setTimeout(r, x));
      inFlight--;
      return x * 10;
    });
    expect(out).toEqual([50, 10, 40, 20, 30]);
    expect(peak).toBe(2);
  });
});
