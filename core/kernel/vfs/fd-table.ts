// A process's file descriptor table (fs/file.c): lowest free fd first, a
// RLIMIT_NOFILE-style limit (EMFILE), dup/dup2/dup3/F_DUPFD, close-on-exec, and a
// fork() copy that shares the open file descriptions.

import { EBADF, EINVAL, EMFILE } from '../errno.js';
import type { OpenFile } from './open-file.js';
import { O_CLOEXEC } from './open-flags.js';

export interface FdEntry {
  readonly file: OpenFile;
  cloexec: boolean;
}

/** Called when a description loses its last descriptor (pipes wake the other end). */
export type ReleaseHook = (file: OpenFile) => void;

/** Default RLIMIT_NOFILE soft limit on Linux. */
export const DEFAULT_NOFILE = 1024;

export class FdTable {
  private readonly entries: Array<FdEntry | undefined> = [];

  constructor(
    public limit = DEFAULT_NOFILE,
    private readonly release: ReleaseHook = () => {},
  ) {}

  get(fd: number): FdEntry | null {
    if (!Number.isInteger(fd) || fd < 0) return null;
    return this.entries[fd] ?? null;
  }

  /** Descriptor numbers in use, ascending. */
  list(): number[] {
    const out: number[] = [];
    this.entries.forEach((e, fd) => {
      if (e) out.push(fd);
    });
    return out;
  }

  /** Install `file` at the lowest free fd ≥ minFd; -EMFILE past the limit. */
  install(file: OpenFile, cloexec: boolean, minFd = 0): number {
    for (let fd = minFd; fd < this.limit; fd++) {
      if (this.entries[fd] === undefined) {
        this.entries[fd] = { file, cloexec };
        file.refs++;
        return fd;
      }
    }
    return -EMFILE;
  }

  close(fd: number): number {
    const e = this.get(fd);
    if (!e) return -EBADF;
    this.entries[fd] = undefined;
    this.drop(e.file);
    return 0;
  }

  /** dup(2): lowest free fd, close-on-exec cleared. */
  dup(oldfd: number): number {
    const e = this.get(oldfd);
    if (!e) return -EBADF;
    return this.install(e.file, false);
  }

  /** fcntl F_DUPFD / F_DUPFD_CLOEXEC: lowest free fd ≥ minFd. */
  dupMin(oldfd: number, minFd: number, cloexec: boolean): number {
    const e = this.get(oldfd);
    if (!e) return -EBADF;
    if (minFd < 0 || minFd >= this.limit) return -EINVAL;
    return this.install(e.file, cloexec, minFd);
  }

  /** dup2(2): same fd is a no-op check; newfd is closed silently first. */
  dup2(oldfd: number, newfd: number): number {
    const e = this.get(oldfd);
    if (!e) return -EBADF;
    if (newfd < 0 || newfd >= this.limit) return -EBADF;
    if (oldfd === newfd) return newfd;
    return this.replace(newfd, e.file, false);
  }

  /** dup3(2): like dup2 but oldfd == newfd is EINVAL and only O_CLOEXEC is allowed. */
  dup3(oldfd: number, newfd: number, flags: number): number {
    if ((flags & ~O_CLOEXEC) !== 0) return -EINVAL;
    const e = this.get(oldfd);
    if (!e) return -EBADF;
    if (oldfd === newfd) return -EINVAL;
    if (newfd < 0 || newfd >= this.limit) return -EBADF;
    return this.replace(newfd, e.file, (flags & O_CLOEXEC) !== 0);
  }

  setCloexec(fd: number, on: boolean): number {
    const e = this.get(fd);
    if (!e) return -EBADF;
    e.cloexec = on;
    return 0;
  }

  /** fork(): a new table whose entries share the same open file descriptions. */
  fork(): FdTable {
    const child = new FdTable(this.limit, this.release);
    this.entries.forEach((e, fd) => {
      if (e) {
        child.entries[fd] = { file: e.file, cloexec: e.cloexec };
        e.file.refs++;
      }
    });
    return child;
  }

  /** execve(): close every close-on-exec descriptor. */
  closeOnExec(): void {
    this.entries.forEach((e, fd) => {
      if (e?.cloexec) this.close(fd);
    });
  }

  /** Process exit: close everything. */
  closeAll(): void {
    this.entries.forEach((e, fd) => {
      if (e) this.close(fd);
    });
  }

  private replace(newfd: number, file: OpenFile, cloexec: boolean): number {
    const old = this.entries[newfd];
    file.refs++;
    this.entries[newfd] = { file, cloexec };
    if (old) this.drop(old.file);
    return newfd;
  }

  private drop(file: OpenFile): void {
    file.refs--;
    if (file.refs === 0) this.release(file);
  }
}
