// open(2) flag bits. asm-generic/fcntl.h values, except the four bits x86-64
// numbers differently from arm64 (arch/x86 has its own O_DIRECT...O_NOFOLLOW).

import type { Arch } from '../../trace/events.js';

export const O_ACCMODE = 0o3;
export const O_RDONLY = 0o0;
export const O_WRONLY = 0o1;
export const O_RDWR = 0o2;
export const O_CREAT = 0o100;
export const O_EXCL = 0o200;
export const O_NOCTTY = 0o400;
export const O_TRUNC = 0o1000;
export const O_APPEND = 0o2000;
export const O_NONBLOCK = 0o4000;
export const O_DSYNC = 0o10000;
export const O_NOATIME = 0o1000000;
export const O_CLOEXEC = 0o2000000;
export const O_PATH = 0o10000000;

export interface ArchOpenBits {
  O_DIRECT: number;
  O_LARGEFILE: number;
  O_DIRECTORY: number;
  O_NOFOLLOW: number;
}

export const ARCH_OPEN_BITS: Readonly<Record<Arch, ArchOpenBits>> = {
  x86_64: { O_DIRECT: 0o40000, O_LARGEFILE: 0o100000, O_DIRECTORY: 0o200000, O_NOFOLLOW: 0o400000 },
  arm64: { O_DIRECT: 0o200000, O_LARGEFILE: 0o400000, O_DIRECTORY: 0o40000, O_NOFOLLOW: 0o100000 },
};

/** Flags F_GETFL reports and F_SETFL may change (fs/fcntl.c SETFL_MASK, simplified). */
export const SETFL_MASK = O_APPEND | O_NONBLOCK | O_NOATIME;

export const AT_FDCWD = -100;

export const SEEK_SET = 0;
export const SEEK_CUR = 1;
export const SEEK_END = 2;
export const SEEK_DATA = 3;
export const SEEK_HOLE = 4;

// poll(2) event bits (asm-generic/poll.h).
export const POLLIN = 0x1;
export const POLLPRI = 0x2;
export const POLLOUT = 0x4;
export const POLLERR = 0x8;
export const POLLHUP = 0x10;
export const POLLNVAL = 0x20;

// st_mode file types and permission bits (include/uapi/linux/stat.h).
export const S_IFMT = 0o170000;
export const S_IFIFO = 0o010000;
export const S_IFCHR = 0o020000;
export const S_IFDIR = 0o040000;
export const S_IFREG = 0o100000;
export const S_IFLNK = 0o120000;
