// stat(2) values for an inode: st_blksize 4096, st_blocks in 512-byte units of
// whole 4 KiB pages, directory size 4096, device and pipe sizes 0, and per-fs
// st_dev numbers like a real system's (root fs, pipefs, devtmpfs, proc).

import type { Inode } from './inode.js';
import { makedev, type StatData } from './stat-layout.js';
import { TYPE_BITS } from './inode.js';

export const ROOT_DEV = makedev(0, 0x20);
export const PIPEFS_DEV = makedev(0, 0xd);
export const DEVTMPFS_DEV = makedev(0, 5);
export const PROC_DEV = makedev(0, 0x16);

export const BLKSIZE = 4096;

export function statOf(inode: Inode): StatData {
  const m = inode.meta;
  let size = 0n;
  let dev = ROOT_DEV;
  let rdev = 0n;
  switch (inode.kind) {
    case 'file':
      size = BigInt(inode.size);
      break;
    case 'dir':
      size = 4096n;
      break;
    case 'fifo':
      dev = PIPEFS_DEV;
      break;
    case 'chr':
      dev = DEVTMPFS_DEV;
      rdev = inode.rdev;
      break;
    case 'proc':
      dev = PROC_DEV;
      break;
  }
  const blocks = ((size + 4095n) / 4096n) * 8n;
  return {
    dev,
    ino: BigInt(m.ino),
    mode: TYPE_BITS[inode.kind] | (m.mode & 0o7777),
    nlink: inode.nlink,
    uid: m.uid,
    gid: m.gid,
    rdev,
    size,
    blksize: BLKSIZE,
    blocks,
    atimeSec: m.atime.sec,
    atimeNsec: m.atime.nsec,
    mtimeSec: m.mtime.sec,
    mtimeNsec: m.mtime.nsec,
    ctimeSec: m.ctime.sec,
    ctimeNsec: m.ctime.nsec,
  };
}
