// The native half: assemble with GNU as, link with GNU ld (static, no libc), and run
// the executable on this machine's kernel under strace. This is the reference the
// emulator is held to.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runProcess, runWithPipes } from './run-process.js';
import type { ProgramSpec } from './program-header.js';

export const NATIVE_TIMEOUT_MS = 10_000;

export interface BuildResult {
  ok: boolean;
  exe: string;
  /** Assembler or linker diagnostics when ok is false. */
  log: string;
}

export interface NativeRun {
  stdout: Buffer;
  status: number;
  timedOut: boolean;
  /** strace's lines as written (pid prefix and column padding included). */
  trace: string[];
}

/** `as --64` then `ld -static`: the executable lands in dir as <name>. */
export async function buildNative(sourcePath: string, name: string, dir: string): Promise<BuildResult> {
  const obj = join(dir, `${name}.o`);
  const exe = join(dir, name);
  const as = await runProcess('as', ['--64', '-o', obj, sourcePath], { stdin: null, timeoutMs: NATIVE_TIMEOUT_MS });
  if (as.status !== 0) return { ok: false, exe, log: `as: ${as.stderr.toString()}` };
  const ld = await runProcess('ld', ['-static', '-o', exe, obj], { stdin: null, timeoutMs: NATIVE_TIMEOUT_MS });
  if (ld.status !== 0) return { ok: false, exe, log: `ld: ${ld.stderr.toString()}` };
  return { ok: true, exe, log: '' };
}

/**
 * Run under `strace -f -q -o TRACE`. -q (not -qq) keeps the `+++ exited with N +++` /
 * `+++ killed by SIG +++` lines the emulator's --trace also prints; it still drops
 * attach/detach chatter. strace exits with the tracee's status and re-raises a killing
 * signal on itself, so its own status is the program's.
 */
export async function runNative(spec: ProgramSpec, exe: string, dir: string): Promise<NativeRun> {
  const tracePath = join(dir, `${spec.name}.trace`);
  await writeFile(tracePath, '');
  const stdinPath = await writeStdinFile(spec, dir);
  const r = await runWithPipes('strace', ['-f', '-q', '-o', tracePath, exe, ...spec.args], stdinPath, { timeoutMs: NATIVE_TIMEOUT_MS, cwd: dir });
  const text = await readFile(tracePath, 'utf8');
  return { stdout: r.stdout, status: r.status, timedOut: r.timedOut, trace: text.split('\n').filter((l) => l !== '') };
}

/** The program's declared stdin as a file in dir (null: none declared, use /dev/null). */
export async function writeStdinFile(spec: ProgramSpec, dir: string): Promise<string | null> {
  if (spec.stdin === null) return null;
  const path = join(dir, `${spec.name}.stdin`);
  await writeFile(path, spec.stdin);
  return path;
}

/**
 * Is `int 0x80` usable from a 64-bit process here? Kernels built without
 * CONFIG_IA32_EMULATION, or booted with ia32_emulation=0, answer it with SIGSEGV.
 * Asked of the kernel directly: a 3-instruction program that exits 7 through it.
 */
export async function probeIa32Emulation(dir: string): Promise<boolean> {
  const src = join(dir, 'probe-int80.s');
  await writeFile(src, '.intel_syntax noprefix\n.global _start\n.text\n_start:\n    mov eax, 1\n    mov ebx, 7\n    int 0x80\n');
  const built = await buildNative(src, 'probe-int80', dir);
  if (!built.ok) throw new Error(built.log);
  const r = await runProcess(built.exe, [], { stdin: null, timeoutMs: NATIVE_TIMEOUT_MS });
  return r.status === 7;
}
