// Where arm64 rendering differs from x86-64. strace cannot trace a qemu-user guest,
// so the references are the arm64 headers (constants compiled with
// aarch64-linux-gnu-gcc) and real arm64 struct bytes produced under qemu-aarch64,
// rendered with arch 'arm64' and compared with host strace's line for the same file.
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatSyscall } from '../../../core/trace/strace-format.js';
import { formatOpenFlags, formatProt, formatMmapFlags } from '../../../core/trace/strace-xlat.js';
import { ARCH_OPEN_BITS } from '../../../core/kernel/vfs/open-flags.js';

function build(src: string, arch: 'x86_64' | 'arm64'): { dir: string; exe: string } {
  const dir = mkdtempSync(join(tmpdir(), 'strace-arm64-'));
  writeFileSync(join(dir, 'p.c'), src);
  const exe = join(dir, 'p');
  execFileSync(arch === 'arm64' ? 'aarch64-linux-gnu-gcc' : 'gcc', ['-static', '-o', exe, join(dir, 'p.c')]);
  return { dir, exe };
}

function run(src: string, arch: 'x86_64' | 'arm64'): string {
  const { dir, exe } = build(src, arch);
  try {
    return execFileSync(arch === 'arm64' ? 'qemu-aarch64' : exe, arch === 'arm64' ? [exe] : [], { encoding: 'utf8' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const CONSTS_C = `#include <stdio.h>
#include <asm/fcntl.h>
#include <asm/mman.h>
#ifndef PROT_BTI
#define PROT_BTI 0
#endif
#ifndef PROT_MTE
#define PROT_MTE 0
#endif
#ifndef MAP_32BIT
#define MAP_32BIT 0
#endif
int main(void){ printf("%d %d %d %d %d %d %d\\n", O_DIRECT, O_LARGEFILE, O_DIRECTORY, O_NOFOLLOW, PROT_BTI, PROT_MTE, MAP_32BIT); }`;

describe('arch-specific flag values', () => {
  for (const arch of ['x86_64', 'arm64'] as const) {
    it(`open/prot/mmap bits match ${arch}'s kernel headers`, () => {
      const [direct, large, dir, nofollow, bti, mte, map32] = run(CONSTS_C, arch).trim().split(' ').map(Number) as [number, number, number, number, number, number, number];
      expect(ARCH_OPEN_BITS[arch]).toEqual({ O_DIRECT: direct, O_LARGEFILE: large, O_DIRECTORY: dir, O_NOFOLLOW: nofollow });
      expect(formatOpenFlags(BigInt(dir), arch)).toBe('O_RDONLY|O_DIRECTORY');
      expect(formatOpenFlags(BigInt(nofollow | 2), arch)).toBe('O_RDWR|O_NOFOLLOW');
      if (bti) expect(formatProt(BigInt(1 | bti | mte), arch)).toBe('PROT_READ|PROT_BTI|PROT_MTE');
      else expect(formatProt(0x11n, arch)).toBe('PROT_READ|0x10');
      expect(formatMmapFlags(0x42n, arch)).toBe(map32 ? 'MAP_PRIVATE|MAP_32BIT' : 'MAP_PRIVATE|0x40');
    });
  }
});

describe('arm64 struct stat rendering', () => {
  it('renders arm64 fstat bytes as host strace renders the same files', () => {
    // Files nothing else changes while the suite runs: /tmp's directory size moves with
    // every temp dir other tests create between the two runs.
    const files = ['/dev/null', '/etc/passwd', '/etc'];
    const arm = run(
      `#include <stdio.h>
#include <unistd.h>
#include <sys/syscall.h>
#include <asm/stat.h>
int main(void){ const char *f[] = {${files.map((f) => `"${f}"`).join(', ')}};
  for (int i = 0; i < ${files.length}; i++) { int fd = syscall(SYS_openat, -100, f[i], 0); struct stat st;
    syscall(SYS_fstat, fd, &st); for (unsigned j = 0; j < sizeof st; j++) printf("%02x", ((unsigned char *)&st)[j]); printf("\\n"); } }`,
      'arm64',
    )
      .trim()
      .split('\n');
    const { dir, exe } = build(
      `#include <unistd.h>
#include <sys/syscall.h>
int main(void){ const char *f[] = {${files.map((f) => `"${f}"`).join(', ')}}; char st[256];
  for (int i = 0; i < ${files.length}; i++) { syscall(SYS_fstat, syscall(SYS_openat, -100, f[i], 0), st); } }`,
      'x86_64',
    );
    const trace = execFileSync('sh', ['-c', `strace -qq -a0 -e trace=fstat ${exe} 2>&1 >/dev/null`], { encoding: 'utf8' }).trim().split('\n');
    rmSync(dir, { recursive: true, force: true });
    expect(arm).toHaveLength(files.length);
    arm.forEach((hex, i) => {
      const bytes = Uint8Array.from(hex.match(/../g)!.map((h) => parseInt(h, 16)));
      expect(bytes.length).toBe(128);
      const fd = Number(/^fstat\((\d+),/.exec(trace[i]!)![1]);
      const line = formatSyscall(
        { name: 'fstat', args: [BigInt(fd), 0x1000n], argKinds: ['fd', 'stat-out'], ret: 0n, arch: 'arm64' },
        (a, len) => (a === 0x1000n && len <= bytes.length ? bytes.subarray(0, len) : null),
      );
      expect(line).toBe(trace[i]);
    });
  });
});

describe('clone argument order', () => {
  it('reads child_tid/tls from the arch-specific positions', () => {
    const flags = 0x80000n | 0x200000n | 0x1000000n | 17n; // SETTLS|CHILD_CLEARTID|CHILD_SETTID|SIGCHLD
    const kinds = ['clone-flags', 'ptr', 'ptr', 'ptr', 'ptr'] as const;
    const read = (): Uint8Array | null => null;
    // x86-64: clone(flags, stack, parent_tid, child_tid, tls); arm64: (flags, stack, parent_tid, tls, child_tid).
    const x86 = formatSyscall({ name: 'clone', args: [flags, 0n, 0n, 0xc0n, 0x70n], argKinds: [...kinds], ret: 5n, arch: 'x86_64' }, read);
    const arm = formatSyscall({ name: 'clone', args: [flags, 0n, 0n, 0x70n, 0xc0n], argKinds: [...kinds], ret: 5n, arch: 'arm64' }, read);
    const want = 'clone(child_stack=NULL, flags=CLONE_SETTLS|CLONE_CHILD_CLEARTID|CLONE_CHILD_SETTID|SIGCHLD, tls=0x70, child_tidptr=0xc0) = 5';
    expect(x86).toBe(want);
    expect(arm).toBe(want);
  });
});
