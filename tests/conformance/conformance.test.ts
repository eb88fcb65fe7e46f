// The x86-64 conformance suite: every program in x86_64/ is assembled by GNU as,
// linked by GNU ld, run natively under strace, and then run by the emulator
// (`syscall-lab run --trace`) twice, from the .s source and from the GNU-built ELF.
// Same stdout bytes, same exit status, same normalized syscall trace (normalize.ts).
// While the emulator's run command is a placeholder, only the emulator half skips;
// the native half still checks each program against the expectations in its header.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseProgramHeader, type ProgramSpec } from './program-header.js';
import { buildNative, probeIa32Emulation, runNative, writeStdinFile, type BuildResult, type NativeRun } from './native-run.js';
import { probeEmulator, runEmulator, type EmulatorAvailability, type EmulatorRun } from './emulator-run.js';
import { mapPool } from './run-process.js';
import { normalizeTrace, type NormalizeOptions } from './normalize.js';

const PROGRAM_DIR = join(import.meta.dirname, 'x86_64');
const POOL = Math.min(16, Math.max(4, availableParallelism() * 2));

interface Program {
  path: string;
  spec: ProgramSpec;
}

const programs: Program[] = readdirSync(PROGRAM_DIR)
  .filter((f) => f.endsWith('.s'))
  .sort()
  .map((f) => {
    const path = join(PROGRAM_DIR, f);
    return { path, spec: parseProgramHeader(f.slice(0, -2), readFileSync(path, 'utf8')) };
  });

interface NativeOutcome {
  build: BuildResult;
  /** Null when the build failed or the host lacks a feature the program requires. */
  run: NativeRun | null;
  skipReason: string | null;
}

interface EmulatorOutcome {
  source: EmulatorRun;
  elf: EmulatorRun | null;
}

let workDir = '';
let emulator: EmulatorAvailability = { available: false, reason: 'not probed' };
const native = new Map<string, NativeOutcome>();
const emulated = new Map<string, EmulatorOutcome>();

function missingFeature(spec: ProgramSpec, ia32: boolean): string | null {
  if (spec.requires.includes('ia32-emulation') && !ia32) {
    return 'IA32 emulation is off on this kernel (int 0x80 raises SIGSEGV): no native reference; the emulator is held to the header expectations instead';
  }
  return null;
}

beforeAll(async () => {
  workDir = mkdtempSync(join(tmpdir(), 'conformance-x86_64-'));
  const ia32 = await probeIa32Emulation(workDir);
  const [, availability] = await Promise.all([
    mapPool(programs, POOL, async ({ path, spec }) => {
      const build = await buildNative(path, spec.name, workDir);
      const skipReason = build.ok ? missingFeature(spec, ia32) : null;
      const run = build.ok && skipReason === null ? await runNative(spec, build.exe, workDir) : null;
      native.set(spec.name, { build, run, skipReason });
    }),
    probeEmulator(join(PROGRAM_DIR, 'write-exit.s')),
  ]);
  emulator = availability;
  if (!emulator.available) return;
  await mapPool(programs, POOL, async ({ path, spec }) => {
    const build = native.get(spec.name)?.build;
    const stdinPath = await writeStdinFile(spec, workDir);
    const source = await runEmulator(path, spec, stdinPath);
    const elf = build?.ok ? await runEmulator(build.exe, spec, stdinPath) : null;
    emulated.set(spec.name, { source, elf });
  });
}, 600_000);

afterAll(() => {
  if (workDir !== '') rmSync(workDir, { recursive: true, force: true });
});

/** stdout as a string that maps bytes 1:1, so a diff shows every byte. */
const bytes = (b: Uint8Array): string => Buffer.from(b).toString('latin1');

function checkAgainstNative(emu: EmulatorRun, ref: NativeRun, opts: NormalizeOptions): void {
  const note = emu.otherStderr.length > 0 ? `emulator stderr besides the trace:\n${emu.otherStderr.join('\n')}` : undefined;
  expect(emu.timedOut, 'emulator run timed out').toBe(false);
  expect({ stdout: bytes(emu.stdout), status: emu.status, trace: normalizeTrace(emu.trace, opts) }, note).toEqual({
    stdout: bytes(ref.stdout),
    status: ref.status,
    trace: normalizeTrace(ref.trace, opts),
  });
}

function checkAgainstHeader(emu: EmulatorRun, spec: ProgramSpec, opts: NormalizeOptions): void {
  expect(emu.timedOut, 'emulator run timed out').toBe(false);
  if (spec.expectStdout !== null) expect(bytes(emu.stdout)).toBe(bytes(spec.expectStdout));
  if (spec.expectExit !== null) expect(emu.status).toBe(spec.expectExit);
  const trace = normalizeTrace(emu.trace, opts);
  for (const line of spec.expectTrace) expect(trace).toContain(line);
}

describe('x86-64 conformance programs', () => {
  it('has at least 40 programs, each saying what it shows and how it must end', () => {
    expect(programs.length).toBeGreaterThanOrEqual(40);
    const described = programs.filter((p) => p.spec.summary !== '' && p.spec.expectExit !== null);
    expect(described.length).toBeGreaterThanOrEqual(40);
  });

  for (const { spec } of programs) {
    describe(spec.name, () => {
      it('native: GNU as/ld build, strace run matches the header', (ctx) => {
        const n = native.get(spec.name);
        if (!n) throw new Error('native run missing');
        expect(n.build.log).toBe('');
        if (n.skipReason !== null) ctx.skip(n.skipReason);
        const run = n.run;
        if (!run) throw new Error('native run missing');
        expect(run.timedOut, 'native run timed out').toBe(false);
        if (spec.expectExit !== null) expect(run.status).toBe(spec.expectExit);
        if (spec.expectStdout !== null) expect(bytes(run.stdout)).toBe(bytes(spec.expectStdout));
        const trace = normalizeTrace(run.trace);
        for (const line of spec.expectTrace) expect(trace).toContain(line);
        expect(trace.at(-1) ?? '').toMatch(/^\+\+\+ (exited with|killed by) /);
      });

      for (const kind of ['source', 'elf'] as const) {
        const what = kind === 'source' ? '.s source (its own assembler)' : 'GNU-built ELF';
        it(`emulator on the ${what}: same stdout, status and trace as native`, (ctx) => {
          if (!emulator.available) ctx.skip(emulator.reason);
          const n = native.get(spec.name);
          const e = emulated.get(spec.name);
          if (!n?.build.ok) ctx.skip('no GNU build to compare with (see the native test)');
          if (!e) throw new Error('emulator run missing');
          const emu = kind === 'source' ? e.source : e.elf;
          if (!emu) throw new Error('emulator ELF run missing');
          const opts: NormalizeOptions = { hideImageAddresses: kind === 'source' };
          if (n?.run) checkAgainstNative(emu, n.run, opts);
          else checkAgainstHeader(emu, spec, opts);
        });
      }
    });
  }
});
