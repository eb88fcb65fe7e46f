// C programs against the guest runtime (core/runtime): each is built by gcc with
// -static -nostdlib, run natively under strace and in the emulator (the GNU-built ELF;
// the emulator cannot compile C). Same stdout bytes, exit status and normalized trace,
// exactly as for the assembly programs (../suite.ts, ../normalize.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { probeEmulator, type EmulatorAvailability } from '../emulator-run.js';
import { PROGRAM_DIR, checkEmulatorRun, checkNativeAgainstHeader, runEmulatorAll, runNativeAll, type EmulatorOutcome, type NativeOutcome } from '../suite.js';
import { writeRuntime } from '../../../electron/host/runtime/write-runtime.js';
import { gccWithRuntime, loadCPrograms } from './c-programs.js';

const programs = loadCPrograms(import.meta.dirname);

let workDir = '';
let emulator: EmulatorAvailability = { available: false, reason: 'not probed' };
let native = new Map<string, NativeOutcome>();
let emulated = new Map<string, EmulatorOutcome>();

beforeAll(async () => {
  workDir = mkdtempSync(join(tmpdir(), 'conformance-c-runtime-'));
  const runtimeDir = join(workDir, 'runtime');
  await writeRuntime(runtimeDir);
  [native, emulator] = await Promise.all([runNativeAll(programs, workDir, gccWithRuntime(runtimeDir)), probeEmulator(join(PROGRAM_DIR, 'write-exit.s'))]);
  if (emulator.available) emulated = await runEmulatorAll(programs, native, workDir, undefined, () => false);
}, 1_200_000);

afterAll(() => {
  if (workDir !== '') rmSync(workDir, { recursive: true, force: true });
});

describe('C programs on the guest runtime', () => {
  it('has at least 12 programs, each saying what it shows and how it must end', () => {
    const described = programs.filter((p) => p.spec.summary !== '' && p.spec.expectExit !== null && p.spec.expectStdout !== null);
    expect(described.length).toBeGreaterThanOrEqual(12);
    expect(described.length).toBe(programs.length);
  });

  for (const { spec } of programs) {
    describe(spec.name, () => {
      it('native: gcc -nostdlib build, strace run matches the header', () => {
        const n = native.get(spec.name);
        if (!n) throw new Error('native outcome missing');
        expect(n.build.log).toBe('');
        if (!n.run) throw new Error('native run missing');
        checkNativeAgainstHeader(n.run, spec);
      });

      it('emulator on the gcc-built ELF: same stdout, status and trace as native', (ctx) => {
        if (!emulator.available) ctx.skip(emulator.reason);
        const n = native.get(spec.name);
        if (!n?.build.ok) ctx.skip('no gcc build to compare with (see the native test)');
        const emu = emulated.get(spec.name)?.elf;
        if (!n || !emu) throw new Error('emulator run missing');
        checkEmulatorRun(emu, n, spec, 'elf');
      });
    });
  }
});
