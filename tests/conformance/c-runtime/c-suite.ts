// The vitest suite shared by the C conformance folders (c-runtime/, musl/): every
// program in a folder, built once per variant (static, static-pie), run natively under
// strace and in the emulator from the same ELF (the emulator cannot compile C).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { probeEmulator, type EmulatorAvailability } from '../emulator-run.js';
import { PROGRAM_DIR, checkEmulatorRun, checkNativeAgainstHeader, runEmulatorAll, runNativeAll, type EmulatorOutcome, type NativeBuild, type NativeOutcome, type Program } from '../suite.js';
import { loadCPrograms } from './c-programs.js';

export interface CVariant {
  /** Appended to each program's name (its executable and its test titles). */
  suffix: string;
  /** Said in the native test's title: what built the executable. */
  label: string;
  /** The build step, given the suite's scratch folder. */
  build: (workDir: string) => Promise<NativeBuild>;
}

/** Checks on the set of programs (how many, their names) before the per-program tests. */
export type ProgramSetCheck = (programs: readonly Program[]) => void;

export function defineCSuite(title: string, dir: string, variants: readonly CVariant[], checkSet: ProgramSetCheck): void {
  const sources = loadCPrograms(dir);
  const programs = (suffix: string): Program[] => sources.map((p) => ({ path: p.path, spec: { ...p.spec, name: p.spec.name + suffix } }));
  let workDir = '';
  let emulator: EmulatorAvailability = { available: false, reason: 'not probed' };
  const native = new Map<string, NativeOutcome>();
  const emulated = new Map<string, EmulatorOutcome>();

  beforeAll(async () => {
    workDir = mkdtempSync(join(tmpdir(), 'conformance-c-'));
    emulator = await probeEmulator(join(PROGRAM_DIR, 'write-exit.s'));
    for (const v of variants) {
      const set = programs(v.suffix);
      const n = await runNativeAll(set, workDir, await v.build(workDir));
      n.forEach((o, k) => native.set(k, o));
      if (emulator.available) (await runEmulatorAll(set, n, workDir, undefined, () => false)).forEach((o, k) => emulated.set(k, o));
    }
  }, 1_200_000);

  afterAll(() => {
    if (workDir !== '') rmSync(workDir, { recursive: true, force: true });
  });

  describe(title, () => {
    it('has its programs, each saying what it shows and how it must end', () => {
      checkSet(sources);
      for (const p of sources) {
        expect(p.spec.summary, p.spec.name).not.toBe('');
        expect(p.spec.expectStdout, p.spec.name).not.toBeNull();
        expect(p.spec.expectExit, p.spec.name).not.toBeNull();
      }
    });

    for (const v of variants) {
      for (const { spec } of programs(v.suffix)) {
        describe(spec.name, () => {
          it(`native: ${v.label} build, strace run matches the header`, () => {
            const n = native.get(spec.name);
            if (!n) throw new Error('native outcome missing');
            expect(n.build.log).toBe('');
            if (!n.run) throw new Error('native run missing');
            checkNativeAgainstHeader(n.run, spec);
          });

          it('emulator on the same ELF: same stdout, status and trace as native', (ctx) => {
            if (!emulator.available) ctx.skip(emulator.reason);
            const n = native.get(spec.name);
            if (!n?.build.ok) ctx.skip('no native build to compare with (see the native test)');
            const emu = emulated.get(spec.name)?.elf;
            if (!n || !emu) throw new Error('emulator run missing');
            checkEmulatorRun(emu, n, spec, 'elf');
          });
        });
      }
    }
  });
}
