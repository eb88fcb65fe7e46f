// linux_dirent64 encoding vs real getdents64(2) bytes from the host kernel, and
// the VFS's directory reading (offsets, EINVAL for a too-small buffer, ENOTDIR).
import { describe, expect, it } from 'vitest';
import { encodeDirents64, countDirents64, direntRecordLength, DT_DIR, DT_REG, type Dirent64 } from '../../../../core/kernel/vfs/dirents.js';
import { Vfs } from '../../../../core/kernel/vfs/vfs.js';
import { mountSeedTree } from '../../../../core/kernel/vfs/seed-tree.js';
import { seededRandom } from '../../../../core/kernel/vfs/devices.js';
import { O_RDONLY } from '../../../../core/kernel/vfs/open-flags.js';
import type { OpenFile } from '../../../../core/kernel/vfs/open-file.js';
import { EINVAL, ENOTDIR } from '../../../../core/kernel/errno.js';
import { runC } from './native.js';

function decode(bytes: Uint8Array): Dirent64[] {
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out: Dirent64[] = [];
  for (let pos = 0; pos < bytes.length; pos += v.getUint16(pos + 16, true)) {
    const end = bytes.indexOf(0, pos + 19);
    out.push({ ino: v.getBigUint64(pos, true), off: v.getBigInt64(pos + 8, true), type: v.getUint8(pos + 18), name: String.fromCharCode(...bytes.subarray(pos + 19, end)) });
  }
  return out;
}

describe('linux_dirent64 encoding', () => {
  it('re-encodes the host kernel getdents64 records byte for byte', () => {
    const hex = runC(`#define _GNU_SOURCE
#include <stdio.h>
#include <unistd.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
int main(void){ mkdir("d", 0755); const char *n[] = {"a", "bb", "ccccccc", "dddddddd", "with space", "x123456789012345"};
  for (int i = 0; i < 6; i++) { char p[64]; snprintf(p, sizeof p, "d/%s", n[i]); close(open(p, O_CREAT | O_WRONLY, 0644)); }
  mkdir("d/sub", 0755);
  int fd = open("d", O_RDONLY | O_DIRECTORY); static unsigned char buf[4096]; /* zeroed: padding the kernel skips stays 0 */
  long r = syscall(SYS_getdents64, fd, buf, sizeof buf);
  for (long i = 0; i < r; i++) printf("%02x", buf[i]); printf("\\n"); }`).trim();
    const real = Uint8Array.from(hex.match(/../g)!.map((h) => parseInt(h, 16)));
    const entries = decode(real);
    expect(entries.map((e) => e.name).sort()).toEqual(['.', '..', 'a', 'bb', 'ccccccc', 'dddddddd', 'sub', 'with space', 'x123456789012345']);
    expect(entries.find((e) => e.name === 'sub')!.type).toBe(DT_DIR);
    expect(entries.find((e) => e.name === 'a')!.type).toBe(DT_REG);
    const { bytes, count } = encodeDirents64(entries, 4096);
    expect(count).toBe(entries.length);
    expect(Buffer.from(bytes).toString('hex')).toBe(Buffer.from(real).toString('hex'));
    expect(countDirents64(real)).toBe(entries.length);
  });

  it('sizes records as ALIGN(19 + namelen + 1, 8)', () => {
    expect([direntRecordLength(1), direntRecordLength(4), direntRecordLength(5), direntRecordLength(12)]).toEqual([24, 24, 32, 32]);
  });
});

describe('Vfs.getdents', () => {
  it('lists ., .., then sorted names, resuming at the file offset', () => {
    const vfs = new Vfs({ clock: () => ({ sec: 0n, nsec: 0 }) });
    mountSeedTree(vfs, { random: seededRandom(1n) });
    const ctx = { base: vfs.root, creds: { uid: 0, gid: 0 }, pid: 1, arch: 'x86_64' as const };
    const dir = vfs.open('/data', O_RDONLY, 0, ctx) as OpenFile;
    const first = vfs.getdents(dir, 60) as Uint8Array;
    expect(decode(first).map((e) => e.name)).toEqual(['.', '..']);
    const rest = vfs.getdents(dir, 4096) as Uint8Array;
    expect(decode(rest).map((e) => [e.name, e.type, e.off])).toEqual([
      ['1mib.bin', DT_REG, 3n],
      ['hello.txt', DT_REG, 4n],
    ]);
    expect((vfs.getdents(dir, 4096) as Uint8Array).length).toBe(0);
    vfs.lseek(dir, 0, 0);
    expect(vfs.getdents(dir, 10)).toBe(-EINVAL);
    expect(vfs.getdents(vfs.open('/data/hello.txt', O_RDONLY, 0, ctx) as OpenFile, 4096)).toBe(-ENOTDIR);
  });
});
