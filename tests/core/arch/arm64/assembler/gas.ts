// Helpers that run Debian's cross binutils (aarch64-linux-gnu-as/ld/objcopy)
// on the same source our assembler sees, for byte-for-byte comparison.

import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { constants, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export function withTempDir<T>(fn: (dir: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'a64asm-'));
  try {
    return fn(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Assemble with GNU as and return the raw bytes of `.text`. Throws with as's stderr on error. */
export function gasText(source: string): Uint8Array {
  return withTempDir((dir) => {
    const s = join(dir, 'in.s');
    const o = join(dir, 'in.o');
    const b = join(dir, 'text.bin');
    writeFileSync(s, source);
    execFileSync('aarch64-linux-gnu-as', [s, '-o', o], { stdio: ['ignore', 'pipe', 'pipe'] });
    execFileSync('aarch64-linux-gnu-objcopy', ['-O', 'binary', '--only-section=.text', o, b]);
    return new Uint8Array(readFileSync(b));
  });
}

/** GNU as error messages for `source` ('' if it assembles). */
export function gasErrors(source: string): string {
  return withTempDir((dir) => {
    const s = join(dir, 'in.s');
    writeFileSync(s, source);
    try {
      execFileSync('aarch64-linux-gnu-as', [s, '-o', join(dir, 'in.o')], { stdio: ['ignore', 'pipe', 'pipe'] });
      return '';
    } catch (e) {
      const err = e as { stderr?: Buffer };
      return err.stderr?.toString() ?? 'failed';
    }
  });
}

export function wordsLE(bytes: Uint8Array): number[] {
  const out: number[] = [];
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let i = 0; i + 4 <= bytes.length; i += 4) out.push(dv.getUint32(i, true));
  return out;
}

/** Link one object with GNU ld at a fixed text base; returns the executable's bytes. */
export function ldLink(object: Uint8Array, dir: string, name: string, extra: readonly string[] = []): string {
  const o = join(dir, `${name}.o`);
  const exe = join(dir, name);
  writeFileSync(o, object);
  execFileSync('aarch64-linux-gnu-ld', ['-static', '-Ttext=0x400000', ...extra, o, '-o', exe], { stdio: ['ignore', 'pipe', 'pipe'] });
  return exe;
}

/** Assemble with GNU as into `dir/<name>.o` and return its bytes. */
export function gasObject(source: string, dir: string, name: string): Uint8Array {
  const s = join(dir, `${name}.s`);
  const o = join(dir, `${name}.gas.o`);
  writeFileSync(s, source);
  execFileSync('aarch64-linux-gnu-as', [s, '-o', o], { stdio: ['ignore', 'pipe', 'pipe'] });
  return new Uint8Array(readFileSync(o));
}

/** Loadable section contents of an executable, by section name, via objcopy. */
export function sectionBytes(exe: string, section: string, dir: string): Uint8Array {
  const b = join(dir, `${section.replace(/\W/g, '_')}.bin`);
  execFileSync('aarch64-linux-gnu-objcopy', ['-O', 'binary', `--only-section=${section}`, exe, b]);
  return new Uint8Array(readFileSync(b));
}

export interface RunResult {
  stdout: string;
  status: number;
  strace: string[];
}

/**
 * Run an AArch64 ELF under qemu-aarch64 with -strace; strace lines go to stderr. The
 * process id and clock readings differ from run to run, so they are masked (PID, N).
 */
/**
 * A program whose header says `// qemu-differs: ... si_addr` faults at an address qemu
 * picks per run (its guest stack sits at a host mmap address): compare without it.
 */
export function siAddrVaries(source: string): boolean {
  return /^\/\/ qemu-differs:.*\bsi_addr\b/m.test(source);
}

export function qemuRun(exe: string, stdin = '', opts: { maskSiAddr?: boolean } = {}): RunResult {
  const r = spawnSync('qemu-aarch64', ['-strace', exe], { input: stdin, encoding: 'utf8', timeout: 20000, cwd: dirname(exe) });
  const lines = (r.stderr ?? '').split('\n').filter((l) => l.trim() !== '');
  const pid = lines.map((l) => /^(\d+) /.exec(l)?.[1]).find((p) => p !== undefined);
  const strace = lines.map((l) => {
    let line = l.replace(/^\d+ /, '').replace(/(tv_n?sec = )\d+/g, '$1N');
    if (opts.maskSiAddr) line = line.replace(/si_addr=0x[0-9a-f]+/g, 'si_addr=ADDR');
    return pid === undefined ? line : line.replace(new RegExp(`\\b${pid}\\b`, 'g'), 'PID');
  });
  return { stdout: r.stdout ?? '', status: r.status ?? 128 + (r.signal ? (constants.signals[r.signal] ?? 0) : 0), strace };
}

/** Link a GNU as object with GNU ld, pinning sections at the given addresses. */
export function ldLinkAt(object: Uint8Array, dir: string, name: string, addresses: Readonly<Record<string, bigint>>): string {
  const args: string[] = ['-static', '-e', '_start'];
  for (const [sec, addr] of Object.entries(addresses)) args.push(`--section-start=${sec}=0x${addr.toString(16)}`);
  const o = join(dir, `${name}.o`);
  const exe = join(dir, name);
  writeFileSync(o, object);
  execFileSync('aarch64-linux-gnu-ld', [...args, o, '-o', exe], { stdio: ['ignore', 'pipe', 'pipe'] });
  return exe;
}

/** Relocations of a GNU as object as `section+0xoffset TYPE` strings (objdump -r). */
export function gasRelocations(object: string): string[] {
  const text = execFileSync('aarch64-linux-gnu-objdump', ['-r', object], { encoding: 'utf8' });
  const out: string[] = [];
  let section = '';
  for (const line of text.split('\n')) {
    const head = /^RELOCATION RECORDS FOR \[(.+)\]:/.exec(line);
    if (head) section = head[1] ?? '';
    const m = /^([0-9a-f]{16}) (R_AARCH64_\w+)/.exec(line);
    if (m) out.push(`${section}+0x${BigInt('0x' + (m[1] ?? '0')).toString(16)} ${m[2] ?? ''}`);
  }
  return out.sort();
}
