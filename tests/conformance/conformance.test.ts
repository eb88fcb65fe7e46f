// The x86-64 conformance suite: every program in x86_64/ is assembled by GNU as,
// linked by GNU ld, run natively under strace, and then run by the emulator
// (`syscall-lab run --trace`) twice, from the .s source and from the GNU-built ELF.
// Same stdout bytes, same exit status, same normalized syscall trace (normalize.ts).
// While the emulator's run command is a placeholder, only the emulator half skips;
// the native half still checks each program against the expectations in its header.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { probeEmulator, type EmulatorAvailability } from './emulator-run.js';
import {
  PROGRAM_DIR,
  checkEmulatorRun,
  checkNativeAgainstHeader,
  loadPrograms,
  runEmulatorAll,
  runNativeAll,
  type EmulatorOutcome,
  type NativeOutcome,
} from './suite.js';

const programs = loadPrograms();

let workDir = '';
let emulator: EmulatorAvailability = { available: false, reason: 'not probed' };
let native = new Map<string, NativeOutcome>();
let emulated = new Map<string, EmulatorOutcome>();

beforeAll(async () => {
  workDir = mkdtempSync(join(tmpdir(), 'conformance-x86_64-'));
  [native, emulator] = await Promise.all([runNativeAll(programs, workDir), probeEmulator(join(PROGRAM_DIR, 'write-exit.s'))]);
  if (emulator.available) emulated = await runEmulatorAll(programs, native, workDir);
}, 1_200_000);

afterAll(() => {
  if (workDir !== '') rmSync(workDir, { recursive: true, force: true });
});

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
        if (!n) throw new Error('native outcome missing');
        expect(n.build.log).toBe('');
        if (n.skipReason !== null) ctx.skip(n.skipReason);
        if (!n.run) throw new Error('native run missing');
        checkNativeAgainstHeader(n.run, spec);
      });

      for (const kind of ['source', 'elf'] as const) {
        const what = kind === 'source' ? '.s source (its own assembler)' : 'GNU-built ELF';
        it(`emulator on the ${what}: same stdout, status and trace as native`, (ctx) => {
          if (!emulator.available) ctx.skip(emulator.reason);
          const n = native.get(spec.name);
          if (!n?.build.ok) ctx.skip('no GNU build to compare with (see the native test)');
          const e = emulated.get(spec.name);
          const emu = kind === 'source' ? e?.source : e?.elf;
          if (!n || !emu) throw new Error('emulator run missing');
          checkEmulatorRun(emu, n, spec, kind);
        });
      }
    });
  }
});
