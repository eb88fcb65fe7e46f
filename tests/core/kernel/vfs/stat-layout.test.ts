// struct stat layouts vs the C compilers on this machine: offsetof/sizeof from gcc
// (x86-64) and aarch64-linux-gnu-gcc run under qemu-aarch64, and a byte-for-byte
// comparison of encodeStat() with what the kernel (or qemu for arm64) wrote for a
// real fstat() on each arch.
import { describe, expect, it } from 'vitest';
import { STAT_LAYOUTS, encodeStat, makedev, devMajor, devMinor, readStatField } from '../../../../core/kernel/vfs/stat-layout.js';
import type { StatData } from '../../../../core/kernel/vfs/stat-layout.js';
import { runC } from './native.js';

const FIELDS = ['st_dev', 'st_ino', 'st_nlink', 'st_mode', 'st_uid', 'st_gid', 'st_rdev', 'st_size', 'st_blksize', 'st_blocks', 'st_atime', 'st_atime_nsec', 'st_mtime', 'st_mtime_nsec', 'st_ctime', 'st_ctime_nsec'] as const;

const OFFSETS_C = `#include <stdio.h>
#include <stddef.h>
#include <asm/stat.h>
int main(void){ printf("size %zu\\n", sizeof(struct stat));
${FIELDS.map((f) => `printf("${f} %zu %zu\\n", offsetof(struct stat, ${f}), sizeof(((struct stat *)0)->${f}));`).join('\n')} }`;

// fstat() through the raw syscall so the bytes are the kernel ABI struct, then the fields.
// (No <fcntl.h>: glibc's stat macros would clash with <asm/stat.h>.)
const FSTAT_C = `#include <stdio.h>
#include <unistd.h>
#include <sys/syscall.h>
#include <asm/stat.h>
int main(void){ int fd = syscall(SYS_openat, -100, "/dev/null", 0); struct stat st;
  unsigned char *b = (unsigned char *)&st;
  for (unsigned i = 0; i < sizeof st; i++) b[i] = 0xa5;
  syscall(SYS_fstat, fd, &st);
  for (unsigned i = 0; i < sizeof st; i++) printf("%02x", b[i]); printf("\\n");
  printf("%llu %llu %u %u %u %u %llu %lld %lld %lld %lld %llu %lld %llu %lld %llu\\n",
    (unsigned long long)st.st_dev, (unsigned long long)st.st_ino, (unsigned)st.st_mode, (unsigned)st.st_nlink,
    (unsigned)st.st_uid, (unsigned)st.st_gid, (unsigned long long)st.st_rdev, (long long)st.st_size,
    (long long)st.st_blksize, (long long)st.st_blocks, (long long)st.st_atime, (unsigned long long)st.st_atime_nsec,
    (long long)st.st_mtime, (unsigned long long)st.st_mtime_nsec, (long long)st.st_ctime, (unsigned long long)st.st_ctime_nsec); }`;

describe('struct stat layout', () => {
  for (const arch of ['x86_64', 'arm64'] as const) {
    it(`matches offsetof/sizeof from the ${arch} compiler`, () => {
      const lines = runC(OFFSETS_C, arch).trim().split('\n');
      const layout = STAT_LAYOUTS[arch];
      expect(lines[0]).toBe(`size ${layout.size}`);
      for (const line of lines.slice(1)) {
        const [name, off, size] = line.split(' ') as [(typeof FIELDS)[number], string, string];
        expect(`${name} ${layout[name].offset} ${layout[name].size}`).toBe(`${name} ${off} ${size}`);
      }
    });

    it(`encodes a real ${arch} fstat() result byte for byte`, () => {
      const [hex, values] = runC(FSTAT_C, arch).trim().split('\n') as [string, string];
      const v = values.split(' ').map((s) => BigInt(s));
      const st: StatData = {
        dev: v[0]!,
        ino: v[1]!,
        mode: Number(v[2]),
        nlink: Number(v[3]),
        uid: Number(v[4]),
        gid: Number(v[5]),
        rdev: v[6]!,
        size: v[7]!,
        blksize: Number(v[8]),
        blocks: v[9]!,
        atimeSec: v[10]!,
        atimeNsec: Number(v[11]),
        mtimeSec: v[12]!,
        mtimeNsec: Number(v[13]),
        ctimeSec: v[14]!,
        ctimeNsec: Number(v[15]),
      };
      const real = Uint8Array.from(hex.match(/../g)!.map((h) => parseInt(h, 16)));
      // The buffer was pre-filled with 0xa5, so padding and reserved words must really be zeroed by both.
      const ours = encodeStat(st, arch);
      expect(ours.length).toBe(real.length);
      expect(Buffer.from(ours).toString('hex')).toBe(Buffer.from(real).toString('hex'));
      expect(readStatField(ours, arch, 'st_mode')).toBe(BigInt(st.mode));
      expect([devMajor(st.rdev), devMinor(st.rdev)]).toEqual([1, 3]);
    });
  }

  it('encodes dev_t like glibc makedev()', () => {
    const out = runC(`#include <stdio.h>
#include <sys/sysmacros.h>
int main(void){ printf("%llu %llu %llu\\n", (unsigned long long)makedev(1, 3), (unsigned long long)makedev(136, 0), (unsigned long long)makedev(0x12345, 0xabcdef)); }`).trim();
    expect(out).toBe(`${makedev(1, 3)} ${makedev(136, 0)} ${makedev(0x12345, 0xabcdef)}`);
    expect([devMajor(makedev(0x12345, 0xabcdef)), devMinor(makedev(0x12345, 0xabcdef))]).toEqual([0x12345, 0xabcdef]);
  });
});
