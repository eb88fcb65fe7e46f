// C programs on the arm64 guest runtime: built with Debian's cross gcc against
// `runtimeFiles('arm64')`, run under `qemu-aarch64 -strace` (the reference) and by the
// emulator's CLI from the same ELF. The runs and the trace normalizer are the arm64
// conformance suite's (tests/conformance/arm64/qemu-run.ts, qemu-trace.ts).
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import type { ProgramSpec } from '../../conformance/program-header.js';
import { runProcess } from '../../conformance/run-process.js';
import { gccArgs, runtimeCompiler } from '../../../electron/host/runtime/write-runtime.js';

/** The tools the arm64 runtime tests cannot do without. */
export const ARM64_TOOLS = ['aarch64-linux-gnu-gcc', 'aarch64-linux-gnu-as', 'aarch64-linux-gnu-objdump', 'qemu-aarch64'] as const;

/**
 * Why these tests cannot run here (a tool is missing), or null. A developer machine
 * without the cross toolchain skips with that reason; CI (CI=true) must have it, so
 * there a missing tool is a failure, never a skip.
 */
export function missingArm64Tools(): string | null {
  const missing = ARM64_TOOLS.filter((t) => spawnSync(t, ['--version'], { stdio: 'ignore' }).error !== undefined);
  if (missing.length === 0) return null;
  const reason = `the AArch64 cross toolchain is missing (${missing.join(', ')}): apt-get install gcc-aarch64-linux-gnu qemu-user`;
  if (process.env.CI === 'true') throw new Error(`${reason}; CI must run the arm64 runtime tests`);
  return reason;
}

/** The C programs shared with the x86-64 runtime's suite that do not build for arm64, and why. */
export const X86_ONLY: Readonly<Record<string, string>> = {
  'errno-tls': 'reads errno with x86 inline assembly (%fs); arm64/errno-tls.c is its twin',
  'syscall-generic': "passes x86-64 syscall numbers; arm64/syscall-generic.c is its twin with arm64's",
};

/** Where a shared program's header is x86-64's and arm64's output differs for a reason outside the runtime. */
export const ARM64_STDOUT: Readonly<Record<string, { from: string; to: string; why: string }>> = {
  'proc-maps': { from: 'const string: r--p', to: 'const string: r-xp', why: 'GNU ld for aarch64 puts .rodata in the text segment (no -z separate-code)' },
};

/**
 * Programs with more than one process or thread: `qemu-aarch64 -strace` prints a
 * call's start and its result as separate writes, so concurrent tasks' lines interleave
 * (and a blocked wait4 shows a result before the child has run). Their stdout and
 * status are compared with qemu; their trace is not.
 */
export const QEMU_TRACE_GARBLED: ReadonlySet<string> = new Set(['fork-wait', 'errno-threads']);

/**
 * Programs where qemu-user 7.2 is not Linux. The emulator is held to the program's
 * header (stdout and status checked natively on x86-64 for the same source) instead.
 */
export const QEMU_NOT_LINUX: Readonly<Record<string, string>> = {
  auxv: 'qemu-user 7.2 maps no vDSO, so there is no AT_SYSINFO_EHDR',
  'exec-self': 'qemu-user cannot execve an aarch64 program without binfmt_misc',
  'pipe-nonblock': 'qemu checks the read buffer (EFAULT) before the empty pipe (EAGAIN)',
  'proc-maps': "qemu's brk heap is an anonymous mapping, not [heap]",
};

export type BuildOutcome = { exe: string } | { error: string };

/** aarch64-linux-gnu-gcc -nostdlib against the runtime in runtimeDir, fixed address or static PIE. */
export async function buildArm64C(runtimeDir: string, source: string, exe: string, pie: boolean): Promise<BuildOutcome> {
  const r = await runProcess(runtimeCompiler('arm64'), gccArgs(runtimeDir, [source], exe, pie), { stdin: null, timeoutMs: 30_000 });
  return r.status === 0 ? { exe } : { error: `${runtimeCompiler('arm64')}: ${r.stderr.toString()}` };
}

/** A program as this suite runs it: one build variant, its name suffixed. */
export function variantSpec(spec: ProgramSpec, pie: boolean): ProgramSpec {
  return { ...spec, name: spec.name + (pie ? '-pie' : '') };
}

/** The executable's path in workDir for a variant. */
export const exePath = (workDir: string, spec: ProgramSpec): string => join(workDir, spec.name);

/** The emulator prints `[pid N] ` before lines once a process has children; qemu prints `N `. */
export function withoutPidPrefix(lines: readonly string[]): string[] {
  return lines.map((l) => l.replace(/^\[pid +\d+\] /, ''));
}
