// The kernel's side of files: the VFS instance, each process's fd table, the stdio
// wiring to the host (a terminal, or plain streams when the host's stdio are pipes),
// and the /proc files generated from kernel state.

import type { Kernel } from './kernel.js';
import type { Process } from './task.js';
import type { TerminalSink } from './vfs/devices.js';
import { FdTable } from './vfs/fd-table.js';
import type { Directory, RegularFile } from './vfs/inode.js';
import type { OpenFile } from './vfs/open-file.js';
import { createStdio, mountSeedTree, STUDENT_GID, STUDENT_UID } from './vfs/seed-tree.js';
import { devMajor, devMinor } from './vfs/stat-layout.js';
import { Vfs, type PathContext } from './vfs/vfs.js';
import type { WaitQueue } from './vfs/wait-queue.js';
import { procAuxv, procMaps, procStatus } from './proc-files.js';

export interface HostIo {
  /** Guest output on fd 1 or 2 (also for files dup'ed from them). */
  output(fd: 1 | 2, bytes: Uint8Array): void;
  /** When true, stdio is a terminal (isatty, TCGETS); otherwise plain pipes, as under a test harness. */
  terminal: boolean;
}

export interface MmapSource {
  data: Uint8Array;
  dev: string;
  inode: number;
  path: string;
  /** The file itself, for MAP_SHARED (its page cache). */
  file: RegularFile;
  /** Opened for writing: required for a writable MAP_SHARED mapping (mmap(2) EACCES). */
  writable: boolean;
}

export class KernelFiles {
  readonly vfs: Vfs;
  /** The queue a guest reading the host's stdin sleeps on (the kernel reports 'blocked on stdin'). */
  readonly stdinQueue: WaitQueue;
  private readonly input: { push(bytes: Uint8Array): void; end(): void };
  private readonly tables = new Map<number, FdTable>();
  private readonly stdio: { stdin: OpenFile; stdout: OpenFile; stderr: OpenFile };

  constructor(
    private readonly k: Kernel,
    io: HostIo,
  ) {
    const clock = () => {
      const ns = k.realtimeNs();
      const sec = Math.floor(ns / 1e9);
      return { sec: BigInt(sec), nsec: Math.floor(ns - sec * 1e9) };
    };
    this.vfs = new Vfs({ clock });
    mountSeedTree(this.vfs, { random: (out) => k.rng.fill(out) });
    const sink = (fd: 1 | 2): TerminalSink => (data) => {
      if (k.chargeOutput(data.length)) io.output(fd, data);
    };
    if (io.terminal) {
      const s = createStdio(this.vfs, { stdout: sink(1), stderr: sink(2) });
      this.stdinQueue = s.input.readWait;
      this.input = { push: (b) => s.input.push(b), end: () => s.input.end() };
      this.stdio = s;
    } else {
      // Under a harness (tests, the CLI in a pipeline) stdio are pipes, as natively:
      // fstat says S_IFIFO, lseek says ESPIPE, isatty says no.
      const out = (fd: 1 | 2): OpenFile => {
        const p = this.vfs.createPipe();
        p.pipe.readWait.subscribe(() => {
          const r = p.pipe.read(p.pipe.buffered, true);
          if ('bytes' in r && r.bytes.length > 0) sink(fd)(r.bytes);
        });
        return p.write;
      };
      const inp = this.vfs.createPipe();
      const pending: Uint8Array[] = [];
      let ended = false;
      let closed = false;
      const feed = (): void => {
        while (pending.length > 0 && inp.pipe.free > 0) {
          const chunk = pending[0]!;
          const r = inp.pipe.write(chunk.subarray(0, inp.pipe.free), true);
          if (!('written' in r)) break;
          if (r.written === chunk.length) pending.shift();
          else pending[0] = chunk.subarray(r.written);
        }
        if (ended && !closed && pending.length === 0) {
          closed = true; // the host's end of input: readers see EOF once the pipe drains
          inp.pipe.closeEnd('write');
        }
      };
      inp.pipe.writeWait.subscribe(feed);
      this.stdinQueue = inp.pipe.readWait;
      this.input = {
        push: (b) => {
          pending.push(b.slice());
          feed();
        },
        end: () => {
          ended = true;
          feed();
        },
      };
      this.stdio = { stdin: inp.read, stdout: out(1), stderr: out(2) };
    }
    this.registerProc();
  }

  private registerProc(): void {
    const k = this.k;
    this.vfs.registerProcFile('/proc/self/maps', (ctx) => procMaps(k, ctx.targetPid));
    this.vfs.registerProcFile('/proc/self/status', (ctx) => procStatus(k, ctx.targetPid));
    this.vfs.registerProcFile('/proc/self/auxv', (ctx) => procAuxv(k, ctx.targetPid));
  }

  /** Each process starts with 0, 1, 2 wired to the host. */
  newTable(proc: Process): FdTable {
    const t = new FdTable(this.k.limits.openFiles, this.vfs.release);
    t.install(this.stdio.stdin, false);
    t.install(this.stdio.stdout, false);
    t.install(this.stdio.stderr, false);
    this.tables.set(proc.pid, t);
    return t;
  }

  table(proc: Process): FdTable {
    return this.tables.get(proc.pid) ?? this.newTable(proc);
  }

  fork(parent: Process, child: Process): void {
    this.tables.set(child.pid, this.table(parent).fork());
  }

  releaseProcess(proc: Process): void {
    this.tables.get(proc.pid)?.closeAll();
    this.tables.delete(proc.pid);
  }

  file(proc: Process, fd: number): OpenFile | null {
    return this.table(proc).get(fd)?.file ?? null;
  }

  pathContext(proc: Process, base?: Directory): PathContext {
    const cwd = this.vfs.lookup(proc.cwd, { base: this.vfs.root, creds: { uid: STUDENT_UID, gid: STUDENT_GID }, pid: proc.pid, arch: this.k.arch });
    const dir = typeof cwd !== 'number' && cwd.kind === 'dir' ? cwd : this.vfs.root;
    return { base: base ?? dir, creds: { uid: STUDENT_UID, gid: STUDENT_GID }, pid: proc.pid, arch: this.k.arch };
  }

  /** What a file-backed mmap maps: a snapshot for private mappings (they only write to their copy), the file for shared ones. */
  mmapSource(task: { proc: Process }, fd: number): MmapSource | 'ebadf' | 'eacces' {
    const file = this.file(task.proc, fd);
    if (!file) return 'ebadf';
    if (file.inode.kind !== 'file') return 'eacces';
    if (!file.readable) return 'eacces';
    const st = this.vfs.fstat(file);
    return { data: file.inode.read(0, file.inode.size), dev: `${devMajor(st.dev)}:${devMinor(st.dev).toString(16)}`, inode: Number(st.ino), path: file.path, file: file.inode, writable: file.writable };
  }

  pushStdin(bytes: Uint8Array): void {
    this.input.push(bytes);
  }

  endStdin(): void {
    this.input.end();
  }
}

