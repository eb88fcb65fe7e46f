// The guest runtime's text checked against things no one here wrote: the syscall
// numbers against the host's <asm/unistd_64.h> (through gcc -dM), the assembly against
// GNU as, nm and objdump, runtime.h against gcc -Wall -Werror. And the lab's own
// assembler must build the same source into a program that runs in the Machine.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RUNTIME_WRAPPERS, wrapperSource } from '../../../core/runtime/syscall-wrappers.js';
import { RUNTIME_HEADER } from '../../../core/runtime/runtime-header.js';
import { runtimeFiles, runtimeSource } from '../../../core/runtime/runtime-files.js';
import { buildFromSource, Machine } from '../../../core/machine.js';

let dir = '';
const run = (cmd: string, args: string[], input?: string): string => execFileSync(cmd, args, { cwd: dir, encoding: 'utf8', input, stdio: ['pipe', 'pipe', 'pipe'] });

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'runtime-unit-'));
  for (const f of runtimeFiles()) writeFileSync(join(dir, f.name), f.text);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Global function symbols the runtime defines (`.global NAME` in its source). */
const globals = (): string[] => [...runtimeSource().matchAll(/^\.global (\w+)$/gm)].map((m) => m[1] as string);
/** Entry points and internals that C code does not call. */
const INTERNAL = new Set(['_start', '__libc_start_main', '__syscall_error', '__restore_rt']);

describe('the guest runtime', () => {
  it('numbers every wrapper as the host kernel headers do (__NR_* from <sys/syscall.h>)', () => {
    const defines = run('gcc', ['-E', '-dM', '-include', 'sys/syscall.h', '-'], '');
    const nr = new Map([...defines.matchAll(/^#define __NR_(\w+) (\d+)$/gm)].map((m) => [m[1] as string, Number(m[2])]));
    expect(nr.get('write')).toBe(1);
    for (const w of RUNTIME_WRAPPERS) {
      const mov = /mov eax, (\d+) +# (\w+)/.exec(wrapperSource(w));
      expect(mov?.[2], w.symbol).toBe(w.syscall);
      expect(Number(mov?.[1]), w.symbol).toBe(nr.get(w.syscall));
    }
  });

  it('is byte-for-byte the text it was before the runtime took an arch (sha-256 of both files)', () => {
    // Pinned when arm64 was added: the x86-64 output must not move with shared code.
    // A deliberate change to the x86-64 runtime updates these two digests.
    const digest = (text: string) => createHash('sha256').update(text).digest('hex');
    const files = Object.fromEntries(runtimeFiles('x86_64').map((f) => [f.name, digest(f.text)]));
    expect(files).toEqual({
      'runtime.s': '4af14d3e3b4462acce2e38a3a979d75af3f3e0472b125001eba31b123a811031',
      'runtime.h': 'bba166bc66cde1f853628bb66e2dd4bb269376a7b9462c3d7badf42947b2d595',
    });
    expect(runtimeFiles()).toEqual(runtimeFiles('x86_64'));
  });

  it('refuses a wrapper for a syscall the kernel table does not have', () => {
    expect(() => wrapperSource({ symbol: 'frob', syscall: 'frobnicate' })).toThrow('no x86-64 syscall named frobnicate');
  });

  it('assembles with GNU as without a diagnostic, defining every global as a text symbol', () => {
    const out = run('as', ['--64', '--fatal-warnings', '-o', 'runtime.o', 'runtime.s']);
    expect(out).toBe('');
    const nm = run('nm', ['--defined-only', '-g', 'runtime.o']);
    const text = new Set([...nm.matchAll(/^[0-9a-f]+ T (\w+)$/gm)].map((m) => m[1]));
    for (const g of globals()) if (g !== 'environ') expect(text.has(g), g).toBe(true);
    expect(nm).toMatch(/ B environ$/m);
  });

  it('each wrapper is: R10 from RCX, the number, syscall, the -4095 check (objdump)', () => {
    run('as', ['--64', '-o', 'runtime.o', 'runtime.s']);
    const dis = run('objdump', ['-d', '--no-show-raw-insn', '-M', 'intel', 'runtime.o']);
    const body = (name: string) => (new RegExp(`<${name}>:\\n((?:.+\\n)+?)\\n`).exec(`${dis}\n`)?.[1] ?? '').split('\n').map((l) => l.replace(/^\s*[0-9a-f]+:\s*/, '').replace(/\s+/g, ' ').trim());
    expect(body('write').slice(0, 4)).toEqual(['mov r10,rcx', 'mov eax,0x1', 'syscall', 'cmp rax,0xfffffffffffff001']);
    expect(body('write')[4]).toMatch(/^jae [0-9a-f]+ <__syscall_error>$/);
    expect(body('sigprocmask').slice(0, 3)).toEqual(['mov r10d,0x8', 'mov eax,0xe', 'syscall']);
    expect(body('__errno_location')).toContain('mov rax,QWORD PTR fs:0x0');
    expect(body('__syscall_error')).toContain('mov DWORD PTR fs:0xfffffffffffffff0,eax');
  });

  it('runtime.h declares every function C code can call, and compiles cleanly with -Wall -Wextra', () => {
    for (const g of globals()) {
      if (INTERNAL.has(g)) continue;
      if (g === 'environ') expect(RUNTIME_HEADER).toContain('extern char **environ;');
      else expect(RUNTIME_HEADER, g).toMatch(new RegExp(`\\b${g}\\(`));
    }
    writeFileSync(join(dir, 'use.c'), '#include "runtime.h"\nint main(void) { return errno == EINTR ? 1 : 0; }\n');
    expect(run('gcc', ['-fsyntax-only', '-Wall', '-Wextra', '-Werror', '-ffreestanding', '-I.', 'use.c'])).toBe('');
  });

  it("builds with the lab's own assembler and runs in the Machine: errno, atexit and main's status", () => {
    const main = `
.text
.global main
main:
    push rbx
    lea rdi, [rip + bye]
    call atexit
    mov edi, -1
    call close                  # EBADF: -1, errno 9
    mov rbx, rax
    call __errno_location
    mov edi, DWORD PTR [rax]
    call print_num
    mov rdi, rbx
    call print_num
    pop rbx
    mov eax, 7
    ret
bye:
    lea rdi, [rip + msg]
    jmp print_str
.section .rodata
msg: .asciz " bye"
`;
    const built = buildFromSource(runtimeSource() + main, 'x86_64', 'runtime-main.s');
    if (!built.ok) throw new Error(JSON.stringify(built.errors.slice(0, 5)));
    let out = '';
    const m = Machine.fromElf(built.program.elf, '/home/student/a.out', { arch: 'x86_64', output: (_fd, b) => (out += Buffer.from(b).toString()) });
    const stop = m.run(1_000_000);
    expect(out).toBe('9-1 bye');
    expect(stop).toMatchObject({ kind: 'exit', code: 7 });
  });
});
