// `struct stat` as the kernel copies it out for fstat/newfstatat/stat.
// x86-64: arch/x86/include/uapi/asm/stat.h — 144 bytes, st_nlink (8 bytes) BEFORE st_mode.
// arm64:  include/uapi/asm-generic/stat.h — 128 bytes, st_mode then a 4-byte st_nlink,
//         st_blksize is 4 bytes. Offsets checked against offsetof() from gcc and
//         aarch64-linux-gnu-gcc (tests/core/kernel/vfs/stat-layout.test.ts).

import type { Arch } from '../../trace/events.js';

export interface StatField {
  readonly offset: number;
  readonly size: 4 | 8;
}

export interface StatLayout {
  readonly size: number;
  readonly st_dev: StatField;
  readonly st_ino: StatField;
  readonly st_nlink: StatField;
  readonly st_mode: StatField;
  readonly st_uid: StatField;
  readonly st_gid: StatField;
  readonly st_rdev: StatField;
  readonly st_size: StatField;
  readonly st_blksize: StatField;
  readonly st_blocks: StatField;
  readonly st_atime: StatField;
  readonly st_atime_nsec: StatField;
  readonly st_mtime: StatField;
  readonly st_mtime_nsec: StatField;
  readonly st_ctime: StatField;
  readonly st_ctime_nsec: StatField;
}

const f = (offset: number, size: 4 | 8): StatField => ({ offset, size });

const TIMES = {
  st_atime: f(72, 8),
  st_atime_nsec: f(80, 8),
  st_mtime: f(88, 8),
  st_mtime_nsec: f(96, 8),
  st_ctime: f(104, 8),
  st_ctime_nsec: f(112, 8),
};

export const STAT_LAYOUTS: Readonly<Record<Arch, StatLayout>> = {
  x86_64: {
    size: 144,
    st_dev: f(0, 8),
    st_ino: f(8, 8),
    st_nlink: f(16, 8),
    st_mode: f(24, 4),
    st_uid: f(28, 4),
    st_gid: f(32, 4),
    st_rdev: f(40, 8),
    st_size: f(48, 8),
    st_blksize: f(56, 8),
    st_blocks: f(64, 8),
    ...TIMES,
  },
  arm64: {
    size: 128,
    st_dev: f(0, 8),
    st_ino: f(8, 8),
    st_mode: f(16, 4),
    st_nlink: f(20, 4),
    st_uid: f(24, 4),
    st_gid: f(28, 4),
    st_rdev: f(32, 8),
    st_size: f(48, 8),
    st_blksize: f(56, 4),
    st_blocks: f(64, 8),
    ...TIMES,
  },
};

/** The values a stat call reports; the encoder lays them out per arch. */
export interface StatData {
  dev: bigint;
  ino: bigint;
  mode: number;
  nlink: number;
  uid: number;
  gid: number;
  rdev: bigint;
  size: bigint;
  blksize: number;
  blocks: bigint;
  atimeSec: bigint;
  atimeNsec: number;
  mtimeSec: bigint;
  mtimeNsec: number;
  ctimeSec: bigint;
  ctimeNsec: number;
}

type StatKey = Exclude<keyof StatLayout, 'size'>;

function put(view: DataView, field: StatField, value: bigint): void {
  if (field.size === 8) view.setBigUint64(field.offset, BigInt.asUintN(64, value), true);
  else view.setUint32(field.offset, Number(BigInt.asUintN(32, value)), true);
}

function get(view: DataView, field: StatField): bigint {
  return field.size === 8 ? view.getBigUint64(field.offset, true) : BigInt(view.getUint32(field.offset, true));
}

/** Little-endian bytes of `struct stat` for `arch` (both arches are LE). */
export function encodeStat(st: StatData, arch: Arch): Uint8Array {
  const layout = STAT_LAYOUTS[arch];
  const out = new Uint8Array(layout.size);
  const view = new DataView(out.buffer);
  const values: Record<StatKey, bigint> = {
    st_dev: st.dev,
    st_ino: st.ino,
    st_nlink: BigInt(st.nlink),
    st_mode: BigInt(st.mode),
    st_uid: BigInt(st.uid),
    st_gid: BigInt(st.gid),
    st_rdev: st.rdev,
    st_size: st.size,
    st_blksize: BigInt(st.blksize),
    st_blocks: st.blocks,
    st_atime: st.atimeSec,
    st_atime_nsec: BigInt(st.atimeNsec),
    st_mtime: st.mtimeSec,
    st_mtime_nsec: BigInt(st.mtimeNsec),
    st_ctime: st.ctimeSec,
    st_ctime_nsec: BigInt(st.ctimeNsec),
  };
  for (const key of Object.keys(values) as StatKey[]) put(view, layout[key], values[key]);
  return out;
}

/** Read one field back out of stat bytes (the strace printer uses this). */
export function readStatField(bytes: Uint8Array, arch: Arch, key: StatKey): bigint {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return get(view, STAT_LAYOUTS[arch][key]);
}

/** Linux's 64-bit dev_t encoding (include/linux/kdev_t.h new_encode_dev, glibc makedev). */
export function makedev(major: number, minor: number): bigint {
  const ma = BigInt(major);
  const mi = BigInt(minor);
  return ((ma & 0xfffff000n) << 32n) | ((ma & 0xfffn) << 8n) | ((mi & 0xffffff00n) << 12n) | (mi & 0xffn);
}

export function devMajor(dev: bigint): number {
  return Number(((dev >> 8n) & 0xfffn) | ((dev >> 32n) & ~0xfffn & 0xffffffffn));
}

export function devMinor(dev: bigint): number {
  return Number((dev & 0xffn) | ((dev >> 12n) & ~0xffn & 0xffffffffn));
}
