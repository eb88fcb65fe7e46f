// The arm64 guest runtime under real C programs: the x86-64 runtime's conformance
// programs (tests/conformance/c-runtime, the same sources) plus a few arm64 ones in
// arm64/, each built by aarch64-linux-gnu-gcc -nostdlib at a fixed address and as a
// static PIE, run under `qemu-aarch64 -strace` and in the emulator from the same ELF:
// same stdout bytes, exit status and syscall sequence (names and results, normalized
// as the arm64 conformance suite does).
//
// clock_gettime is the one planned difference: qemu-user maps no vDSO, so the runtime
// falls back to the system call there, while in the emulator it finds
// __kernel_clock_gettime and valid clocks make no system call at all.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeRuntime } from '../../../electron/host/runtime/write-runtime.js';
import { loadCPrograms } from '../../conformance/c-runtime/c-programs.js';
import { writeStdinFile } from '../../conformance/native-run.js';
import { mapPool } from '../../conformance/run-process.js';
import { POOL, bytes, type Program } from '../../conformance/suite.js';
import type { ProgramSpec } from '../../conformance/program-header.js';
import { runEmulatorArm64, runQemu, type Arm64Run } from '../../conformance/arm64/qemu-run.js';
import { normalizeArm64Trace } from '../../conformance/arm64/qemu-trace.js';
import { ARM64_STDOUT, QEMU_NOT_LINUX, QEMU_TRACE_GARBLED, X86_ONLY, buildArm64C, exePath, missingArm64Tools, variantSpec, withoutPidPrefix, type BuildOutcome } from './arm64-c-run.js';

const SHARED_DIR = join(import.meta.dirname, '..', '..', 'conformance', 'c-runtime');
const programs: Program[] = [...loadCPrograms(SHARED_DIR).filter((p) => X86_ONLY[p.spec.name] === undefined), ...loadCPrograms(join(import.meta.dirname, 'arm64'))];
const variants = [false, true] as const;

interface Outcome {
  build: BuildOutcome;
  qemu: Arm64Run | null;
  emu: Arm64Run | null;
}

let skipReason: string | null = null;
let workDir = '';
const outcomes = new Map<string, Outcome>();

beforeAll(async () => {
  skipReason = missingArm64Tools();
  if (skipReason !== null) return;
  workDir = mkdtempSync(join(tmpdir(), 'runtime-arm64-c-'));
  const runtimeDir = join(workDir, 'runtime');
  await writeRuntime(runtimeDir, 'arm64');
  const jobs = variants.flatMap((pie) => programs.map((p) => ({ path: p.path, pie, spec: variantSpec(p.spec, pie) })));
  await mapPool(jobs, POOL, async ({ path, pie, spec }) => {
    const build = await buildArm64C(runtimeDir, path, exePath(workDir, spec), pie);
    const stdinPath = await writeStdinFile(spec, workDir);
    const qemu = 'exe' in build ? await runQemu(build.exe, spec, stdinPath) : null;
    const emu = 'exe' in build ? await runEmulatorArm64(build.exe, spec, stdinPath) : null;
    outcomes.set(spec.name, { build, qemu, emu });
  });
}, 1_200_000);

afterAll(() => {
  if (workDir !== '') rmSync(workDir, { recursive: true, force: true });
});

const trace = (r: Arm64Run): string[] => normalizeArm64Trace(withoutPidPrefix(r.trace), { hideImageAddresses: false, ignore: [] });
const isClockCall = (l: string): boolean => l === 'clock_gettime = 0';

/** The stdout a program's header promises, adjusted where arm64 differs for a reason outside the runtime. */
function expectedStdout(spec: ProgramSpec): string {
  const text = bytes(spec.expectStdout!);
  const change = ARM64_STDOUT[spec.name];
  if (!change) return text;
  expect(text, change.why).toContain(change.from);
  return text.replace(change.from, change.to);
}

function outcome(name: string, ctx: { skip: (note?: string) => void }): { qemu: Arm64Run; emu: Arm64Run } {
  if (skipReason !== null) ctx.skip(skipReason);
  const o = outcomes.get(name);
  if (!o) throw new Error('no outcome');
  if ('error' in o.build) throw new Error(o.build.error);
  return { qemu: o.qemu!, emu: o.emu! };
}

describe('C programs on the arm64 runtime, qemu-aarch64 vs the emulator', () => {
  it('covers the shared programs except the x86-only ones, plus the arm64 ones', () => {
    expect(programs.length).toBeGreaterThanOrEqual(20);
    for (const p of programs) expect(p.spec.expectStdout, p.spec.name).not.toBeNull();
  });

  for (const pie of variants) {
    for (const { spec: base } of programs) {
      const spec = variantSpec(base, pie);
      const qemuNote = QEMU_NOT_LINUX[base.name];
      describe(spec.name, () => {
        it(`${pie ? 'static PIE' : 'fixed address'}: the emulator prints and exits as the header says`, (ctx) => {
          const { emu } = outcome(spec.name, ctx);
          expect(emu.timedOut).toBe(false);
          expect(emu.otherStderr).toEqual([]);
          expect({ stdout: bytes(emu.stdout), status: emu.status }).toEqual({ stdout: expectedStdout(base), status: base.expectExit });
        });

        if (qemuNote !== undefined) {
          it(`qemu-aarch64 is not compared here: ${qemuNote}`, (ctx) => {
            const { qemu } = outcome(spec.name, ctx);
            // Still true of the qemu installed here; if it stops differing, compare again.
            expect(bytes(qemu.stdout)).not.toBe(expectedStdout(base));
          });
          return;
        }

        if (QEMU_TRACE_GARBLED.has(base.name)) {
          it('same stdout and status as qemu-aarch64 (its -strace lines interleave across tasks)', (ctx) => {
            const { qemu, emu } = outcome(spec.name, ctx);
            expect({ stdout: bytes(emu.stdout), status: emu.status }).toEqual({ stdout: bytes(qemu.stdout), status: qemu.status });
          });
          return;
        }

        it('same stdout, status and syscall sequence as qemu-aarch64 -strace', (ctx) => {
          const { qemu, emu } = outcome(spec.name, ctx);
          expect(qemu.timedOut).toBe(false);
          // Valid clocks go through the vDSO in the emulator and through svc under qemu (no vDSO).
          const ref = trace(qemu).filter((l) => !isClockCall(l));
          expect({ stdout: bytes(emu.stdout), status: emu.status, trace: trace(emu) }, emu.otherStderr.join('\n')).toEqual({ stdout: bytes(qemu.stdout), status: qemu.status, trace: ref });
        });
      });
    }
  }

  it('clock_gettime: through the vDSO in the emulator (no system call), the syscall fallback under qemu', (ctx) => {
    for (const pie of variants) {
      const { qemu, emu } = outcome(variantSpec(programs.find((p) => p.spec.name === 'clock-vdso')!.spec, pie).name, ctx);
      expect(trace(qemu).filter(isClockCall)).toHaveLength(3);
      expect(trace(emu).filter(isClockCall)).toEqual([]);
      // The bad clock id reaches the kernel both ways: the vDSO's own fallback svc in the emulator.
      expect(emu.trace.filter((l) => l.startsWith('clock_gettime('))).toEqual(['clock_gettime(0x3039 /* CLOCK_??? */, 0x4) = -1 EINVAL (Invalid argument)']);
      expect(trace(qemu)).toContain('clock_gettime = -22');
    }
  });
});
