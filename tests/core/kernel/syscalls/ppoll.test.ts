// ppoll(2) behaviour the conformance suite cannot pin down as a strace trace: a NULL
// timeout woken by another process (the native line order is a race between two CPUs),
// checked against the same program run natively (GNU as + ld), and the host's stdin.
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bootGuest, runGuest } from '../run-guest.js';

const SOURCE = readFileSync(new URL('./programs/ppoll-fork-wake.s', import.meta.url), 'utf8');

function runNative(source: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'ppoll-'));
  try {
    execFileSync('as', ['--64', '-o', join(dir, 'p.o'), '-'], { input: source });
    execFileSync('ld', ['-static', '-o', join(dir, 'p'), join(dir, 'p.o')]);
    return execFileSync(join(dir, 'p'), { encoding: 'latin1', stdio: ['ignore', 'pipe', 'inherit'] });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('ppoll with a NULL timeout', () => {
  it('sleeps until a forked child writes the pipe, and prints what the host kernel prints', () => {
    const native = runNative(SOURCE);
    expect(native).toBe('ppoll returned 1\nrevents 1\nread 1\n');
    const run = runGuest(SOURCE, {}, 50_000_000);
    expect(run.text).toBe(native);
    const write = run.lines.findIndex((l) => l.includes('write(4, "x", 1) = 1'));
    const ppoll = run.lines.findIndex((l) => l.includes('ppoll([{fd=3, events=POLLIN}], 1, NULL, NULL, 8) = 1 ([{fd=3, revents=POLLIN}])'));
    // The parent's ppoll returns only after the child's write: it really slept.
    expect(write).toBeGreaterThanOrEqual(0);
    expect(ppoll).toBeGreaterThan(write);
  });
});

// ppoll(&{fd=0, POLLIN}, 1, NULL, NULL, 8), then exit with its result.
const POLL_STDIN = `.intel_syntax noprefix
.global _start
.text
_start:
    mov eax, 271
    lea rdi, [rip + pfd]
    mov esi, 1
    xor edx, edx
    xor r10d, r10d
    mov r8d, 8
    syscall
    mov rdi, rax
    mov eax, 231
    syscall
.data
pfd: .long 0
     .short 1, 0
`;

describe('ppoll on the host stdin', () => {
  it('reports the run as blocked on stdin (not a deadlock) and returns once input arrives', () => {
    const out: number[] = [];
    const m = bootGuest(POLL_STDIN, {}, out);
    expect(m.run(1_000_000)).toEqual({ kind: 'blocked', on: 'stdin' });
    m.pushStdin(new TextEncoder().encode('typed\n'));
    expect(m.run(1_000_000)).toMatchObject({ kind: 'exit', code: 1 });
  });
});
