// Builds the C probes with the host's C compiler into a content-addressed
// cache folder: $SYSCALL_LAB_CACHE (or $XDG_CACHE_HOME/syscall-lab, or
// ~/.cache/syscall-lab) + /probes/<hash of sources, flags, compiler version>/.
// A changed source or compiler gives a new folder; a stale binary is never used.

import { execFile } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { accessSync, constants, existsSync, readdirSync, readFileSync } from 'node:fs';
import { chmod, copyFile, mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { homedir, platform } from 'node:os';
import { basename, delimiter, isAbsolute, join, sep } from 'node:path';
import type { BuildResult } from '../../common/probe-types.js';
import { PROBE_BINARY, prebuiltCandidates, probeSourceDir } from './source-dir.js';

/** gcc(1): -O2 for realistic code; _GNU_SOURCE for sched_setaffinity, getauxval; -pthread for futex-pingpong. */
export const PROBE_CFLAGS = ['-O2', '-D_GNU_SOURCE', '-pthread', '-Wall'];

export interface BuildOptions {
  /** Compiler command or path; null forces the Node fallback set (no compiler). Default: $CC, cc, gcc on PATH. */
  compiler?: string | null;
  /** Replaces $XDG_CACHE_HOME/syscall-lab as the cache root. Default: $SYSCALL_LAB_CACHE. */
  cacheDir?: string;
  /** Environment for PATH lookup and cache variables (default process.env). */
  env?: NodeJS.ProcessEnv;
  sourceDir?: string;
  /** Use this folder's prebuilt syscall-probe and never compile. */
  prebuiltDir?: string;
  /** false: ignore shipped binaries (dist/probes, the app's resources). With compiler: null this forces the fallback set. */
  prebuilt?: boolean;
}

function execText(cmd: string, args: string[], timeoutMs: number): Promise<{ ok: boolean; out: string }> {
  return new Promise((resolve) => {
    execFile(cmd, args, { timeout: timeoutMs, maxBuffer: 4 << 20 }, (err, stdout, stderr) => {
      resolve({ ok: !err, out: `${stdout}${stderr}`.trim() || (err ? err.message : '') });
    });
  });
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** PATH lookup, as execvp(3) would do it. */
export function findOnPath(name: string, env: NodeJS.ProcessEnv): string | null {
  if (isAbsolute(name)) return isExecutable(name) ? name : null;
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (dir && isExecutable(join(dir, name))) return join(dir, name);
  }
  return null;
}

export function cacheRoot(opts: BuildOptions = {}): string {
  const env = opts.env ?? process.env;
  if (opts.cacheDir) return opts.cacheDir;
  if (env.SYSCALL_LAB_CACHE) return env.SYSCALL_LAB_CACHE;
  const base = env.XDG_CACHE_HOME || join(env.HOME || homedir(), '.cache');
  return join(base, 'syscall-lab');
}

export interface CompilerInfo {
  path: string;
  version: string;
}

export async function findCompiler(opts: BuildOptions = {}): Promise<CompilerInfo | null> {
  if (opts.compiler === null) return null;
  const env = opts.env ?? process.env;
  const names = opts.compiler !== undefined ? [opts.compiler] : [env.CC, 'cc', 'gcc'].filter((n): n is string => !!n);
  for (const name of names) {
    const path = findOnPath(name, env);
    if (!path) continue;
    const v = await execText(path, ['--version'], 10_000);
    if (v.ok) return { path, version: v.out };
  }
  return null;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.c') || f.endsWith('.h'))
    .sort();
}

export function sourceHash(dir: string, compilerVersion: string): string {
  const h = createHash('sha256');
  h.update(`${compilerVersion}\0${PROBE_CFLAGS.join(' ')}\0${platform()}-${process.arch}\0`);
  for (const f of sourceFiles(dir)) h.update(`${f}\0`).update(readFileSync(join(dir, f))).update('\0');
  return h.digest('hex').slice(0, 16);
}

function prebuilt(dir: string): BuildResult | null {
  const binary = join(dir, PROBE_BINARY);
  if (!isExecutable(binary)) return null;
  return { kind: 'native', dir, binary, compiler: null, built: false };
}

export async function buildProbes(opts: BuildOptions = {}): Promise<BuildResult> {
  const none = (reason: string): BuildResult => ({ kind: 'fallback', dir: null, binary: null, compiler: null, built: false, reason });
  if (platform() !== 'linux') return none(`the native probes are Linux-only (this is ${platform()}): the Node fallback set runs instead`);
  const env = opts.env ?? process.env;
  if (opts.prebuiltDir) return prebuilt(opts.prebuiltDir) ?? none(`no ${PROBE_BINARY} in ${opts.prebuiltDir}`);
  if (env.SYSCALL_LAB_PROBES_DIR && opts.prebuilt !== false) {
    const found = prebuilt(env.SYSCALL_LAB_PROBES_DIR);
    if (found) return found;
  }
  // Sources inside an Electron asar archive exist for Node's fs but not for cc.
  const found = opts.sourceDir ?? probeSourceDir();
  const src = found && !found.includes(`.asar${sep}`) ? found : null;
  const cc = await findCompiler(opts);
  // When we cannot build, a shipped binary is next best; else the Node fallback set.
  const shippedOr = (reason: string, compiler: string | null = null): BuildResult => {
    for (const dir of opts.prebuilt === false ? [] : prebuiltCandidates(env)) {
      const shipped = prebuilt(dir);
      if (shipped) return shipped;
    }
    return { ...none(reason), compiler };
  };
  if (!src || !cc) return shippedOr(!cc ? 'no C compiler found (looked for $CC, cc, gcc on PATH)' : 'probe sources not found');
  const compiler = cc.version.split('\n')[0] ?? cc.path;
  const dir = join(cacheRoot(opts), 'probes', sourceHash(src, cc.version));
  const binary = join(dir, PROBE_BINARY);
  if (existsSync(binary)) return { kind: 'native', dir, binary, compiler, built: false };
  try {
    await mkdir(dir, { recursive: true });
  } catch (err) {
    return shippedOr(`cannot create the probe cache ${dir}: ${(err as Error).message}`, compiler);
  }
  // Compile to a private name, then rename: concurrent builders never see a half-written binary.
  const tmp = join(dir, `.${PROBE_BINARY}.${process.pid}.${randomBytes(4).toString('hex')}`);
  const sources = sourceFiles(src).filter((f) => f.endsWith('.c')).map((f) => join(src, f));
  const res = await execText(cc.path, [...PROBE_CFLAGS, '-o', tmp, ...sources], 180_000);
  if (!res.ok) {
    await rm(tmp, { force: true });
    return shippedOr(`compiling the probes failed: ${res.out.slice(0, 2000)}`, compiler);
  }
  if (!existsSync(tmp)) return shippedOr(`the compiler (${compiler}) exited 0 but wrote no binary`, compiler);
  try {
    await rename(tmp, binary);
  } catch (err) {
    // A concurrent builder may have won the race with the same content: fine.
    await rm(tmp, { force: true });
    if (!existsSync(binary)) return shippedOr(`cannot install the probe binary in ${dir}: ${(err as Error).message}`, compiler);
  }
  return { kind: 'native', dir, binary, compiler, built: true };
}

const memo = new Map<string, Promise<BuildResult>>();

/** buildProbes, once per process and option set. */
export function ensureProbesBuilt(opts: BuildOptions = {}): Promise<BuildResult> {
  const e = opts.env;
  const envKey = e ? [e.PATH, e.CC, e.SYSCALL_LAB_CACHE, e.XDG_CACHE_HOME, e.HOME, e.SYSCALL_LAB_PROBES_DIR] : null;
  const key = JSON.stringify({ ...opts, env: envKey });
  let p = memo.get(key);
  if (!p) {
    p = buildProbes(opts);
    memo.set(key, p);
    // A failed build should be retried next time (the user may install gcc).
    void p.then((r) => {
      if (r.kind === 'fallback') memo.delete(key);
    });
  }
  return p;
}

/**
 * Copy the built probes into `outDir` (dist/probes for electron-builder's
 * extraResources) with a manifest saying what built them.
 */
export async function exportProbes(outDir: string, opts: BuildOptions = {}): Promise<BuildResult> {
  const build = await buildProbes({ ...opts, prebuilt: false });
  if (build.kind !== 'native' || !build.binary) return build;
  await mkdir(outDir, { recursive: true });
  const target = join(outDir, PROBE_BINARY);
  await copyFile(build.binary, target);
  await chmod(target, 0o755);
  const manifest = { compiler: build.compiler, platform: platform(), arch: process.arch, hash: basename(build.dir ?? ''), cflags: PROBE_CFLAGS };
  await writeFile(join(outDir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  return { ...build, dir: outDir, binary: target };
}
