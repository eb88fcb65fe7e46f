// The emulated half's generated programs are real Linux programs: run natively under
// strace (assembled by the lab's assembler, as "Run natively" does) they make the
// same system calls as in the emulator. The vDSO and read programs are left out:
// one calls into the emulator's own vDSO layout, the other reads the emulator's
// /data/1mib.bin.

import { describe, expect, it } from 'vitest';
import { buildFromSource, Machine } from '../../../../core/machine.js';
import { firstTouch, getpidVia, nullSyscall, pipePingPong } from '../../../../electron/host/experiments/guest-programs.js';
import { nativeRunUnsupported, runNatively } from '../../../../electron/host/native-run/native-run.js';
import { normalizeTrace } from '../../../conformance/normalize.js';

function emulatedTrace(source: string): { lines: string[]; code: number | null } {
  const built = buildFromSource(source, 'x86_64');
  if (!built.ok) throw new Error(built.errors.map((e) => e.message).join('; '));
  const lines: string[] = [];
  const m = Machine.fromElf(built.program.elf, '/home/student/a.out', { arch: 'x86_64', onEvent: (e) => 'line' in e && lines.push(e.line) });
  const stop = m.run(10_000_000);
  return { lines, code: stop.kind === 'exit' ? stop.code : null };
}

const opts = { hideImageAddresses: true };

describe.runIf(nativeRunUnsupported() === null)('generated guest programs, natively and emulated', () => {
  const cases: [string, string, boolean][] = [
    ['null syscall', nullSyscall(3), false],
    ['getpid via syscall', getpidVia('syscall', 3), false],
    ['first touch', firstTouch(8, 4), false],
    // Two processes: strace -f interleaves them by real time, so compare as multisets.
    ['pipe ping-pong', pipePingPong(3), true],
  ];
  for (const [name, source, unordered] of cases) {
    it(`${name}: same syscalls, exit 0`, async () => {
      const native = await runNatively({ source, timeoutMs: 5000 });
      expect(native.exit).toEqual({ code: 0, signal: null });
      const emu = emulatedTrace(source);
      expect(emu.code).toBe(0);
      if (!native.strace.available) return;
      let a = normalizeTrace(emu.lines, opts);
      let b = normalizeTrace(native.strace.lines, opts);
      if (unordered) [a, b] = [a.sort(), b.sort()];
      expect(a).toEqual(b);
    }, 30_000);
  }
});
