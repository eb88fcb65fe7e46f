// Orchestration shared by conformance.test.ts (real CLI) and fake-cli.test.ts (the
// host-strace stand-in): load the programs, run the native half and the emulator half
// with a small pool, and compare.
import { expect } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { parseProgramHeader, type ProgramSpec } from './program-header.js';
import { buildNative, probeIa32Emulation, runNative, writeStdinFile, type BuildResult, type NativeRun } from './native-run.js';
import { runEmulator, type EmulatorRun } from './emulator-run.js';
import { mapPool } from './run-process.js';
import { normalizeTrace, type NormalizeOptions } from './normalize.js';

export const PROGRAM_DIR = join(import.meta.dirname, 'x86_64');
export const POOL = Math.min(16, Math.max(4, availableParallelism() * 2));

export interface Program {
  path: string;
  spec: ProgramSpec;
}

export interface NativeOutcome {
  build: BuildResult;
  /** Null when the build failed or the host lacks a feature the program requires. */
  run: NativeRun | null;
  skipReason: string | null;
}

export interface EmulatorOutcome {
  /** Null when the caller did not ask for the source run. */
  source: EmulatorRun | null;
  /** Null when there is no GNU-built ELF to run. */
  elf: EmulatorRun | null;
}

export function loadPrograms(dir = PROGRAM_DIR): Program[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.s'))
    .sort()
    .map((f) => {
      const path = join(dir, f);
      return { path, spec: parseProgramHeader(f.slice(0, -2), readFileSync(path, 'utf8')) };
    });
}

function missingFeature(spec: ProgramSpec, ia32: boolean): string | null {
  if (spec.requires.includes('ia32-emulation') && !ia32) {
    return 'IA32 emulation is off on this kernel (int 0x80 raises SIGSEGV): no native reference; the emulator is held to the header expectations instead';
  }
  return null;
}

/** How a program's source becomes an executable in dir (GNU as/ld by default; gcc for C). */
export type NativeBuild = (sourcePath: string, name: string, dir: string) => Promise<BuildResult>;

export async function runNativeAll(programs: readonly Program[], workDir: string, build: NativeBuild = buildNative): Promise<Map<string, NativeOutcome>> {
  const ia32 = await probeIa32Emulation(workDir);
  const out = new Map<string, NativeOutcome>();
  await mapPool(programs, POOL, async ({ path, spec }) => {
    const built = await build(path, spec.name, workDir);
    const skipReason = built.ok ? missingFeature(spec, ia32) : null;
    const run = built.ok && skipReason === null ? await runNative(spec, built.exe, workDir) : null;
    out.set(spec.name, { build: built, run, skipReason });
  });
  return out;
}

/**
 * Each program twice through the CLI: from its .s source and from the GNU-built ELF.
 * withSource limits the source runs (the host-strace stand-in's source path is only GNU
 * as/ld again, so its self-test samples it).
 */
export async function runEmulatorAll(
  programs: readonly Program[],
  native: ReadonlyMap<string, NativeOutcome>,
  workDir: string,
  cli?: string,
  withSource: (spec: ProgramSpec) => boolean = () => true,
): Promise<Map<string, EmulatorOutcome>> {
  const out = new Map<string, EmulatorOutcome>();
  await mapPool(programs, POOL, async ({ path, spec }) => {
    const build = native.get(spec.name)?.build;
    const stdinPath = await writeStdinFile(spec, workDir);
    const source = withSource(spec) ? await runEmulator(path, spec, stdinPath, cli) : null;
    const elf = build?.ok ? await runEmulator(build.exe, spec, stdinPath, cli) : null;
    out.set(spec.name, { source, elf });
  });
  return out;
}

/** stdout as a string that maps bytes 1:1, so a diff shows every byte. */
export const bytes = (b: Uint8Array): string => Buffer.from(b).toString('latin1');

/** The native run's checks: exit status, stdout and key trace lines from the header. */
export function checkNativeAgainstHeader(run: NativeRun, spec: ProgramSpec): void {
  expect(run.timedOut, 'native run timed out').toBe(false);
  if (spec.expectExit !== null) expect(run.status).toBe(spec.expectExit);
  if (spec.expectStdout !== null) expect(bytes(run.stdout)).toBe(bytes(spec.expectStdout));
  const trace = normalizeTrace(run.trace);
  for (const line of spec.expectTrace) expect(trace).toContain(line);
  expect(trace.at(-1) ?? '').toMatch(/^\+\+\+ (exited with|killed by) /);
}

/** Emulator vs native: same stdout bytes, same status, same normalized trace. */
export function checkAgainstNative(emu: EmulatorRun, ref: NativeRun, opts: NormalizeOptions): void {
  const note = emu.otherStderr.length > 0 ? `emulator stderr besides the trace:\n${emu.otherStderr.join('\n')}` : undefined;
  expect(emu.timedOut, 'emulator run timed out').toBe(false);
  expect({ stdout: bytes(emu.stdout), status: emu.status, trace: normalizeTrace(emu.trace, opts) }, note).toEqual({
    stdout: bytes(ref.stdout),
    status: ref.status,
    trace: normalizeTrace(ref.trace, opts),
  });
}

/** Emulator vs the header alone, for programs the host cannot run natively. */
export function checkAgainstHeader(emu: EmulatorRun, spec: ProgramSpec, opts: NormalizeOptions): void {
  expect(emu.timedOut, 'emulator run timed out').toBe(false);
  if (spec.expectStdout !== null) expect(bytes(emu.stdout)).toBe(bytes(spec.expectStdout));
  if (spec.expectExit !== null) expect(emu.status).toBe(spec.expectExit);
  const trace = normalizeTrace(emu.trace, opts);
  for (const line of spec.expectTrace) expect(trace).toContain(line);
}

/** The comparison for one emulator run of one program, whichever reference exists. */
export function checkEmulatorRun(emu: EmulatorRun, native: NativeOutcome, spec: ProgramSpec, kind: 'source' | 'elf'): void {
  // The emulator's own link step may place sections differently from GNU ld.
  const opts: NormalizeOptions = { hideImageAddresses: kind === 'source' };
  if (native.run) checkAgainstNative(emu, native.run, opts);
  else checkAgainstHeader(emu, spec, opts);
}
