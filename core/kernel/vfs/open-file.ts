// An open file description (struct file): what open() creates and dup()/fork()
// share — the inode, the offset and the status flags. Fd-level state (close-on-exec)
// lives in the FdTable entry instead, which is why dup() does not copy O_CLOEXEC.

import type { Inode } from './inode.js';
import { O_ACCMODE, O_RDONLY, O_WRONLY, O_RDWR } from './open-flags.js';

export class OpenFile {
  offset = 0;
  /** Descriptors (in any process) referring to this description. */
  refs = 0;
  /** /proc files: the text of the last read from offset 0 (null before the first read). */
  snapshot: Uint8Array | null = null;
  /** /proc files: produces the text. Like seq_file, it runs at a read from offset 0, not
   *  at open, so a maps file opened before brk or mmap shows their mappings. */
  generate: (() => Uint8Array) | null = null;
  /** For pipes: which end this description is. */
  pipeEnd: 'read' | 'write' | null = null;

  constructor(
    readonly inode: Inode,
    /** Access mode and status flags (O_APPEND, O_NONBLOCK...); O_CLOEXEC is not kept here. */
    public flags: number,
    /** Path it was opened by (for /proc/self/fd and the UI); pipes get `pipe:[ino]`. */
    readonly path: string,
  ) {}

  get readable(): boolean {
    const acc = this.flags & O_ACCMODE;
    return acc === O_RDONLY || acc === O_RDWR;
  }

  get writable(): boolean {
    const acc = this.flags & O_ACCMODE;
    return acc === O_WRONLY || acc === O_RDWR;
  }
}
