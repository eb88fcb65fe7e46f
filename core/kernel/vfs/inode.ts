// In-memory inodes: directories, regular files, character devices, pipes and
// generated /proc files. Inode numbers and times come from the owning Vfs so a
// run is deterministic.

import { S_IFCHR, S_IFDIR, S_IFIFO, S_IFREG } from './open-flags.js';
import type { Pipe } from './pipe.js';
import type { CharDevice } from './devices.js';

export interface Timespec {
  sec: bigint;
  nsec: number;
}

/** Who is asking: permission checks and /proc generators use it. */
export interface Credentials {
  uid: number;
  gid: number;
}

export interface InodeMeta {
  ino: number;
  /** Full st_mode: type bits | permission bits. */
  mode: number;
  uid: number;
  gid: number;
  atime: Timespec;
  mtime: Timespec;
  ctime: Timespec;
}

/**
 * Pages of a file mapped MAP_SHARED (kernel/mm/shared-pages.ts). Linux has one page
 * cache for read()/write() and mappings; here the file keeps its bytes and the mapped
 * frames are kept coherent with them at every read, write and truncate.
 */
export interface MappedFilePages {
  /** Copy stores made through mappings into the file's bytes (before they are read or changed). */
  writeBack(bytes: Uint8Array, size: number): void;
  /** The file's bytes changed from `offset` on: refresh the mapped frames from them. */
  refresh(bytes: Uint8Array, size: number, offset: number): void;
}

export class RegularFile {
  readonly kind = 'file';
  private bytes: Uint8Array;
  size = 0;
  nlink = 1;
  /** Set once the file is mapped MAP_SHARED. */
  mapped: MappedFilePages | null = null;

  constructor(
    readonly meta: InodeMeta,
    initial?: Uint8Array,
  ) {
    this.bytes = initial ? initial.slice() : new Uint8Array(0);
    this.size = this.bytes.length;
  }

  read(offset: number, len: number): Uint8Array {
    this.mapped?.writeBack(this.bytes, this.size);
    if (offset >= this.size) return new Uint8Array(0);
    return this.bytes.slice(offset, Math.min(this.size, offset + len));
  }

  /** Write at `offset`, zero-filling any hole (lseek past EOF then write). */
  write(offset: number, data: Uint8Array): void {
    this.mapped?.writeBack(this.bytes, this.size);
    const end = offset + data.length;
    this.reserve(end);
    this.bytes.set(data, offset);
    if (end > this.size) this.size = end;
    this.mapped?.refresh(this.bytes, this.size, offset);
  }

  truncate(len: number): void {
    this.mapped?.writeBack(this.bytes, this.size);
    this.reserve(len);
    if (len < this.size) this.bytes.fill(0, len, this.size);
    this.size = len;
    this.mapped?.refresh(this.bytes, this.size, Math.min(len, this.size));
  }

  private reserve(n: number): void {
    if (n <= this.bytes.length) return;
    const grown = new Uint8Array(Math.max(n, this.bytes.length * 2, 64));
    grown.set(this.bytes.subarray(0, this.size));
    this.bytes = grown;
  }
}

export class Directory {
  readonly kind = 'dir';
  readonly entries = new Map<string, Inode>();

  constructor(
    readonly meta: InodeMeta,
    /** `..`; the root is its own parent. */
    public parent: Directory | null,
  ) {}

  get nlink(): number {
    let subdirs = 0;
    for (const e of this.entries.values()) if (e.kind === 'dir') subdirs++;
    return 2 + subdirs;
  }

  get parentDir(): Directory {
    return this.parent ?? this;
  }
}

export class DeviceInode {
  readonly kind = 'chr';
  nlink = 1;
  constructor(
    readonly meta: InodeMeta,
    readonly rdev: bigint,
    readonly device: CharDevice,
  ) {}
}

export class PipeInode {
  readonly kind = 'fifo';
  nlink = 1;
  constructor(
    readonly meta: InodeMeta,
    readonly pipe: Pipe,
  ) {}
}

/** Context a /proc generator sees: the opener, and the pid the path names. */
export interface ProcContext {
  /** The process that opened the file. */
  pid: number;
  /** The process the path refers to (`self` → the opener). */
  targetPid: number;
  creds: Credentials;
}

/** Text (maps, status) or raw bytes (auxv is binary, as on Linux). */
export type ProcGenerator = (ctx: ProcContext) => string | Uint8Array;

export class ProcFileInode {
  readonly kind = 'proc';
  nlink = 1;
  constructor(
    readonly meta: InodeMeta,
    readonly generate: ProcGenerator,
    /** The pid the path names, or null for a `self` path (resolved at open). */
    readonly targetPid: number | null,
  ) {}
}

export type Inode = RegularFile | Directory | DeviceInode | PipeInode | ProcFileInode;

export const TYPE_BITS: Readonly<Record<Inode['kind'], number>> = {
  file: S_IFREG,
  dir: S_IFDIR,
  chr: S_IFCHR,
  fifo: S_IFIFO,
  proc: S_IFREG,
};
