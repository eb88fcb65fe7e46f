// "Run natively" against the real thing: the book's write/exit program assembled by
// the lab's own assembler, run on this kernel under strace, gives the same syscall
// trace as the emulator (after the conformance suite's normalisation); a program that
// never exits is killed at the timeout, its process group with it.

import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import type { BothWaysResult } from '../../../../electron/common/native-run-types.js';
import { nativeRunUnsupported, runNatively, tidyStraceLines } from '../../../../electron/host/native-run/native-run.js';
import { HostServices } from '../../../../electron/host/services.js';
import { normalizeTrace } from '../../../conformance/normalize.js';

// The book's first listing, as the conformance suite keeps it.
const WRITE_EXIT = readFileSync(fileURLToPath(new URL('../../../conformance/x86_64/write-exit.s', import.meta.url)), 'utf8');

const LOOP = `.intel_syntax noprefix
.global _start
.text
_start:
1:  jmp 1b
`;

const services = new HostServices({ userDataDir: mkdtempSync(join(tmpdir(), 'syscall-lab-native-run-')), transport: 'web' });
afterAll(() => services.close());

const host = nativeRunUnsupported() === null;

describe.runIf(host)('native.run', () => {
  it('the write/exit program: same stdout, status and trace natively (strace) and in the emulator', async () => {
    const reply = await services.dispatch('native.run', { source: WRITE_EXIT, confirmed: true });
    expect(reply.ok).toBe(true);
    if (!reply.ok) return;
    const { native, emulated } = reply.value as BothWaysResult;
    expect(native.exit).toEqual({ code: 0, signal: null });
    expect(native.stdout).toBe('Direct write call');
    expect(emulated.stdout).toBe(native.stdout);
    expect(emulated.exit).toEqual({ code: 0, signal: null });
    expect(native.wallMs).toBeGreaterThan(0);
    expect(emulated.emulatedNs).toBeGreaterThan(0);
    expect(native.strace.available).toBe(true);
    if (!native.strace.available) return;
    expect(native.strace.lines).toContain('write(1, "Direct write call", 17) = 17');
    const opts = { hideImageAddresses: true };
    expect(normalizeTrace(emulated.trace, opts)).toEqual(normalizeTrace(native.strace.lines, opts));
  }, 30_000);

  it('a program that never exits is killed at the timeout with a clear message', async () => {
    const r = await runNatively({ source: LOOP, timeoutMs: 300 });
    expect(r.exit).toBeNull();
    expect(r.message).toMatch(/killed after 300 ms: the program had not finished \(its process group was killed\)/);
    if (r.strace.available) expect(r.strace.message).toMatch(/killed after 300 ms/);
    // Through the contract the emulated side stops at its own budget rather than hanging.
    const reply = await services.dispatch('native.run', { source: LOOP, confirmed: true, timeoutMs: 300 });
    expect(reply.ok).toBe(true);
    if (reply.ok) {
      const v = reply.value as BothWaysResult;
      expect(v.native.message).toMatch(/killed after 300 ms/);
      expect(v.emulated.status).toBe('budget');
    }
  }, 60_000);

  it('refuses without the user’s confirmation, and bad assembly with its line and column', async () => {
    const unconfirmed = await services.dispatch('native.run', { source: WRITE_EXIT, confirmed: false });
    expect(unconfirmed).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const bad = await services.dispatch('native.run', { source: '.intel_syntax noprefix\n_start:\n    movq eax,\n', confirmed: true });
    expect(bad).toMatchObject({ ok: false, error: { code: 'bad-args', message: expect.stringMatching(/line 3, column \d+/) } });
  });
});

describe('native-run helpers', () => {
  it('only an x86-64 Linux host runs the lab’s ELFs', () => {
    expect(nativeRunUnsupported('linux', 'x64')).toBeNull();
    expect(nativeRunUnsupported('darwin', 'arm64')).toMatch(/needs an x86-64 Linux host \(this is darwin\/arm64\)/);
  });
  it('drops strace’s padding before “ = ”, and the pid prefix when only one process ran', () => {
    expect(tidyStraceLines(['12345 write(1, "a", 1)              = 1', '12345 +++ exited with 0 +++'])).toEqual(['write(1, "a", 1) = 1', '+++ exited with 0 +++']);
    expect(tidyStraceLines(['7 fork()   = 8', '8 write(1, "a  = b", 1) = 1'])).toEqual(['7 fork() = 8', '8 write(1, "a  = b", 1) = 1']);
  });
});
