// The arm64 guest runtime's text against things no one here wrote: syscall numbers
// against the cross toolchain's <asm/unistd.h>, the assembly against
// aarch64-linux-gnu-as/nm/objdump, runtime.h under aarch64-linux-gnu-gcc -Werror and
// its struct stat against <asm/stat.h> run under qemu-aarch64. The lab's own assembler
// must build the same source into a program that runs in the Machine, and the vDSO
// lookup must fall back to the system call when the auxv names no vDSO.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ARM64_WRAPPERS, wrapperSourceArm64 } from '../../../core/runtime/syscall-wrappers-arm64.js';
import { runtimeHeader } from '../../../core/runtime/runtime-header.js';
import { runtimeFiles, runtimeSource } from '../../../core/runtime/runtime-files.js';
import { buildFromSource, Machine } from '../../../core/machine.js';
import type { RunEvent } from '../../../core/trace/events.js';
import { missingArm64Tools } from './arm64-c-run.js';

let dir = '';
let skipReason: string | null = null;
const run = (cmd: string, args: string[], input?: string): string => execFileSync(cmd, args, { cwd: dir, encoding: 'utf8', input, stdio: ['pipe', 'pipe', 'pipe'] });
const needTools = (ctx: { skip: (note?: string) => void }): void => {
  if (skipReason !== null) ctx.skip(skipReason);
};

beforeAll(() => {
  skipReason = missingArm64Tools();
  dir = mkdtempSync(join(tmpdir(), 'runtime-arm64-'));
  for (const f of runtimeFiles('arm64')) writeFileSync(join(dir, f.name), f.text);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const globals = (): string[] => [...runtimeSource('arm64').matchAll(/^\.global (\w+)$/gm)].map((m) => m[1] as string);
const INTERNAL = new Set(['_start', '__libc_start_main', '__syscall_error']);

/** objdump -d's instructions of one function, without addresses and encodings. */
function body(dis: string, name: string): string[] {
  const block = new RegExp(`<${name}>:\\n((?:.+\\n)+?)\\n`).exec(`${dis}\n`)?.[1] ?? '';
  return block
    .split('\n')
    .map((l) => l.replace(/^\s*[0-9a-f]+:\s*[0-9a-f]{8}\s*/, '').replace(/\s*\/\/.*$/, '').replace(/\s+/g, ' ').trim())
    .filter((l) => l !== '');
}

/** The runtime plus an assembly main, built by the lab's own assembler and loaded in a Machine. */
function boot(main: string, events: RunEvent[] = []): { m: Machine; out: { text: string } } {
  const built = buildFromSource(runtimeSource('arm64') + main, 'arm64', 'runtime-main.s');
  if (!built.ok) throw new Error(JSON.stringify(built.errors.slice(0, 5)));
  const out = { text: '' };
  const m = Machine.fromElf(built.program.elf, '/home/student/a.out', { arch: 'arm64', output: (_fd, b) => (out.text += Buffer.from(b).toString()), onEvent: (e) => events.push(e) });
  return { m, out };
}

describe('the arm64 guest runtime', () => {
  it("numbers every wrapper as the arm64 kernel headers do (__NR_* from the cross compiler's <sys/syscall.h>)", (ctx) => {
    needTools(ctx);
    const defines = run('aarch64-linux-gnu-gcc', ['-E', '-dM', '-include', 'sys/syscall.h', '-'], '');
    // asm-generic spells some as aliases: #define __NR_lseek __NR3264_lseek, then __NR3264_lseek 62.
    const macros = new Map([...defines.matchAll(/^#define (\w+) (\w+)$/gm)].map((m) => [m[1] as string, m[2] as string]));
    const value = (name: string): number | undefined => {
      const v = macros.get(name);
      return v === undefined ? undefined : /^\d+$/.test(v) ? Number(v) : value(v);
    };
    const nr = new Map([...macros.keys()].filter((k) => k.startsWith('__NR_')).map((k) => [k.slice(5), value(k)]));
    expect(nr.get('write')).toBe(64);
    expect(nr.has('open')).toBe(false); // why open is made from openat
    for (const w of ARM64_WRAPPERS) {
      const mov = /mov x8, #(\d+) +\/\/ (\w+)/.exec(wrapperSourceArm64(w));
      expect(mov?.[2], w.symbol).toBe(w.syscall);
      expect(Number(mov?.[1]), w.symbol).toBe(nr.get(w.syscall));
    }
  });

  it('without the cross tools: a skip that names them, but a failure under CI=true', () => {
    const saved = { PATH: process.env.PATH, CI: process.env.CI };
    try {
      process.env.PATH = '/nonexistent';
      delete process.env.CI;
      expect(missingArm64Tools()).toMatch(/cross toolchain is missing \(aarch64-linux-gnu-gcc, .*qemu-aarch64\)/);
      process.env.CI = 'true';
      expect(() => missingArm64Tools()).toThrow('CI must run the arm64 runtime tests');
    } finally {
      process.env.PATH = saved.PATH;
      if (saved.CI === undefined) delete process.env.CI;
      else process.env.CI = saved.CI;
    }
  });

  it('refuses a wrapper for a syscall arm64 does not have', () => {
    expect(() => wrapperSourceArm64({ symbol: 'open', syscall: 'open' })).toThrow('no arm64 syscall named open');
  });

  it('assembles with GNU as without a diagnostic, defining every global as a text symbol', (ctx) => {
    needTools(ctx);
    expect(run('aarch64-linux-gnu-as', ['--fatal-warnings', '-o', 'runtime.o', 'runtime.s'])).toBe('');
    const nm = run('aarch64-linux-gnu-nm', ['--defined-only', '-g', 'runtime.o']);
    const text = new Set([...nm.matchAll(/^[0-9a-f]+ T (\w+)$/gm)].map((m) => m[1]));
    for (const g of globals()) if (g !== 'environ') expect(text.has(g), g).toBe(true);
    expect(nm).toMatch(/ B environ$/m);
  });

  it('wrappers are number, svc, the -4095 check; open, pipe and fork move or fix arguments (objdump)', (ctx) => {
    needTools(ctx);
    run('aarch64-linux-gnu-as', ['-o', 'runtime.o', 'runtime.s']);
    const dis = run('aarch64-linux-gnu-objdump', ['-d', 'runtime.o']);
    expect(body(dis, 'write').slice(0, 3)).toEqual(['mov x8, #0x40', 'svc #0x0', 'cmn x0, #0xfff']);
    expect(body(dis, 'write')[3]).toMatch(/^b\.cs [0-9a-f]+ <__syscall_error>$/);
    expect(body(dis, 'open').slice(0, 6)).toEqual(['mov x3, x2', 'mov x2, x1', 'mov x1, x0', 'mov x0, #0xffffffffffffff9c', 'mov x8, #0x38', 'svc #0x0']);
    expect(body(dis, 'pipe').slice(0, 3)).toEqual(['mov x1, #0x0', 'mov x8, #0x3b', 'svc #0x0']);
    expect(body(dis, 'fork').slice(0, 2)).toEqual(['mov x0, #0x11', 'mov x1, #0x0']);
    expect(body(dis, 'sigaction').slice(0, 3)).toEqual(['mov x3, #0x8', 'mov x8, #0x86', 'svc #0x0']);
    expect(body(dis, '__errno_location')).toEqual(['mrs x0, tpidr_el0', 'add x0, x0, #0x10', 'ret']);
    expect(body(dis, '__syscall_error')).toContain('str w0, [x1, #16]');
  });

  it('runtime.h declares every function C code can call (poll included, made from ppoll), and compiles with -Wall -Wextra -Werror', (ctx) => {
    const header = runtimeHeader('arm64');
    for (const g of globals()) {
      if (INTERNAL.has(g)) continue;
      if (g === 'environ') expect(header).toContain('extern char **environ;');
      else expect(header, g).toMatch(new RegExp(`\\b${g}\\(`));
    }
    expect(header).toMatch(/\bint poll\(struct pollfd \*fds, unsigned long n, int timeout\);/);
    needTools(ctx);
    writeFileSync(join(dir, 'use.c'), '#include "runtime.h"\nint main(void) { return errno == EINTR ? 1 : 0; }\n');
    expect(run('aarch64-linux-gnu-gcc', ['-fsyntax-only', '-Wall', '-Wextra', '-Werror', '-ffreestanding', '-I.', 'use.c'])).toBe('');
  });

  it("struct stat in runtime.h has arm64's layout: sizes and offsets as <asm/stat.h> (qemu-aarch64)", (ctx) => {
    needTools(ctx);
    const fields = 'st_size, st_blksize, st_blocks, st_mtime_nsec';
    const probe = (include: string, mtime: string) => `#include ${include}
#include <stddef.h>
#define O(f) (int)offsetof(struct stat, f)
int printf(const char *, ...);
int main(void) { printf("%d %d %d %d %d\\n", (int)sizeof(struct stat), O(st_size), O(st_blksize), O(st_blocks), O(${mtime})); return 0; }`;
    const layout = (name: string, src: string, extra: string[]): string => {
      writeFileSync(join(dir, `${name}.c`), src);
      run('aarch64-linux-gnu-gcc', ['-static', '-I.', ...extra, '-o', name, `${name}.c`]);
      return run('qemu-aarch64', [`./${name}`]).trim();
    };
    // The kernel's own header (asm-generic/stat.h through asm/stat.h) is the reference.
    const kernel = layout('stat-kernel', probe('<asm/stat.h>', 'st_mtime_nsec'), []);
    // runtime.h brings its own size_t, so no libc header comes with it (glibc's printf links anyway).
    const ours = layout('stat-ours', probe('"runtime.h"', 'st_mtime_nsec').replace('#include <stddef.h>', '#define offsetof(t, f) __builtin_offsetof(t, f)'), []);
    expect(kernel.split(' ')[0]).toBe('128');
    expect(ours, fields).toBe(kernel);
  });

  it("builds with the lab's own assembler and runs in the Machine: errno, atexit and main's status", () => {
    const main = `
.text
.global main
main:
    stp x29, x30, [sp, #-32]!
    mov x29, sp
    str x19, [sp, #16]
    adrp x0, bye
    add x0, x0, :lo12:bye
    bl atexit
    mov w0, #-1
    bl close                    // EBADF: -1, errno 9
    mov x19, x0
    bl __errno_location
    ldr w0, [x0]
    bl print_num
    mov x0, x19
    bl print_num
    ldr x19, [sp, #16]
    ldp x29, x30, [sp], #32
    mov w0, #7
    ret
bye:
    adrp x0, msg
    add x0, x0, :lo12:msg
    b print_str
.section .rodata
msg: .asciz " bye"
`;
    const { m, out } = boot(main);
    expect(m.run(1_000_000)).toMatchObject({ kind: 'exit', code: 7 });
    expect(out.text).toBe('9-1 bye');
  });
});

describe('clock_gettime on arm64: the vDSO when the auxv names one, else the system call', () => {
  const main = `
.text
.global main
main:
    stp x29, x30, [sp, #-32]!
    mov x29, sp
    mov w0, #1                  // CLOCK_MONOTONIC
    add x1, sp, #16
    bl clock_gettime
    bl print_num                // 0 either way
    ldp x29, x30, [sp], #32
    mov w0, #0
    ret
`;
  const AT_SYSINFO_EHDR = 33n;
  const AT_IGNORE = 1n;

  /** Run the program; with hideVdso the auxv's AT_SYSINFO_EHDR entry becomes AT_IGNORE first, as if no vDSO were mapped. */
  function runClock(hideVdso: boolean): { out: string; calls: string[] } {
    const events: RunEvent[] = [];
    const { m, out } = boot(main, events);
    if (hideVdso) {
      const mm = [...m.kernel.tasks.values()][0]!.proc.mm;
      // argc, argv[], NULL, envp[], NULL, then the (type, value) pairs.
      let p = m.loaded.sp;
      const word = (a: number): bigint => new DataView(mm.read(a, 8)!.buffer).getBigUint64(0, true);
      p += 8 * (Number(word(p)) + 2);
      while (word(p) !== 0n) p += 8;
      p += 8;
      let hidden = false;
      for (; word(p) !== 0n; p += 16) {
        if (word(p) !== AT_SYSINFO_EHDR) continue;
        const b = new Uint8Array(8);
        new DataView(b.buffer).setBigUint64(0, AT_IGNORE, true);
        expect(mm.write(p, b)).toBe(true);
        hidden = true;
      }
      expect(hidden, 'the emulator maps a vDSO, so the auxv names it').toBe(true);
    }
    expect(m.run(1_000_000)).toMatchObject({ kind: 'exit', code: 0 });
    return { out: out.text, calls: events.flatMap((e) => (e.type === 'syscall' ? [e.name] : [])) };
  }

  it('with the vDSO: answered in user mode, no clock_gettime system call', () => {
    const r = runClock(false);
    expect(r.out).toBe('0');
    expect(r.calls).not.toContain('clock_gettime');
    expect(r.calls).toContain('write');
  });

  it('without AT_SYSINFO_EHDR (as under qemu-user): the clock_gettime system call', () => {
    const r = runClock(true);
    expect(r.out).toBe('0');
    expect(r.calls.filter((c) => c === 'clock_gettime')).toHaveLength(1);
  });
});
