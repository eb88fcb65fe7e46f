// Unmodified C programs on musl libc (Debian musl-tools), built static and static-PIE,
// run natively under strace and in the emulator: same stdout, status and normalized
// trace. musl's own start-up runs first (arch_prctl, set_tid_address, stdio's ioctl
// TIOCGWINSZ probe, writev), so these check the kernel against a real libc.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { probeEmulator, type EmulatorAvailability } from '../emulator-run.js';
import { PROGRAM_DIR, checkEmulatorRun, checkNativeAgainstHeader, runEmulatorAll, runNativeAll, type EmulatorOutcome, type NativeOutcome, type Program } from '../suite.js';
import { loadCPrograms, muslGcc } from '../c-runtime/c-programs.js';

const sources = loadCPrograms(import.meta.dirname);
const variants = [
  { suffix: '', pie: false },
  { suffix: '-pie', pie: true },
] as const;
const programs = (suffix: string): Program[] => sources.map((p) => ({ path: p.path, spec: { ...p.spec, name: p.spec.name + suffix } }));

let workDir = '';
let emulator: EmulatorAvailability = { available: false, reason: 'not probed' };
const native = new Map<string, NativeOutcome>();
const emulated = new Map<string, EmulatorOutcome>();

beforeAll(async () => {
  workDir = mkdtempSync(join(tmpdir(), 'conformance-musl-'));
  emulator = await probeEmulator(join(PROGRAM_DIR, 'write-exit.s'));
  for (const v of variants) {
    const set = programs(v.suffix);
    const n = await runNativeAll(set, workDir, muslGcc(v.pie));
    n.forEach((o, k) => native.set(k, o));
    if (emulator.available) (await runEmulatorAll(set, n, workDir, undefined, () => false)).forEach((o, k) => emulated.set(k, o));
  }
}, 1_200_000);

afterAll(() => {
  if (workDir !== '') rmSync(workDir, { recursive: true, force: true });
});

describe('musl-built C programs', () => {
  it('has the four book programs, each saying what it shows and how it must end', () => {
    expect(sources.map((p) => p.spec.name)).toEqual(['buffered-reader', 'byte-reader', 'eintr-read-loop', 'memory-layout']);
    for (const p of sources) expect(p.spec.expectStdout, p.spec.name).not.toBeNull();
  });

  for (const v of variants) {
    for (const { spec } of programs(v.suffix)) {
      describe(spec.name, () => {
        it(`native: musl ${v.pie ? 'static-pie' : 'static'} build, strace run matches the header`, () => {
          const n = native.get(spec.name);
          if (!n) throw new Error('native outcome missing');
          expect(n.build.log).toBe('');
          if (!n.run) throw new Error('native run missing');
          checkNativeAgainstHeader(n.run, spec);
        });

        it('emulator on the same ELF: same stdout, status and trace as native', (ctx) => {
          if (!emulator.available) ctx.skip(emulator.reason);
          const n = native.get(spec.name);
          if (!n?.build.ok) ctx.skip('no musl build to compare with (see the native test)');
          const emu = emulated.get(spec.name)?.elf;
          if (!n || !emu) throw new Error('emulator run missing');
          checkEmulatorRun(emu, n, spec, 'elf');
        });
      });
    }
  }
});
