// The emulator half's two decisions: which stderr lines are trace lines, and when the
// CLI counts as "not built yet" (skip) rather than broken (compare, and fail).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isTraceLine, probeEmulator } from './emulator-run.js';

describe('isTraceLine', () => {
  it('accepts calls, signals and exits, with or without a pid prefix', () => {
    for (const line of [
      'write(1, "Direct write call", 17) = 17',
      'syscall_0x2710(0x1, 0x2, 0x3, 0x4, 0x5, 0x6) = -1 ENOSYS (Function not implemented)',
      '--- SIGSEGV {si_signo=SIGSEGV, si_code=SI_KERNEL, si_addr=NULL} ---',
      '+++ killed by SIGSEGV +++',
      '12345 exit_group(42)                    = ?',
      '[pid  7] +++ exited with 0 +++',
    ]) {
      expect(isTraceLine(line), line).toBe(true);
    }
  });

  it('rejects diagnostics and guest text', () => {
    for (const line of ['syscall-lab run: unknown option', 'strace: umoven: short read (10 < 33) @0x1000', 'Segmentation fault', '    at main (file.js:1:1)', 'SyntaxError: Unexpected token']) {
      expect(isTraceLine(line), line).toBe(false);
    }
  });
});

describe('probeEmulator', () => {
  let dir = '';
  const cli = (name: string, body: string): string => {
    const path = join(dir, `${name}.mjs`);
    writeFileSync(path, body);
    return path;
  };

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'probe-emulator-'));
  });
  afterAll(() => {
    if (dir !== '') rmSync(dir, { recursive: true, force: true });
  });

  it('skips on the placeholder answers, with the CLI message as the reason', async () => {
    const pending = cli('pending', "process.stderr.write('syscall-lab run: the emulator is not built yet in this version.\\n'); process.exit(2);");
    const noTrace = cli('no-trace', "process.stderr.write(\"syscall-lab run: unknown option '--trace'\\n\"); process.exit(2);");
    const noDist = cli('no-dist', "process.stderr.write('syscall-lab: the host code is not built; run `npm run build:node` first.\\n'); process.exit(2);");
    const a = await probeEmulator('x.s', pending);
    expect(a).toEqual({ available: false, reason: 'emulator not built yet: syscall-lab run: the emulator is not built yet in this version.' });
    expect((await probeEmulator('x.s', noTrace)).available).toBe(false);
    expect((await probeEmulator('x.s', noDist)).available).toBe(false);
  });

  it('compares anything else, even a crash, so a broken emulator fails instead of skipping', async () => {
    const crash = cli('crash', "throw new Error('boom');");
    const usage = cli('usage', "process.stderr.write('usage: something else\\n'); process.exit(2);");
    expect(await probeEmulator('x.s', crash)).toEqual({ available: true });
    expect(await probeEmulator('x.s', usage)).toEqual({ available: true });
  });
});
