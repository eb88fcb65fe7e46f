// The in-memory file system the kernel calls: open/read/write/lseek/stat on
// paths and open file descriptions, pipes, devices and generated /proc files.
// Every call returns a value or -errno (reads/writes: see io-result.ts); nothing
// here sleeps — blocking is a Blocked result the scheduler turns into sleeping.

import type { Arch } from '../../trace/events.js';
import { EEXIST, EINVAL, EISDIR, ENOENT, ENOTDIR, ENOTEMPTY, EACCES, EBUSY, EOPNOTSUPP } from '../errno.js';
import { DeviceInode, Directory, PipeInode, ProcFileInode, RegularFile } from './inode.js';
import type { Credentials, Inode, InodeMeta, ProcGenerator, Timespec } from './inode.js';
import { OpenFile } from './open-file.js';
import {
  ARCH_OPEN_BITS,
  O_ACCMODE,
  O_CLOEXEC,
  O_CREAT,
  O_EXCL,
  O_NOCTTY,
  O_NONBLOCK,
  O_PATH,
  O_RDONLY,
  O_TRUNC,
  O_WRONLY,
  POLLIN,
  POLLOUT,
  S_IFDIR,
  S_IFREG,
} from './open-flags.js';
import { MAY_EXEC, MAY_READ, MAY_WRITE, permits, walkPath } from './path-resolve.js';
import { Pipe } from './pipe.js';
import type { CharDevice } from './devices.js';
import type { ReadResult, WriteResult } from './io-result.js';
import type { WaitQueue } from './wait-queue.js';
import { statOf } from './vfs-stat.js';
import { readFile, writeFile, seekFile } from './file-ops.js';
import { utf8 } from './text.js';
import { directoryEntries, encodeDirents64 } from './dirents.js';
import type { StatData } from './stat-layout.js';

export interface VfsOptions {
  /** Wall clock for inode times (CLOCK_REALTIME of the emulated machine). */
  clock: () => Timespec;
}

/** Who opens, relative to what. `base` is the cwd, or the directory of openat's dirfd. */
export interface PathContext {
  base: Directory;
  creds: Credentials;
  pid: number;
  arch: Arch;
  /** umask(2), default 022. */
  umask?: number;
}

const O_TMPFILE_BIT = 0o20000000;

export class Vfs {
  readonly root: Directory;
  private nextIno = 2;
  private readonly clock: () => Timespec;

  constructor(opts: VfsOptions) {
    this.clock = opts.clock;
    this.root = new Directory(this.meta(S_IFDIR | 0o755, 0, 0), null);
  }

  meta(mode: number, uid: number, gid: number): InodeMeta {
    const now = this.clock();
    return { ino: this.nextIno++, mode, uid, gid, atime: now, mtime: now, ctime: now };
  }

  // ---- building the tree (mount time; no permission checks) ----

  /** mkdir -p; returns the directory. */
  mkdirp(path: string, mode = 0o755, uid = 0, gid = 0): Directory {
    let cur = this.root;
    for (const name of path.split('/').filter((p) => p.length > 0)) {
      const e = cur.entries.get(name);
      if (e?.kind === 'dir') {
        cur = e;
        continue;
      }
      if (e) throw new Error(`${path}: ${name} is not a directory`);
      const d = new Directory(this.meta(S_IFDIR | mode, uid, gid), cur);
      cur.entries.set(name, d);
      cur = d;
    }
    return cur;
  }

  private placeAt(path: string, make: (parent: Directory) => Inode): Inode {
    const slash = path.lastIndexOf('/');
    const parent = this.mkdirp(path.slice(0, slash));
    const inode = make(parent);
    parent.entries.set(path.slice(slash + 1), inode);
    return inode;
  }

  addFile(path: string, data: Uint8Array | string, mode = 0o644, uid = 0, gid = 0): RegularFile {
    const bytes = typeof data === 'string' ? utf8(data) : data;
    return this.placeAt(path, () => new RegularFile(this.meta(S_IFREG | mode, uid, gid), bytes)) as RegularFile;
  }

  addDevice(path: string, device: CharDevice, rdev: bigint, mode = 0o666, uid = 0, gid = 0): DeviceInode {
    return this.placeAt(path, () => new DeviceInode(this.meta(0o020000 | mode, uid, gid), rdev, device)) as DeviceInode;
  }

  /**
   * Register a generated file, e.g. `registerProcFile('/proc/self/maps', ctx => ...)`.
   * A `/proc/self/...` registration also answers `/proc/<pid>/...` (ctx.targetPid = pid).
   */
  registerProcFile(path: string, generate: ProcGenerator): void {
    this.placeAt(path, () => new ProcFileInode(this.meta(S_IFREG | 0o444, 0, 0), generate, null));
  }

  // ---- path operations ----

  /** `/proc/<pid>/x` is served by the `/proc/self/x` registration. */
  private procAlias(path: string, ctx: PathContext): { path: string; targetPid: number } {
    const m = /^\/proc\/(\d+)(\/.*)?$/.exec(path);
    if (m && this.root.entries.get('proc')?.kind === 'dir') return { path: `/proc/self${m[2] ?? ''}`, targetPid: Number(m[1]) };
    return { path, targetPid: ctx.pid };
  }

  /** The inode `path` names (stat, chdir, execve). */
  lookup(path: string, ctx: PathContext): Inode | number {
    const w = walkPath(this.root, ctx.base, this.procAlias(path, ctx).path, ctx.creds);
    if (typeof w === 'number') return w;
    return w.inode ?? -ENOENT;
  }

  /** openat(2) minus the fd: the caller installs the result with O_CLOEXEC taken from `flags`. */
  open(path: string, flags: number, mode: number, ctx: PathContext): OpenFile | number {
    const bits = ARCH_OPEN_BITS[ctx.arch];
    const alias = this.procAlias(path, ctx);
    const w = walkPath(this.root, ctx.base, alias.path, ctx.creds);
    if (typeof w === 'number') return w;
    const acc = flags & O_ACCMODE;
    if (acc === O_ACCMODE) return -EINVAL;
    // open(2): EOPNOTSUPP when the filesystem does not support O_TMPFILE, as here.
    if ((flags & O_TMPFILE_BIT) !== 0) return -EOPNOTSUPP;
    let inode = w.inode;
    if (inode === null) {
      if ((flags & O_CREAT) === 0) return -ENOENT;
      if (w.trailingSlash) return -EISDIR;
      if (!permits(w.parent.meta, true, ctx.creds, MAY_WRITE | MAY_EXEC)) return -EACCES;
      const perm = mode & ~(ctx.umask ?? 0o022) & 0o7777;
      inode = new RegularFile(this.meta(S_IFREG | perm, ctx.creds.uid, ctx.creds.gid));
      w.parent.entries.set(w.name, inode);
      w.parent.meta.mtime = w.parent.meta.ctime = this.clock();
      // A file created by this open may be written even if its new mode forbids it.
      return this.makeOpenFile(inode, flags, path, ctx, alias.targetPid);
    }
    if ((flags & (O_CREAT | O_EXCL)) === (O_CREAT | O_EXCL)) return -EEXIST;
    if ((flags & bits.O_DIRECTORY) !== 0 && inode.kind !== 'dir') return -ENOTDIR;
    if ((flags & O_PATH) === 0) {
      if (inode.kind === 'dir' && (acc !== O_RDONLY || (flags & O_CREAT) !== 0)) return -EISDIR;
      const want = (acc === O_RDONLY ? MAY_READ : acc === O_WRONLY ? MAY_WRITE : MAY_READ | MAY_WRITE) | (flags & O_TRUNC && acc !== O_RDONLY ? MAY_WRITE : 0);
      if (!permits(inode.meta, inode.kind === 'dir', ctx.creds, want)) return -EACCES;
      if (inode.kind === 'proc' && acc !== O_RDONLY) return -EACCES;
    }
    if (inode.kind === 'file' && (flags & O_TRUNC) !== 0 && acc !== O_RDONLY) {
      inode.truncate(0);
      inode.meta.mtime = inode.meta.ctime = this.clock();
    }
    return this.makeOpenFile(inode, flags, path, ctx, alias.targetPid);
  }

  private makeOpenFile(inode: Inode, flags: number, path: string, ctx: PathContext, targetPid: number): OpenFile {
    // What F_GETFL later reports (fs/open.c): creation-only bits and O_CLOEXEC are
    // not kept, and 64-bit kernels force O_LARGEFILE (build_open_flags).
    const kept = flags & ~(O_CREAT | O_EXCL | O_NOCTTY | O_TRUNC | O_CLOEXEC);
    const file = new OpenFile(inode, kept | ARCH_OPEN_BITS[ctx.arch].O_LARGEFILE, path);
    if (inode.kind === 'proc') {
      const gen = { pid: ctx.pid, targetPid, creds: ctx.creds };
      file.generate = () => {
        const content = inode.generate(gen);
        return typeof content === 'string' ? utf8(content) : content;
      };
    }
    return file;
  }

  /** An open file description for an inode already in hand (stdio terminals). */
  openInode(inode: Inode, flags: number, path: string): OpenFile {
    return new OpenFile(inode, flags, path);
  }

  /** pipe2(2): the read end and the write end (status flags O_NONBLOCK honoured). */
  createPipe(flags = 0): { read: OpenFile; write: OpenFile; pipe: Pipe } {
    const pipe = new Pipe();
    const inode = new PipeInode(this.meta(0o010000 | 0o600, 0, 0), pipe);
    const status = flags & O_NONBLOCK;
    const read = new OpenFile(inode, O_RDONLY | status, `pipe:[${inode.meta.ino}]`);
    const write = new OpenFile(inode, O_WRONLY | status, `pipe:[${inode.meta.ino}]`);
    read.pipeEnd = 'read';
    write.pipeEnd = 'write';
    pipe.readers = 1;
    pipe.writers = 1;
    return { read, write, pipe };
  }

  /** FdTable release hook: the last descriptor of a description went away. */
  readonly release = (file: OpenFile): void => {
    if (file.inode.kind === 'fifo' && file.pipeEnd !== null) file.inode.pipe.closeEnd(file.pipeEnd);
  };

  mkdir(path: string, mode: number, ctx: PathContext): number {
    const w = walkPath(this.root, ctx.base, path, ctx.creds);
    if (typeof w === 'number') return w;
    if (w.inode !== null) return -EEXIST;
    if (!permits(w.parent.meta, true, ctx.creds, MAY_WRITE | MAY_EXEC)) return -EACCES;
    const perm = mode & ~(ctx.umask ?? 0o022) & 0o7777;
    w.parent.entries.set(w.name, new Directory(this.meta(S_IFDIR | perm, ctx.creds.uid, ctx.creds.gid), w.parent));
    return 0;
  }

  /** unlink(2) (dir = false) or rmdir(2) (dir = true). Open descriptions keep the inode alive. */
  remove(path: string, ctx: PathContext, dir: boolean): number {
    const w = walkPath(this.root, ctx.base, path, ctx.creds);
    if (typeof w === 'number') return w;
    if (w.inode === null) return -ENOENT;
    if (w.name === '.' || w.name === '..') return dir ? -EINVAL : -EISDIR;
    if (dir && w.inode.kind !== 'dir') return -ENOTDIR;
    if (!dir && w.inode.kind === 'dir') return -EISDIR;
    if (w.inode === this.root) return -EBUSY;
    if (w.inode.kind === 'dir' && w.inode.entries.size > 0) return -ENOTEMPTY;
    if (!permits(w.parent.meta, true, ctx.creds, MAY_WRITE | MAY_EXEC)) return -EACCES;
    w.parent.entries.delete(w.name);
    if (w.inode.kind === 'file') w.inode.nlink--;
    return 0;
  }

  /** chdir(2): the directory, or -errno. */
  chdir(path: string, ctx: PathContext): Directory | number {
    const inode = this.lookup(path, ctx);
    if (typeof inode === 'number') return inode;
    if (inode.kind !== 'dir') return -ENOTDIR;
    if (!permits(inode.meta, true, ctx.creds, MAY_EXEC)) return -EACCES;
    return inode;
  }

  // ---- file operations (file-ops.ts) ----

  read(file: OpenFile, n: number): ReadResult {
    return readFile(file, n, this.clock);
  }

  write(file: OpenFile, data: Uint8Array): WriteResult {
    return writeFile(file, data, this.clock);
  }

  /** lseek(2): the new offset or -errno (ESPIPE on pipes and terminals). */
  lseek(file: OpenFile, offset: number, whence: number): number {
    return seekFile(file, offset, whence);
  }

  /** ftruncate(2) on a regular file opened for writing. */
  truncate(file: OpenFile, len: number): number {
    if (file.inode.kind !== 'file' || !file.writable) return -EINVAL;
    if (len < 0) return -EINVAL;
    file.inode.truncate(len);
    file.inode.meta.mtime = file.inode.meta.ctime = this.clock();
    return 0;
  }

  stat(inode: Inode): StatData {
    return statOf(inode);
  }

  fstat(file: OpenFile): StatData {
    return statOf(file.inode);
  }

  /** poll(2) readiness: POLLIN/POLLOUT/POLLHUP/POLLERR for this description. */
  pollEvents(file: OpenFile): number {
    const inode = file.inode;
    if (inode.kind === 'fifo') return inode.pipe.pollEvents(file.pipeEnd ?? 'read');
    if (inode.kind === 'chr') return inode.device.pollEvents();
    return POLLIN | POLLOUT;
  }

  /** Queues that wake when pollEvents(file) may have changed (subscribe to block in poll). */
  waitQueues(file: OpenFile): readonly WaitQueue[] {
    const inode = file.inode;
    if (inode.kind === 'fifo') return [inode.pipe.readWait, inode.pipe.writeWait];
    if (inode.kind === 'chr') return inode.device.waitQueues;
    return [];
  }

  /**
   * getdents64(2): the next records of an open directory that fit in `max` bytes
   * (`.`, `..`, then names in sorted order; the file offset counts entries).
   * Empty at the end; -EINVAL if not even one record fits; -ENOTDIR on a non-directory.
   */
  getdents(file: OpenFile, max: number): Uint8Array | number {
    const dir = file.inode;
    if (dir.kind !== 'dir') return -ENOTDIR;
    const rest = directoryEntries(dir).slice(file.offset);
    const { bytes, count } = encodeDirents64(rest, max);
    if (count === 0 && rest.length > 0) return -EINVAL;
    file.offset += count;
    return bytes;
  }
}

