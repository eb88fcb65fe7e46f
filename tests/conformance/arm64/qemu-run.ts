// The AArch64 conformance runs: GNU-built programs (aarch64-linux-gnu-as/ld) under
// `qemu-aarch64 -strace` as the reference, and the emulator (`syscall-lab run --arch
// arm64 --trace`) on the .s source and on the GNU-built ELF. Headers are the x86
// suite's (program-header.ts) written as `//` comments, plus one key of our own:
//
//   // qemu-differs: si_code si_addr   signal fields where qemu-user is not Linux;
//                                      the emulator is held to expect-trace there
//
// `stdin:` is a JSON string here ("line\n"), as the assembler tests that share these
// programs read it.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseProgramHeader, type ProgramSpec } from '../program-header.js';
import { runProcess, runWithPipes } from '../run-process.js';
import { CLI, EMULATOR_TIMEOUT_MS, isTraceLine, REPO_ROOT } from '../emulator-run.js';
import { qemuTraceLines } from './qemu-trace.js';

export const ARM64_DIR = import.meta.dirname;
const TOOL_TIMEOUT_MS = 20_000;

export interface Arm64Program {
  path: string;
  spec: ProgramSpec;
  qemuDiffers: ('si_code' | 'si_addr')[];
}

export interface Arm64Run {
  stdout: Buffer;
  status: number;
  timedOut: boolean;
  trace: string[];
  otherStderr: string[];
}

export function loadArm64Programs(dir = ARM64_DIR): Arm64Program[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.s'))
    .sort()
    .map((f) => {
      const path = join(dir, f);
      const lines = readFileSync(path, 'utf8').split('\n');
      const end = lines.findIndex((l) => !l.startsWith('//'));
      const header = lines.slice(0, end < 0 ? lines.length : end).map((l) => `#${l.slice(2)}`);
      const differs = header.map((l) => /^# qemu-differs: (.*)$/.exec(l)?.[1]).find((v) => v !== undefined) ?? '';
      const spec = parseProgramHeader(f.slice(0, -2), header.join('\n'));
      // The assembler's own tests read `stdin:` as a JSON string; take it that way too.
      const stdin = header.map((l) => /^# stdin: (".*")$/.exec(l)?.[1]).find((v) => v !== undefined);
      if (stdin !== undefined) spec.stdin = new TextEncoder().encode(JSON.parse(stdin) as string);
      return {
        path,
        spec,
        qemuDiffers: differs.split(/\s+/).filter((w): w is 'si_code' | 'si_addr' => w === 'si_code' || w === 'si_addr'),
      };
    });
}

/** aarch64-linux-gnu-as, then aarch64-linux-gnu-ld -static; returns the executable or the diagnostics. */
export async function buildArm64(path: string, name: string, dir: string): Promise<{ exe: string } | { error: string }> {
  const obj = join(dir, `${name}.o`);
  const exe = join(dir, name);
  const as = await runProcess('aarch64-linux-gnu-as', ['-o', obj, path], { stdin: null, timeoutMs: TOOL_TIMEOUT_MS });
  if (as.status !== 0) return { error: `as: ${as.stderr.toString()}` };
  const ld = await runProcess('aarch64-linux-gnu-ld', ['-static', '-o', exe, obj], { stdin: null, timeoutMs: TOOL_TIMEOUT_MS });
  if (ld.status !== 0) return { error: `ld: ${ld.stderr.toString()}` };
  return { exe };
}

/** qemu-user re-raises the guest's killing signal on itself, so its status is the guest's (128+N). */
export async function runQemu(exe: string, spec: ProgramSpec, stdinPath: string | null): Promise<Arm64Run> {
  const r = await runWithPipes('qemu-aarch64', ['-strace', exe, ...spec.args], stdinPath, { timeoutMs: TOOL_TIMEOUT_MS });
  const stderr = r.stderr.toString('utf8');
  const trace = qemuTraceLines(stderr);
  return { stdout: r.stdout, status: r.status, timedOut: r.timedOut, trace, otherStderr: stderr.split('\n').filter((l) => l !== '' && !trace.includes(l)) };
}

export async function runEmulatorArm64(file: string, spec: ProgramSpec, stdinPath: string | null, cli = CLI): Promise<Arm64Run> {
  const r = await runWithPipes(process.execPath, [cli, 'run', '--arch', 'arm64', '--trace', file, ...spec.args], stdinPath, { timeoutMs: EMULATOR_TIMEOUT_MS, cwd: REPO_ROOT });
  const lines = r.stderr.toString('utf8').split('\n').filter((l) => l !== '');
  return { stdout: r.stdout, status: r.status, timedOut: r.timedOut, trace: lines.filter(isTraceLine), otherStderr: lines.filter((l) => !isTraceLine(l)) };
}
