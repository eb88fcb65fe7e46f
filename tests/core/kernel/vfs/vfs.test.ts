// The VFS facade: path errors compared with the host kernel on an equivalent tree,
// then file semantics (append, truncate, lseek, stat), permissions as a non-root
// user, devices, the terminal, /proc generation and the seed tree.
import { describe, expect, it } from 'vitest';
import { Vfs, type PathContext } from '../../../../core/kernel/vfs/vfs.js';
import { mountSeedTree, createStdio, dataByte, ONE_MIB, STUDENT_UID, STUDENT_GID } from '../../../../core/kernel/vfs/seed-tree.js';
import { seededRandom } from '../../../../core/kernel/vfs/devices.js';
import { OpenFile } from '../../../../core/kernel/vfs/open-file.js';
import { ARCH_OPEN_BITS, O_APPEND, O_CREAT, O_EXCL, O_NONBLOCK, O_RDONLY, O_RDWR, O_TRUNC, O_WRONLY, POLLIN, POLLOUT, SEEK_CUR, SEEK_END, SEEK_SET, SEEK_DATA, SEEK_HOLE } from '../../../../core/kernel/vfs/open-flags.js';
import { isBlocked, type ReadResult } from '../../../../core/kernel/vfs/io-result.js';
import { formatMaps } from '../../../../core/kernel/vfs/proc-maps.js';
import { directoryPath } from '../../../../core/kernel/vfs/path-resolve.js';
import { EACCES, EAGAIN, EBADF, EEXIST, EINVAL, EISDIR, ENOENT, ENOTDIR, ENOTEMPTY, ESPIPE } from '../../../../core/kernel/errno.js';
import { runC } from './native.js';

const { O_DIRECTORY } = ARCH_OPEN_BITS.x86_64;

function machine(): { vfs: Vfs; root: PathContext; student: PathContext; tick: () => void } {
  let sec = 1_700_000_000n;
  const vfs = new Vfs({ clock: () => ({ sec, nsec: 500 }) });
  mountSeedTree(vfs, { random: seededRandom(42n) });
  const root: PathContext = { base: vfs.root, creds: { uid: 0, gid: 0 }, pid: 1, arch: 'x86_64' };
  const home = vfs.lookup('/home/student', root);
  if (typeof home === 'number' || home.kind !== 'dir') throw new Error('no home');
  const student: PathContext = { base: home, creds: { uid: STUDENT_UID, gid: STUDENT_GID }, pid: 2, arch: 'x86_64' };
  return { vfs, root, student, tick: () => (sec += 10n) };
}

const text = (r: ReadResult): string => {
  if (!('bytes' in r)) throw new Error(`read failed: ${JSON.stringify(r)}`);
  return String.fromCharCode(...r.bytes);
};

const CASES: Array<[string, number]> = [
  ['etc/passwd', O_RDONLY],
  ['etc/passwd/', O_RDONLY],
  ['etc/passwd/x', O_RDONLY],
  ['etc/nope', O_RDONLY],
  ['nope/x', O_RDONLY],
  ['etc', O_WRONLY],
  ['etc', O_RDONLY],
  ['etc', O_RDONLY | O_DIRECTORY],
  ['etc/passwd', O_RDONLY | O_DIRECTORY],
  ['etc/passwd', O_WRONLY | O_CREAT | O_EXCL],
  ['etc/new', O_WRONLY | O_CREAT | O_EXCL],
  ['etc/new2/', O_WRONLY | O_CREAT],
  ['', O_RDONLY],
  ['etc/./../etc/passwd', O_RDONLY],
  ['home/student/../../data/hello.txt', O_RDONLY],
  ['/../../', O_RDONLY],
  ['x'.repeat(256), O_RDONLY],
  ['etc', O_RDWR | O_CREAT],
  ['data/hello.txt', O_RDWR | O_TRUNC],
];

describe('path resolution vs the host kernel', () => {
  it('gives the same success/errno for each open() on an equivalent tree', () => {
    const native = runC(`#define _GNU_SOURCE
#include <stdio.h>
#include <fcntl.h>
#include <errno.h>
#include <unistd.h>
#include <sys/stat.h>
static void t(const char *p, int f) { int fd = open(p, f, 0644); printf("%s\\n", fd >= 0 ? "ok" : strerrorname_np(errno)); }
int main(void){ mkdir("etc", 0755); close(open("etc/passwd", O_CREAT|O_WRONLY, 0644)); mkdir("home", 0755); mkdir("home/student", 0755);
  mkdir("data", 0755); close(open("data/hello.txt", O_CREAT|O_WRONLY, 0644)); chdir(".");
  ${CASES.map(([p, f]) => `t("${p}", ${f});`).join('\n  ')} }`)
      .trim()
      .split('\n');
    // Our tree, opened relative to /, mirrors the directory the C program ran in
    // (except the absolute '/../../', which is / in both).
    const { vfs, root } = machine();
    const names: Record<number, string> = { [ENOENT]: 'ENOENT', [ENOTDIR]: 'ENOTDIR', [EISDIR]: 'EISDIR', [EEXIST]: 'EEXIST', 36: 'ENAMETOOLONG' };
    const ours = CASES.map(([p, f]) => {
      const r = vfs.open(p, f, 0o644, root);
      return typeof r === 'number' ? (names[-r] ?? String(r)) : 'ok';
    });
    expect(native).toContain("ENAMETOOLONG");
    expect(native.filter((n) => n === "ok")).toHaveLength(8);
    expect(ours).toEqual(native);
  });
});

describe('open file status flags (what F_GETFL reports) vs the host', () => {
  // x86-64 only: qemu-user does not report O_LARGEFILE back to an arm64 guest, while
  // an arm64 kernel sets it like any 64-bit kernel (force_o_largefile()), as we do.
  for (const arch of ['x86_64'] as const) {
    it(`keeps access mode and status bits, drops creation bits, adds O_LARGEFILE (${arch})`, () => {
      const native = runC(
        `#define _GNU_SOURCE
#include <stdio.h>
#include <fcntl.h>
int main(void){ int fd = open("f", O_RDWR | O_CREAT | O_TRUNC | O_EXCL | O_CLOEXEC | O_APPEND | O_NONBLOCK | O_NOCTTY, 0644);
  printf("%d\\n", fcntl(fd, F_GETFL)); }`,
        arch,
      ).trim();
      const { vfs, root } = machine();
      const f = vfs.open('/tmp/f', O_RDWR | O_CREAT | O_TRUNC | O_EXCL | 0o2000000 | O_APPEND | O_NONBLOCK | 0o400, 0o644, { ...root, arch }) as OpenFile;
      expect(f.flags).toBe(Number(native));
    });
  }
});

describe('files', () => {
  it('reads, appends, truncates and seeks like Linux', () => {
    const { vfs, root } = machine();
    const f = vfs.open('/tmp/log', O_RDWR | O_CREAT | O_APPEND, 0o666, root) as OpenFile;
    expect(vfs.write(f, Uint8Array.of(0x61, 0x62))).toEqual({ written: 2 });
    expect(vfs.lseek(f, 0, SEEK_SET)).toBe(0);
    vfs.write(f, Uint8Array.of(0x63)); // O_APPEND: goes to the end anyway
    expect(vfs.lseek(f, 0, SEEK_SET)).toBe(0);
    expect(text(vfs.read(f, 10))).toBe('abc');
    expect(vfs.lseek(f, -1, SEEK_END)).toBe(2);
    expect(vfs.lseek(f, 5, SEEK_CUR)).toBe(7);
    expect(vfs.lseek(f, -100, SEEK_CUR)).toBe(-EINVAL);
    expect(vfs.lseek(f, 0, 9)).toBe(-EINVAL);
    expect(vfs.lseek(f, 1, SEEK_DATA)).toBe(1);
    expect(vfs.lseek(f, 1, SEEK_HOLE)).toBe(3);
    const st = vfs.fstat(f);
    expect(st.size).toBe(3n);
    expect(st.mode).toBe(0o100644); // umask 022
    expect(st.blksize).toBe(4096);
    expect(st.blocks).toBe(8n);
    const g = vfs.open('/tmp/log', O_WRONLY | O_TRUNC, 0, root) as OpenFile;
    expect(vfs.fstat(g).size).toBe(0n);
    // A hole reads back as zeros.
    vfs.lseek(g, 4, SEEK_SET);
    vfs.write(g, Uint8Array.of(0x7a));
    vfs.lseek(f, 0, SEEK_SET);
    expect(Array.from((vfs.read(f, 10) as { bytes: Uint8Array }).bytes)).toEqual([0, 0, 0, 0, 0x7a]);
    expect(vfs.read(g, 1)).toEqual({ errno: EBADF });
    expect(vfs.write(vfs.open('/etc/hostname', O_RDONLY, 0, root) as OpenFile, Uint8Array.of(1))).toEqual({ errno: EBADF });
  });

  it('stamps times from the injected clock', () => {
    const { vfs, root, tick } = machine();
    const f = vfs.open('/tmp/t', O_RDWR | O_CREAT, 0o600, root) as OpenFile;
    const before = vfs.fstat(f);
    tick();
    vfs.write(f, Uint8Array.of(1));
    const after = vfs.fstat(f);
    expect(after.mtimeSec - before.mtimeSec).toBe(10n);
    expect(after.mtimeNsec).toBe(500);
  });

  it('enforces mode bits for a non-root user (EACCES) and lets root through', () => {
    const { vfs, root, student } = machine();
    expect(vfs.open('/etc/shadow', O_RDONLY, 0, student)).toBe(-EACCES);
    expect(vfs.open('/etc/passwd', O_WRONLY, 0, student)).toBe(-EACCES);
    expect(vfs.open('/root/x', O_RDONLY, 0, student)).toBe(-EACCES);
    expect(vfs.open('/etc/new', O_WRONLY | O_CREAT, 0o644, student)).toBe(-EACCES);
    expect(typeof vfs.open('/etc/shadow', O_RDONLY, 0, root)).toBe('object');
    const mine = vfs.open('notes.txt', O_RDWR, 0, student);
    expect(typeof mine).toBe('object');
    const made = vfs.open('made.txt', O_RDWR | O_CREAT, 0o400, student) as OpenFile;
    expect(vfs.write(made, Uint8Array.of(1))).toEqual({ written: 1 }); // the creating open may write
    expect(vfs.open('made.txt', O_WRONLY, 0, student)).toBe(-EACCES);
    expect(vfs.fstat(made).uid).toBe(STUDENT_UID);
  });

  it('mkdir/unlink/rmdir/chdir with their errors', () => {
    const { vfs, root } = machine();
    expect(vfs.mkdir('/tmp/d', 0o777, root)).toBe(0);
    expect(vfs.mkdir('/tmp/d', 0o777, root)).toBe(-EEXIST);
    expect(vfs.fstat(vfs.open('/tmp/d', O_RDONLY, 0, root) as OpenFile).mode).toBe(0o40755);
    vfs.open('/tmp/d/f', O_CREAT | O_WRONLY, 0o644, root);
    expect(vfs.remove('/tmp/d', root, true)).toBe(-ENOTEMPTY);
    expect(vfs.remove('/tmp/d', root, false)).toBe(-EISDIR);
    expect(vfs.remove('/tmp/d/f', root, true)).toBe(-ENOTDIR);
    expect(vfs.remove('/tmp/d/f', root, false)).toBe(0);
    expect(vfs.remove('/tmp/d', root, true)).toBe(0);
    const d = vfs.chdir('/home/student', root);
    expect(typeof d === 'object' && directoryPath(d)).toBe('/home/student');
    expect(vfs.chdir('/etc/passwd', root)).toBe(-ENOTDIR);
  });
});

describe('devices and the terminal', () => {
  it('/dev/null, /dev/zero and seeded /dev/urandom', () => {
    const { vfs, root } = machine();
    const open = (p: string): OpenFile => vfs.open(p, O_RDWR, 0, root) as OpenFile;
    expect(vfs.read(open('/dev/null'), 10)).toEqual({ bytes: new Uint8Array(0) });
    expect(vfs.write(open('/dev/null'), new Uint8Array(7))).toEqual({ written: 7 });
    expect(vfs.read(open('/dev/zero'), 4)).toEqual({ bytes: new Uint8Array(4) });
    const a = vfs.read(open('/dev/urandom'), 16);
    const b = machine().vfs.read(machine().vfs.open('/dev/urandom', O_RDONLY, 0, machine().root) as OpenFile, 16);
    expect(a).toEqual(b); // same seed, same bytes
    expect(new Set((a as { bytes: Uint8Array }).bytes).size).toBeGreaterThan(8);
    const st = vfs.fstat(open('/dev/null'));
    expect(st.mode).toBe(0o20666);
    expect(st.rdev).toBe(0x103n);
    expect(vfs.lseek(open('/dev/null'), 100, SEEK_SET)).toBe(0);
  });

  it('terminal: writes reach the host per stream, reads block for a line, then EOF', () => {
    const { vfs } = machine();
    const out: string[] = [];
    const err: string[] = [];
    const tty = createStdio(vfs, { stdout: (d) => out.push(String.fromCharCode(...d)), stderr: (d) => err.push(String.fromCharCode(...d)) });
    vfs.write(tty.stdout, Uint8Array.of(0x68, 0x69));
    vfs.write(tty.stderr, Uint8Array.of(0x21));
    expect(out).toEqual(['hi']);
    expect(err).toEqual(['!']);
    const r = vfs.read(tty.stdin, 100);
    expect(isBlocked(r)).toBe(true);
    let woke = 0;
    if (isBlocked(r)) r.blocked.once(() => woke++);
    tty.input.push(Uint8Array.of(0x61, 0x62)); // no newline yet: canonical mode keeps waiting
    expect(woke).toBe(1);
    expect(isBlocked(vfs.read(tty.stdin, 100))).toBe(true);
    expect(vfs.pollEvents(tty.stdin)).toBe(POLLOUT);
    tty.input.push(Uint8Array.of(0x0a, 0x63, 0x0a));
    expect(vfs.pollEvents(tty.stdin)).toBe(POLLIN | POLLOUT);
    expect(text(vfs.read(tty.stdin, 100))).toBe('ab\n');
    expect(text(vfs.read(tty.stdin, 100))).toBe('c\n');
    tty.stdin.flags |= O_NONBLOCK;
    expect(vfs.read(tty.stdin, 100)).toEqual({ errno: EAGAIN });
    tty.input.end();
    expect(text(vfs.read(tty.stdin, 100))).toBe('');
    expect(vfs.lseek(tty.stdout, 0, SEEK_SET)).toBe(-ESPIPE);
    const st = vfs.fstat(tty.stdout);
    expect([st.mode, st.rdev, st.ino]).toEqual([0o20620, vfs.fstat(tty.stdin).rdev, vfs.fstat(tty.stdin).ino]);
  });
});

describe('/proc', () => {
  it('generates registered files at a read from offset 0 (seq_file), for self and for a pid', () => {
    const { vfs, root } = machine();
    let calls = 0;
    let name = 'before';
    vfs.registerProcFile('/proc/self/maps', (ctx) => {
      calls++;
      return formatMaps([{ start: 0x400000n, end: 0x401000n, perms: 'r-xp', offset: 0n, dev: { major: 0, minor: 0 }, inode: 0, name: `/pid${ctx.targetPid}-${name}` }]);
    });
    const f = vfs.open('/proc/self/maps', O_RDONLY, 0, { ...root, pid: 7 }) as OpenFile;
    expect(calls).toBe(0);
    name = 'after'; // what changes between open and read (brk, mmap) is seen by the read
    expect(text(vfs.read(f, 10))).toBe('00400000-0');
    expect(text(vfs.read(f, 1000))).toBe('0401000 r-xp 00000000 00:00 0                                  /pid7-after\n');
    expect(calls).toBe(1);
    expect(text(vfs.read(f, 1000))).toBe('');
    const g = vfs.open('/proc/42/maps', O_RDONLY, 0, root) as OpenFile;
    expect(text(vfs.read(g, 1000))).toContain('/pid42-after');
    expect(vfs.open('/proc/self/maps', O_WRONLY, 0, root)).toBe(-EACCES);
    expect(vfs.fstat(f).size).toBe(0n);
    expect(vfs.open('/proc/self/nothing', O_RDONLY, 0, root)).toBe(-ENOENT);
  });
});

describe('seed tree', () => {
  it('has the lab files, with /data/1mib.bin generated from dataByte()', () => {
    const { vfs, root } = machine();
    expect(text(vfs.read(vfs.open('/data/hello.txt', O_RDONLY, 0, root) as OpenFile, 100))).toBe('Hello, world!\n');
    expect(text(vfs.read(vfs.open('/etc/passwd', O_RDONLY, 0, root) as OpenFile, 4096))).toContain('student:x:1000:1000:');
    const big = vfs.open('/data/1mib.bin', O_RDONLY, 0, root) as OpenFile;
    expect(vfs.fstat(big).size).toBe(BigInt(ONE_MIB));
    vfs.lseek(big, 123456, SEEK_SET);
    const chunk = (vfs.read(big, 4) as { bytes: Uint8Array }).bytes;
    expect(Array.from(chunk)).toEqual([123456, 123457, 123458, 123459].map(dataByte));
    const counts = new Array<number>(256).fill(0);
    for (let i = 0; i < ONE_MIB; i += 97) counts[dataByte(i)]!++;
    expect(Math.min(...counts)).toBeGreaterThan(0); // not constant, covers every byte value
    const home = vfs.lookup('/home/student', root);
    expect(typeof home === 'object' && vfs.stat(home).uid).toBe(STUDENT_UID);
    expect(typeof vfs.lookup('/tmp', root) === 'object' && vfs.stat(vfs.lookup('/tmp', root) as never).mode).toBe(0o41777);
  });
});
