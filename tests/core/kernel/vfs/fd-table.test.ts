// The fd table against the host kernel: the same sequence of open/dup/dup2/dup3/
// fcntl/close calls under RLIMIT_NOFILE = 12, printing each result and the
// close-on-exec flag, run natively and on FdTable.
import { describe, expect, it } from 'vitest';
import { FdTable } from '../../../../core/kernel/vfs/fd-table.js';
import { OpenFile } from '../../../../core/kernel/vfs/open-file.js';
import { Vfs } from '../../../../core/kernel/vfs/vfs.js';
import { O_CLOEXEC, O_RDWR } from '../../../../core/kernel/vfs/open-flags.js';
import { runC } from './native.js';

type Op = ['open', boolean] | ['dup', number] | ['dup2', number, number] | ['dup3', number, number, number] | ['dupfd', number, number, boolean] | ['close', number] | ['cloexec?', number] | ['setcloexec', number, boolean];

const OPS: Op[] = [
  ['open', false],
  ['open', true],
  ['cloexec?', 4],
  ['dup', 4],
  ['cloexec?', 5],
  ['close', 3],
  ['open', false],
  ['dup2', 4, 9],
  ['dup2', 4, 4],
  ['dup2', 77, 4],
  ['dup2', 4, 12],
  ['dup3', 4, 4, 0],
  ['dup3', 4, 8, O_CLOEXEC],
  ['cloexec?', 8],
  ['dup3', 4, 8, 0],
  ['cloexec?', 8],
  ['dup3', 4, 7, 0o4000],
  ['dupfd', 4, 6, true],
  ['cloexec?', 6],
  ['dupfd', 4, 20, false],
  ['setcloexec', 9, true],
  ['cloexec?', 9],
  ['close', 99],
  ['close', -1],
  ['open', false],
  ['open', false],
  ['open', false],
  ['open', false],
  ['dup', 0],
  ['close', 5],
  ['dup', 0],
];

function cLine(op: Op): string {
  const out = (expr: string): string => `{ long r = ${expr}; printf("%ld\\n", r < 0 ? -(long)errno : r); }`;
  switch (op[0]) {
    case 'open':
      return out(`open("/dev/null", O_RDWR${op[1] ? ' | O_CLOEXEC' : ''})`);
    case 'dup':
      return out(`dup(${op[1]})`);
    case 'dup2':
      return out(`dup2(${op[1]}, ${op[2]})`);
    case 'dup3':
      return out(`dup3(${op[1]}, ${op[2]}, ${op[3]})`);
    case 'dupfd':
      return out(`fcntl(${op[1]}, ${op[3] ? 'F_DUPFD_CLOEXEC' : 'F_DUPFD'}, ${op[2]})`);
    case 'close':
      return out(`close(${op[1]})`);
    case 'cloexec?':
      return out(`fcntl(${op[1]}, F_GETFD)`);
    case 'setcloexec':
      return out(`fcntl(${op[1]}, F_SETFD, ${op[2] ? 'FD_CLOEXEC' : 0})`);
  }
}

function ours(op: Op, t: FdTable, vfs: Vfs): number {
  const devnull = (): OpenFile => new OpenFile(vfs.root, O_RDWR, '/dev/null');
  switch (op[0]) {
    case 'open':
      return t.install(devnull(), op[1]);
    case 'dup':
      return t.dup(op[1]);
    case 'dup2':
      return t.dup2(op[1], op[2]);
    case 'dup3':
      return t.dup3(op[1], op[2], op[3]);
    case 'dupfd':
      return t.dupMin(op[1], op[2], op[3]);
    case 'close':
      return t.close(op[1]);
    case 'cloexec?': {
      const e = t.get(op[1]);
      return e === null ? -9 : e.cloexec ? 1 : 0;
    }
    case 'setcloexec':
      return t.setCloexec(op[1], op[2]);
  }
}

describe('FdTable vs the host kernel', () => {
  it('returns the same fd numbers and errors for the same sequence (RLIMIT_NOFILE 12)', () => {
    const native = runC(`#define _GNU_SOURCE
#include <stdio.h>
#include <unistd.h>
#include <fcntl.h>
#include <errno.h>
#include <sys/resource.h>
int main(void){ struct rlimit rl = {12, 12}; setrlimit(RLIMIT_NOFILE, &rl);
  for (int fd = 3; fd < 64; fd++) close(fd);
  ${OPS.map(cLine).join('\n  ')}
}`)
      .trim()
      .split('\n')
      .map(Number);
    const vfs = new Vfs({ clock: () => ({ sec: 0n, nsec: 0 }) });
    const t = new FdTable(12);
    for (let i = 0; i < 3; i++) t.install(new OpenFile(vfs.root, O_RDWR, '/dev/tty'), false);
    expect(OPS.map((op) => ours(op, t, vfs))).toEqual(native);
  });
});

describe('FdTable semantics', () => {
  const vfs = new Vfs({ clock: () => ({ sec: 0n, nsec: 0 }) });
  const file = (): OpenFile => new OpenFile(vfs.root, O_RDWR, '/');

  it('shares the open file description (offset) between dup and fork copies', () => {
    const t = new FdTable();
    const f = file();
    const a = t.install(f, false);
    const b = t.dup(a);
    const child = t.fork();
    expect(t.get(b)!.file).toBe(f);
    expect(child.get(a)!.file).toBe(f);
    expect(f.refs).toBe(4);
    f.offset = 42;
    expect(child.get(b)!.file.offset).toBe(42);
  });

  it('closes only close-on-exec descriptors at exec, releasing descriptions at the last close', () => {
    const released: OpenFile[] = [];
    const t = new FdTable(16, (f) => released.push(f));
    const keep = file();
    const drop = file();
    t.install(keep, false);
    t.install(drop, true);
    t.closeOnExec();
    expect(t.list()).toEqual([0]);
    expect(released).toEqual([drop]);
    t.closeAll();
    expect(released).toEqual([drop, keep]);
  });

  it('fails with EMFILE at the limit and reuses the lowest free number', () => {
    const t = new FdTable(3);
    expect([t.install(file(), false), t.install(file(), false), t.install(file(), false), t.install(file(), false)]).toEqual([0, 1, 2, -24]);
    t.close(1);
    expect(t.install(file(), false)).toBe(1);
  });
});
