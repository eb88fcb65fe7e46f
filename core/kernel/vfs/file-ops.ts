// read/write/lseek on an open file description, per inode kind. Offsets are
// plain numbers (exact to 2^53, far beyond any file this lab holds).

import { EACCES, EBADF, EINVAL, EISDIR, ENXIO, ESPIPE } from '../errno.js';
import type { Timespec } from './inode.js';
import type { OpenFile } from './open-file.js';
import { O_APPEND, O_NONBLOCK, O_PATH, SEEK_CUR, SEEK_DATA, SEEK_END, SEEK_HOLE, SEEK_SET } from './open-flags.js';
import type { ReadResult, WriteResult } from './io-result.js';

export function readFile(file: OpenFile, n: number, clock: () => Timespec): ReadResult {
  if (!file.readable || (file.flags & O_PATH) !== 0) return { errno: EBADF };
  const nonblock = (file.flags & O_NONBLOCK) !== 0;
  const inode = file.inode;
  switch (inode.kind) {
    case 'dir':
      return { errno: EISDIR };
    case 'fifo':
      return inode.pipe.read(n, nonblock);
    case 'chr':
      return inode.device.read(n, nonblock);
    case 'proc': {
      if (file.offset === 0 || file.snapshot === null) file.snapshot = file.generate?.() ?? new Uint8Array(0);
      const snap = file.snapshot;
      const bytes = snap.slice(file.offset, file.offset + n);
      file.offset += bytes.length;
      return { bytes };
    }
    case 'file': {
      const bytes = inode.read(file.offset, n);
      file.offset += bytes.length;
      inode.meta.atime = clock();
      return { bytes };
    }
  }
}

export function writeFile(file: OpenFile, data: Uint8Array, clock: () => Timespec): WriteResult {
  if (!file.writable || (file.flags & O_PATH) !== 0) return { errno: EBADF };
  const nonblock = (file.flags & O_NONBLOCK) !== 0;
  const inode = file.inode;
  switch (inode.kind) {
    case 'dir':
      return { errno: EISDIR };
    case 'proc':
      return { errno: EACCES };
    case 'fifo':
      return inode.pipe.write(data, nonblock);
    case 'chr':
      return inode.device.write(data, nonblock);
    case 'file': {
      // write(2): with O_APPEND every write first moves to the end.
      if ((file.flags & O_APPEND) !== 0) file.offset = inode.size;
      inode.write(file.offset, data);
      file.offset += data.length;
      inode.meta.mtime = inode.meta.ctime = clock();
      return { written: data.length };
    }
  }
}

/** lseek(2): ESPIPE on pipes and terminals, EINVAL for a bad whence or a negative result. */
export function seekFile(file: OpenFile, offset: number, whence: number): number {
  const inode = file.inode;
  if (inode.kind === 'fifo') return -ESPIPE;
  if (inode.kind === 'chr') {
    if (!inode.device.seekable) return -ESPIPE;
    return whence >= SEEK_SET && whence <= SEEK_END ? 0 : -EINVAL;
  }
  const size = inode.kind === 'file' ? inode.size : inode.kind === 'proc' ? (file.snapshot?.length ?? 0) : 0;
  let pos: number;
  switch (whence) {
    case SEEK_SET:
      pos = offset;
      break;
    case SEEK_CUR:
      pos = file.offset + offset;
      break;
    case SEEK_END:
      pos = size + offset;
      break;
    case SEEK_DATA:
      // No holes are tracked: all of [0, size) is data.
      if (offset < 0 || offset >= size) return -ENXIO;
      pos = offset;
      break;
    case SEEK_HOLE:
      if (offset < 0 || offset >= size) return -ENXIO;
      pos = size;
      break;
    default:
      return -EINVAL;
  }
  if (pos < 0) return -EINVAL;
  file.offset = pos;
  return pos;
}
