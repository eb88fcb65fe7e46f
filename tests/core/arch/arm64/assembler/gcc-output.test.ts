// Compiler output as input: small C programs compiled by aarch64-linux-gnu-gcc
// -S (integer code only), assembled by GNU as and by assembleArm64. The
// unlinked section bytes and the relocation sets must match, and the program
// linked by core/elf/link.ts must behave like the GNU-built one under qemu.

import { execFileSync } from 'node:child_process';
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { assembleArm64 } from '../../../../../core/arch/arm64/assembler/assembler.js';
import { AARCH64_RELOC_NAMES } from '../../../../../core/elf/relocate.js';
import { linkExecutable } from '../../../../../core/elf/link.js';
import { gasObject, gasRelocations, qemuRun, sectionBytes, withTempDir } from './gas.js';

const PROGRAMS: Record<string, { c: string; stdout: RegExp }> = {
  'format and arithmetic': {
    stdout: /^\d+\n$/,
    c: `typedef unsigned long u64;
static const char digits[] = "0123456789abcdef";
long sys3(long n, long a, long b, long c) {
  register long x8 __asm__("x8") = n; register long x0 __asm__("x0") = a;
  register long x1 __asm__("x1") = b; register long x2 __asm__("x2") = c;
  __asm__ volatile("svc #0" : "+r"(x0) : "r"(x8), "r"(x1), "r"(x2) : "memory");
  return x0;
}
int fmt(char *buf, u64 v, int base) {
  char tmp[32]; int n = 0;
  do { tmp[n++] = digits[v % base]; v /= base; } while (v);
  for (int i = 0; i < n; i++) buf[i] = tmp[n - 1 - i];
  return n;
}
struct s { int a; short b; char c; long d; };
long sum(struct s *p, int n) { long t = 0; for (int i = 0; i < n; i++) t += p[i].a * 3 + p[i].b - p[i].c + (p[i].d >> 2); return t; }
int cmp(long a, long b) { return a < b ? -1 : a > b; }
u64 bits(u64 x) { return (x & 0xff00ff00ff00ff00ul) | ((x >> 7) ^ (x << 13)) | __builtin_clzl(x | 1) | __builtin_ctzl(x | 4); }
int sw(int k) { switch (k) { case 0: return 5; case 1: return 9; case 2: return 13; case 3: return 1; case 4: return 77; default: return -1; } }
long g[16] = { 7, -3, 1 << 20 };
void _start(void) {
  char b[32];
  int n = fmt(b, (u64)sum((struct s *)g, 2) + bits(12345) + cmp(1, 2) + sw(3), 10);
  b[n] = '\\n';
  sys3(64, 1, (long)b, n + 1);
  sys3(93, 0, 0, 0);
}
`,
  },
  'strings, loops and a jump table': {
    stdout: /^zero\none\ntwo\nthree\n$/,
    c: `static long sys(long n, long a, long b, long c) {
  register long x8 __asm__("x8") = n; register long x0 __asm__("x0") = a;
  register long x1 __asm__("x1") = b; register long x2 __asm__("x2") = c;
  __asm__ volatile("svc #0" : "+r"(x0) : "r"(x8), "r"(x1), "r"(x2) : "memory");
  return x0;
}
static unsigned long slen(const char *s) { unsigned long n = 0; while (s[n]) n++; return n; }
static void put(const char *s) { sys(64, 1, (long)s, (long)slen(s)); }
const char *names[] = { "zero\\n", "one\\n", "two\\n", "three\\n" };
unsigned char buf[256];
int op(int k, int a, int b) {
  switch (k) { case 0: return a + b; case 1: return a - b; case 2: return a * b; case 3: return b ? a / b : 0;
    case 4: return a % (b | 1); case 5: return a << (b & 31); case 6: return (unsigned)a >> (b & 31); default: return a ^ b; }
}
void _start(void) {
  for (int i = 0; i < 4; i++) put(names[i]);
  int acc = 1;
  for (int k = 0; k < 8; k++) acc = op(k, acc + 100, k + 3);
  for (int i = 0; i < 256; i++) buf[i] = (unsigned char)(i * 7 + acc);
  unsigned long h = 1469598103934665603ul;
  for (int i = 0; i < 256; i++) h = (h ^ buf[i]) * 1099511628211ul;
  sys(93, (long)(h & 0x7f), 0, 0);
}
`,
  },
  'recursion, function pointers and bit fields': {
    stdout: /^[0-9a-f]{16}\n$/,
    c: `static long sys(long n, long a, long b, long c) {
  register long x8 __asm__("x8") = n; register long x0 __asm__("x0") = a;
  register long x1 __asm__("x1") = b; register long x2 __asm__("x2") = c;
  __asm__ volatile("svc #0" : "+r"(x0) : "r"(x8), "r"(x1), "r"(x2) : "memory");
  return x0;
}
struct bf { unsigned a : 3; signed b : 5; unsigned c : 12; unsigned long d : 40; };
static struct bf fields[4] = { { 1, -2, 300, 123456789 }, { 7, 15, 4095, 1 }, { 0, -16, 0, 0xffffffffff }, { 5, 3, 77, 42 } };
static long fib(int n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }
static long sq(long x) { return x * x; }
static long neg(long x) { return -x; }
static long half(long x) { return x / 2; }
long (*const ops[])(long) = { sq, neg, half };
__int128 wide(long a, long b) { return (__int128)a * b; }
static unsigned long mix(unsigned long h, unsigned long v) { h ^= v + 0x9e3779b97f4a7c15ul + (h << 6) + (h >> 2); return h; }
void _start(void) {
  static int calls;
  unsigned long h = 0;
  for (int i = 0; i < 4; i++) h = mix(h, fields[i].a + fields[i].b * 3 + fields[i].c + fields[i].d);
  for (int i = 0; i < 3; i++) h = mix(h, (unsigned long)ops[i](fib(15 + i)));
  __int128 w = wide((long)h, -12345);
  h = mix(h, (unsigned long)(w >> 64) ^ (unsigned long)w);
  h = mix(h, (unsigned long)(-(long)(h % 1000) / 7) + (unsigned)(int)h + ++calls);
  char out[17];
  for (int i = 0; i < 16; i++) out[i] = "0123456789abcdef"[(h >> (60 - 4 * i)) & 15];
  out[16] = '\\n';
  sys(64, 1, (long)out, 17);
  sys(93, 0, 0, 0);
}
`,
  },
  'atomics, system registers, big frames and alloca': {
    stdout: /^ok [0-9a-f]+\n$/,
    c: `static long sys(long n, long a, long b, long c) {
  register long x8 __asm__("x8") = n; register long x0 __asm__("x0") = a;
  register long x1 __asm__("x1") = b; register long x2 __asm__("x2") = c;
  __asm__ volatile("svc #0" : "+r"(x0) : "r"(x8), "r"(x1), "r"(x2) : "memory");
  return x0;
}
static long counter;
static int flag;
struct big { long v[8]; };
static struct big src = { { 1, 2, 3, 4, 5, 6, 7, 8 } };
static unsigned long tick(void) { unsigned long v; __asm__ volatile("mrs %0, cntvct_el0" : "=r"(v)); return v; }
static unsigned long tp(void) { unsigned long v; __asm__ volatile("mrs %0, tpidr_el0" : "=r"(v)); return v; }
static int classify(int k) {
  switch (k) { case 10: return 3; case 11: return 8; case 12: return 1; case 13: return 9; case 14: return 4; case 15: return 2;
    case 16: return 7; case 17: return 6; case 18: return 5; case 19: return 0; default: return -1; }
}
static long frame(int n) {
  volatile char pad[8192];
  for (int i = 0; i < n; i++) pad[i * 31 % 8192] = (char)i;
  char *dyn = __builtin_alloca((unsigned long)n + 16);
  for (int i = 0; i < n; i++) dyn[i] = pad[i];
  long t = 0;
  for (int i = 0; i < n; i++) t += dyn[i];
  return t;
}
void _start(void) {
  __atomic_fetch_add(&counter, 5, __ATOMIC_SEQ_CST);
  long expect = 5;
  __atomic_compare_exchange_n(&counter, &expect, 9, 0, __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE);
  __atomic_store_n(&flag, 1, __ATOMIC_RELEASE);
  int f = __atomic_load_n(&flag, __ATOMIC_ACQUIRE);
  long x = __atomic_exchange_n(&counter, 3, __ATOMIC_SEQ_CST);
  struct big copy = src;
  long acc = x + f + copy.v[7] + frame(300);
  for (int k = 8; k < 22; k++) acc = acc * 7 + classify(k);
  unsigned long sh = 0x8000000000000000ul >> (acc & 63);
  acc ^= (long)sh + (long)(tick() & 0) + (long)(tp() & 0);
  char out[24] = "ok ";
  int n = 3;
  for (int i = 60; i >= 0; i -= 4) out[n++] = "0123456789abcdef"[((unsigned long)acc >> i) & 15];
  out[n++] = '\\n';
  sys(64, 1, (long)out, n);
  sys(93, 0, 0, 0);
}
`,
  },
};

function compile(c: string, dir: string, name: string, opt: string): string {
  const cFile = join(dir, `${name}.c`);
  const sFile = join(dir, `${name}.s`);
  writeFileSync(cFile, c);
  execFileSync('aarch64-linux-gnu-gcc', ['-S', ...opt.split(' '), '-mgeneral-regs-only', '-fno-asynchronous-unwind-tables', '-fno-unwind-tables', '-fno-stack-protector', '-fno-pie', '-ffreestanding', '-fno-tree-loop-distribute-patterns', '-mno-outline-atomics', cFile, '-o', sFile]);
  return readFileSync(sFile, 'utf8');
}

describe('gcc -S output: assembleArm64 vs aarch64-linux-gnu-as', () => {
  for (const [title, prog] of Object.entries(PROGRAMS)) for (const opt of ['-O0', '-O2', '-Os', '-O3 -mcmodel=large', '-O1 -mcmodel=tiny']) {
    it(`${title} (${opt})`, () => {
      withTempDir((dir) => {
        const source = compile(prog.c, dir, 'p', opt);
        const r = assembleArm64(source);
        if (!r.ok) throw new Error(r.errors.slice(0, 5).map((e) => `${e.line}:${e.column}: ${e.message}`).join('\n'));
        gasObject(source, dir, 'g');
        const gasO = join(dir, 'g.gas.o');
        for (const sec of r.image.sections) {
          if (sec.kind === 'bss' || sec.size === 0) continue;
          expect(Buffer.from(sec.bytes).toString('hex'), sec.name).toBe(Buffer.from(sectionBytes(gasO, sec.name, dir)).toString('hex'));
        }
        const ours = r.image.fixups.map((f) => `${f.section}+0x${f.offset.toString(16)} ${AARCH64_RELOC_NAMES[f.type] ?? f.type}`).sort();
        expect(ours).toEqual(gasRelocations(gasO));
        // Run: our image linked by core/elf/link.ts vs GNU as + ld (default layout).
        const l = linkExecutable(r.image, { arch: 'arm64' });
        if (!l.ok) throw new Error(l.errors.map((e) => e.message).join('\n'));
        const exe = join(dir, 'ours');
        writeFileSync(exe, l.elf);
        chmodSync(exe, 0o755);
        const gasExe = join(dir, 'gas');
        execFileSync('aarch64-linux-gnu-ld', ['-static', gasO, '-o', gasExe]);
        const a = qemuRun(exe);
        const b = qemuRun(gasExe);
        expect(a.stdout).toMatch(prog.stdout);
        expect(a.stdout).toBe(b.stdout);
        expect(a.status).toBe(b.status);
        expect(a.strace.filter((x) => x.startsWith('exit'))).toEqual(b.strace.filter((x) => x.startsWith('exit')));
      });
    }, 60_000);
  }
});
