// getdents64(2) records (struct linux_dirent64, identical on x86-64 and arm64):
//   u64 d_ino; s64 d_off; u16 d_reclen; u8 d_type; char d_name[] (NUL-terminated),
// each record padded to 8 bytes: d_reclen = ALIGN(19 + strlen(name) + 1, 8).

import { utf8 } from './text.js';
import type { Directory, Inode } from './inode.js';

export const DT_UNKNOWN = 0;
export const DT_FIFO = 1;
export const DT_CHR = 2;
export const DT_DIR = 4;
export const DT_REG = 8;
export const DT_LNK = 10;
export const DT_SOCK = 12;

export interface Dirent64 {
  ino: bigint;
  /** Cookie for lseek/telldir: where the next record starts. */
  off: bigint;
  type: number;
  name: string;
}

const NAME_OFFSET = 19;

export function direntRecordLength(nameBytes: number): number {
  return (NAME_OFFSET + nameBytes + 1 + 7) & ~7;
}

/**
 * Encode as many entries as fit in `max` bytes. `count` is how many were taken;
 * 0 with entries left over means the buffer cannot hold even one (EINVAL).
 */
export function encodeDirents64(entries: readonly Dirent64[], max: number): { bytes: Uint8Array; count: number } {
  const names = entries.map((e) => utf8(e.name));
  let total = 0;
  let count = 0;
  while (count < entries.length && total + direntRecordLength(names[count]!.length) <= max) {
    total += direntRecordLength(names[count]!.length);
    count++;
  }
  const bytes = new Uint8Array(total);
  const view = new DataView(bytes.buffer);
  let pos = 0;
  for (let i = 0; i < count; i++) {
    const e = entries[i]!;
    const name = names[i]!;
    const reclen = direntRecordLength(name.length);
    view.setBigUint64(pos, BigInt.asUintN(64, e.ino), true);
    view.setBigInt64(pos + 8, BigInt.asIntN(64, e.off), true);
    view.setUint16(pos + 16, reclen, true);
    view.setUint8(pos + 18, e.type);
    bytes.set(name, pos + NAME_OFFSET);
    pos += reclen;
  }
  return { bytes, count };
}

/** Count the records in a getdents64 result (the strace printer shows `N entries`). */
export function countDirents64(bytes: Uint8Array): number {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let n = 0;
  for (let pos = 0; pos + NAME_OFFSET <= bytes.length; n++) {
    const reclen = view.getUint16(pos + 16, true);
    if (reclen === 0) break;
    pos += reclen;
  }
  return n;
}

const DIRENT_TYPES: Readonly<Record<Inode['kind'], number>> = { file: DT_REG, dir: DT_DIR, chr: DT_CHR, fifo: DT_FIFO, proc: DT_REG };

/** `.`, `..`, then the names in sorted order; d_off is the index of the next entry. */
export function directoryEntries(dir: Directory): Dirent64[] {
  const names = [...dir.entries.keys()].sort();
  return [
    { ino: BigInt(dir.meta.ino), off: 1n, type: DT_DIR, name: '.' },
    { ino: BigInt(dir.parentDir.meta.ino), off: 2n, type: DT_DIR, name: '..' },
    ...names.map((name, i) => {
      const e = dir.entries.get(name)!;
      return { ino: BigInt(e.meta.ino), off: BigInt(i + 3), type: DIRENT_TYPES[e.kind], name };
    }),
  ];
}
