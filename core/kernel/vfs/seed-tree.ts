// The tree a fresh machine boots with: a few /etc files, the student's home, the
// lab data files, /tmp, device nodes and an empty /proc for the kernel to fill
// with registerProcFile(). /data/1mib.bin is generated at mount time from a fixed
// formula so labs (and their checks) can predict any byte of it.

import { makedev } from './stat-layout.js';
import { NullDevice, ZeroDevice, UrandomDevice, TerminalDevice, TtyInput, type RandomSource, type TerminalSink } from './devices.js';
import type { Vfs } from './vfs.js';
import { DeviceInode } from './inode.js';
import type { OpenFile } from './open-file.js';
import { O_RDWR } from './open-flags.js';

export const STUDENT_UID = 1000;
export const STUDENT_GID = 1000;
export const ONE_MIB = 1 << 20;

const PASSWD = `root:x:0:0:root:/root:/bin/sh
daemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin
student:x:1000:1000:Student:/home/student:/bin/sh
nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin
`;
const GROUP = `root:x:0:
daemon:x:1:
student:x:1000:
nogroup:x:65534:
`;

/** Byte i of /data/1mib.bin: a Fibonacci-hash of the index (cheap, deterministic, not constant). */
export function dataByte(i: number): number {
  return Math.imul(i ^ (i >>> 12), 0x9e3779b1) >>> 24;
}

export function oneMiBContent(): Uint8Array {
  const out = new Uint8Array(ONE_MIB);
  for (let i = 0; i < ONE_MIB; i++) out[i] = dataByte(i);
  return out;
}

export interface SeedOptions {
  /** Bytes for /dev/urandom (seeded by the host so runs replay). */
  random: RandomSource;
}

export function mountSeedTree(vfs: Vfs, opts: SeedOptions): void {
  vfs.addFile('/etc/passwd', PASSWD);
  vfs.addFile('/etc/group', GROUP);
  vfs.addFile('/etc/hostname', 'syscall-lab\n');
  vfs.addFile('/etc/hosts', '127.0.0.1\tlocalhost\n127.0.1.1\tsyscall-lab\n');
  vfs.addFile('/etc/shadow', 'root:*:19000:0:99999:7:::\nstudent:*:19000:0:99999:7:::\n', 0o640);
  vfs.mkdirp('/root', 0o700);
  const home = vfs.mkdirp('/home/student', 0o755, STUDENT_UID, STUDENT_GID);
  home.meta.uid = STUDENT_UID;
  vfs.addFile('/home/student/notes.txt', 'Every line of this file crossed the user/kernel boundary.\n', 0o644, STUDENT_UID, STUDENT_GID);
  vfs.addFile('/data/hello.txt', 'Hello, world!\n');
  vfs.addFile('/data/1mib.bin', oneMiBContent());
  vfs.mkdirp('/tmp', 0o1777);
  vfs.mkdirp('/dev', 0o755);
  // drivers/char/mem.c minors: null 3, zero 5, urandom 9 on major 1.
  vfs.addDevice('/dev/null', new NullDevice(), makedev(1, 3));
  vfs.addDevice('/dev/zero', new ZeroDevice(), makedev(1, 5));
  vfs.addDevice('/dev/urandom', new UrandomDevice(opts.random), makedev(1, 9));
  vfs.mkdirp('/proc/self', 0o555);
}

export interface Stdio {
  input: TtyInput;
  stdin: OpenFile;
  stdout: OpenFile;
  stderr: OpenFile;
}

/**
 * The session's terminal as /dev/pts/0 (major 136): three endpoints sharing one
 * input queue, so output to fd 1 and fd 2 reaches the host separately. Each is an
 * O_RDWR description, as a login shell's 0/1/2 are. Install them at fds 0, 1, 2.
 */
export function createStdio(vfs: Vfs, sinks: { stdout: TerminalSink; stderr: TerminalSink }): Stdio {
  const input = new TtyInput();
  const rdev = makedev(136, 0);
  // One inode in the tree; the stdout/stderr endpoints share its metadata (same
  // st_ino, st_rdev) and differ only in where their writes go.
  const node = vfs.addDevice('/dev/pts/0', new TerminalDevice('pts0', input, sinks.stdout), rdev, 0o620, STUDENT_UID, 5);
  const endpoint = (sink: TerminalSink): OpenFile =>
    vfs.openInode(new DeviceInode(node.meta, rdev, new TerminalDevice('pts0', input, sink)), O_RDWR, '/dev/pts/0');
  return {
    input,
    stdin: vfs.openInode(node, O_RDWR, '/dev/pts/0'),
    stdout: endpoint(sinks.stdout),
    stderr: endpoint(sinks.stderr),
  };
}
