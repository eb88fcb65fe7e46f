// The AArch64 conformance suite: every program in this folder is built by GNU as/ld
// for aarch64, run under `qemu-aarch64 -strace`, and run by the emulator twice (from
// the .s with its own assembler and linker, and from the GNU-built ELF). Same stdout
// bytes, same exit status, same syscall sequence (by name and result, qemu-trace.ts),
// and the emulator's own strace-format lines contain each header `expect-trace`.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeStdinFile } from '../native-run.js';
import { mapPool } from '../run-process.js';
import { POOL, bytes } from '../suite.js';
import { buildArm64, loadArm64Programs, runEmulatorArm64, runQemu, type Arm64Program, type Arm64Run } from './qemu-run.js';
import { normalizeArm64Trace } from './qemu-trace.js';

const programs = loadArm64Programs();

interface Outcome {
  build: { exe: string } | { error: string };
  qemu: Arm64Run | null;
  source: Arm64Run;
  elf: Arm64Run | null;
}

let workDir = '';
const outcomes = new Map<string, Outcome>();

beforeAll(async () => {
  workDir = mkdtempSync(join(tmpdir(), 'conformance-arm64-'));
  await mapPool(programs, POOL, async ({ path, spec }) => {
    const build = await buildArm64(path, spec.name, workDir);
    const stdinPath = await writeStdinFile(spec, workDir);
    const qemu = 'exe' in build ? await runQemu(build.exe, spec, stdinPath) : null;
    const source = await runEmulatorArm64(path, spec, stdinPath);
    const elf = 'exe' in build ? await runEmulatorArm64(build.exe, spec, stdinPath) : null;
    outcomes.set(spec.name, { build, qemu, source, elf });
  });
}, 1_200_000);

afterAll(() => {
  if (workDir !== '') rmSync(workDir, { recursive: true, force: true });
});

function compare(emu: Arm64Run, ref: Arm64Run, p: Arm64Program, hideImageAddresses: boolean): void {
  const note = emu.otherStderr.length > 0 ? `emulator stderr besides the trace:\n${emu.otherStderr.join('\n')}` : undefined;
  expect(emu.timedOut, 'emulator run timed out').toBe(false);
  const opts = { hideImageAddresses, ignore: p.qemuDiffers };
  expect({ stdout: bytes(emu.stdout), status: emu.status, trace: normalizeArm64Trace(emu.trace, opts) }, note).toEqual({
    stdout: bytes(ref.stdout),
    status: ref.status,
    trace: normalizeArm64Trace(ref.trace, opts),
  });
  // expect-trace lines carry GNU ld's addresses, so they hold for the GNU-built ELF.
  if (!hideImageAddresses) for (const line of p.spec.expectTrace) expect(emu.trace).toContain(line);
}

describe('arm64 conformance programs', () => {
  it('has at least 25 programs, each saying what it shows and how it must end', () => {
    expect(programs.length).toBeGreaterThanOrEqual(25);
    expect(programs.filter((p) => p.spec.summary !== '' && p.spec.expectExit !== null).length).toBe(programs.length);
  });

  for (const p of programs) {
    const { spec } = p;
    describe(spec.name, () => {
      it('qemu-aarch64: GNU as/ld build runs as the header says', () => {
        const o = outcomes.get(spec.name)!;
        if ('error' in o.build) throw new Error(o.build.error);
        const q = o.qemu!;
        expect(q.timedOut).toBe(false);
        if (spec.expectExit !== null) expect(q.status).toBe(spec.expectExit);
        if (spec.expectStdout !== null) expect(bytes(q.stdout)).toBe(bytes(spec.expectStdout));
      });

      it('emulator on the .s source (its own assembler and linker): same as qemu', () => {
        const o = outcomes.get(spec.name)!;
        if (!o.qemu) throw new Error('no qemu reference');
        compare(o.source, o.qemu, p, true);
      });

      it('emulator on the GNU-built ELF: same as qemu', () => {
        const o = outcomes.get(spec.name)!;
        if (!o.qemu || !o.elf) throw new Error('no qemu reference');
        compare(o.elf, o.qemu, p, false);
      });
    });
  }
});
