// The runner's emulator half, proven before the emulator exists: the same programs go
// through fake-cli/host-strace-cli.mjs, a stand-in for `syscall-lab run --trace`
// whose "emulator" is this machine's kernel under strace. Every comparison must pass
// (two independent runs: ASLR, pids and clocks differ, the normalizer must absorb
// exactly that), and a stand-in that lies about one byte, one status or one trace line
// must be caught.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { probeEmulator, type EmulatorRun } from './emulator-run.js';
import { PROGRAM_DIR, checkEmulatorRun, loadPrograms, runEmulatorAll, runNativeAll, type EmulatorOutcome, type NativeOutcome } from './suite.js';

const FAKE_CLI = join(import.meta.dirname, 'fake-cli', 'host-strace-cli.mjs');
const programs = loadPrograms();
// Source runs for a sample that covers stdin, args, brk/mmap naming, signals and image addresses.
const SOURCE_SAMPLE = new Set(['cat-loop', 'args', 'brk-grow-shrink', 'mmap-munmap', 'ud2', 'ioctl-tcgets', 'exec-stack']);

let workDir = '';
let native = new Map<string, NativeOutcome>();
let emulated = new Map<string, EmulatorOutcome>();

beforeAll(async () => {
  workDir = mkdtempSync(join(tmpdir(), 'conformance-fake-cli-'));
  native = await runNativeAll(programs, workDir);
  emulated = await runEmulatorAll(programs, native, workDir, FAKE_CLI, (spec) => SOURCE_SAMPLE.has(spec.name));
}, 600_000);

afterAll(() => {
  if (workDir !== '') rmSync(workDir, { recursive: true, force: true });
});

function outcome(name: string): { n: NativeOutcome; e: EmulatorOutcome } {
  const n = native.get(name);
  const e = emulated.get(name);
  if (!n || !e) throw new Error(`${name}: runs missing`);
  return { n, e };
}

describe('conformance runner against a host-strace stand-in for the CLI', () => {
  it('the stand-in counts as an available emulator', async () => {
    expect(await probeEmulator(join(PROGRAM_DIR, 'write-exit.s'), FAKE_CLI)).toEqual({ available: true });
  });

  it('every program: ELF runs (and the sampled source runs) equal the native run after normalizing', () => {
    const failures: string[] = [];
    let compared = 0;
    let considered = 0;
    for (const { spec } of programs) {
      const { n, e } = outcome(spec.name);
      if (n.skipReason !== null) continue;
      // Two native runs of a program with several processes interleave their strace
      // lines differently (the scheduler decides), so the stand-in cannot match them.
      if (n.run?.trace.some((l) => /^(\[pid\s+\d+\] |\d+\s+)?(fork|vfork|clone)\(/.test(l))) continue;
      considered++;
      for (const [kind, run] of [['source', e.source], ['elf', e.elf]] as const) {
        if (kind === 'source' && !SOURCE_SAMPLE.has(spec.name)) continue;
        compared++;
        try {
          if (!run) throw new Error('no run');
          checkEmulatorRun(run, n, spec, kind);
        } catch (err) {
          failures.push(`${spec.name} (${kind}): ${(err as Error).message}`);
        }
      }
    }
    expect(failures).toEqual([]);
    expect(considered).toBeGreaterThan(programs.length / 2);
    expect(compared).toBeGreaterThanOrEqual(considered);
  });

  it('catches a lie in stdout, in the status, or in one trace line', () => {
    const { n, e } = outcome('cat-loop');
    const spec = programs.find((p) => p.spec.name === 'cat-loop')?.spec;
    const good = e.elf;
    if (!spec || !good) throw new Error('cat-loop missing');
    const lies: EmulatorRun[] = [
      { ...good, stdout: Buffer.concat([good.stdout, Buffer.from('x')]) },
      { ...good, status: 1 },
      { ...good, trace: good.trace.map((l) => l.replace('read(0, "first li", 8)', 'read(0, "first li", 9)')) },
      { ...good, trace: good.trace.filter((l) => !l.includes('+++ exited')) },
    ];
    expect(good.trace.some((l) => l.includes('read(0, "first li", 8)'))).toBe(true);
    expect(() => checkEmulatorRun(good, n, spec, 'elf')).not.toThrow();
    for (const lie of lies) expect(() => checkEmulatorRun(lie, n, spec, 'elf')).toThrow();
  });
});
