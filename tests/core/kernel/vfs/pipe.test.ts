// Pipes: the same scenario on a host pipe (Linux pipe(7)) and on ours, step by step,
// plus the rules a host run cannot reach deterministically (blocking, wake-ups,
// PIPE_BUF atomicity when less than a page is free).
import { describe, expect, it } from 'vitest';
import { Pipe, PIPE_BUF, PIPE_CAPACITY } from '../../../../core/kernel/vfs/pipe.js';
import { isBlocked } from '../../../../core/kernel/vfs/io-result.js';
import type { ReadResult, WriteResult } from '../../../../core/kernel/vfs/io-result.js';
import { EAGAIN, EPIPE } from '../../../../core/kernel/errno.js';
import { Vfs } from '../../../../core/kernel/vfs/vfs.js';
import { FdTable } from '../../../../core/kernel/vfs/fd-table.js';
import { POLLERR, POLLHUP, POLLIN, POLLOUT } from '../../../../core/kernel/vfs/open-flags.js';
import { runC } from './native.js';

const show = (r: ReadResult | WriteResult): string => {
  if ('errno' in r) return `-${r.errno}`;
  if ('blocked' in r) return 'block';
  return 'written' in r ? String(r.written) : String(r.bytes.length);
};

// Each step: [op, bytes]. w = non-blocking write, r = non-blocking read, cw = close write end.
const STEPS: Array<[string, number]> = [
  ['w', 65536],
  ['w', 1],
  ['r', 4096],
  ['w', 4096],
  ['w', 1],
  ['r', 70000],
  ['r', 10],
  ['w', 70000],
  ['r', 65536],
  ['w', 100],
  ['r', 50],
  ['r', 100],
  ['cw', 0],
  ['r', 10],
];

describe('pipe vs a host pipe', () => {
  it('gives the same results for the same non-blocking sequence', () => {
    const c = `#define _GNU_SOURCE
#include <stdio.h>
#include <unistd.h>
#include <fcntl.h>
#include <errno.h>
static char buf[70000];
int main(void){ int p[2]; pipe2(p, O_NONBLOCK);
  printf("cap %d\\n", fcntl(p[0], F_GETPIPE_SZ));
  ${STEPS.map(
    ([op, n]) =>
      op === 'cw'
        ? 'close(p[1]); printf("cw\\n");'
        : `{ long r = ${op === 'w' ? `write(p[1], buf, ${n})` : `read(p[0], buf, ${n})`}; printf("%ld\\n", r < 0 ? -(long)errno : r); }`,
  ).join('\n  ')}
}`;
    const native = runC(c).trim().split('\n');
    expect(native[0]).toBe(`cap ${PIPE_CAPACITY}`);

    const pipe = new Pipe();
    pipe.readers = 1;
    pipe.writers = 1;
    const ours = STEPS.map(([op, n]) => {
      if (op === 'cw') {
        pipe.closeEnd('write');
        return 'cw';
      }
      const r = op === 'w' ? pipe.write(new Uint8Array(n), true) : pipe.read(n, true);
      return show(r);
    });
    expect(ours).toEqual(native.slice(1));
  });

  it('EPIPE and SIGPIPE for a writer with no readers, as on the host', () => {
    const native = runC(`#include <stdio.h>
#include <unistd.h>
#include <signal.h>
#include <errno.h>
static volatile int got;
static void h(int s){ got = s; }
int main(void){ int p[2]; pipe(p); signal(SIGPIPE, h); close(p[0]);
  long r = write(p[1], "x", 1); printf("%ld %d %d\\n", r, errno, got); }`).trim();
    const pipe = new Pipe();
    pipe.readers = 1;
    pipe.writers = 1;
    pipe.closeEnd('read');
    const r = pipe.write(Uint8Array.of(0x78), false);
    expect(r).toEqual({ errno: EPIPE, sigpipe: true });
    expect(native).toBe(`-1 ${EPIPE} 13`);
  });
});

describe('pipe poll events vs the host', () => {
  it('reports the same revents as poll(2) on a host pipe in each state', () => {
    const native = runC(`#define _GNU_SOURCE
#include <stdio.h>
#include <unistd.h>
#include <fcntl.h>
#include <poll.h>
static char big[65536];
static void show(int r, int w) {
  struct pollfd p[2] = {{r, POLLIN | POLLOUT, 0}, {w, POLLIN | POLLOUT, 0}};
  poll(p, 2, 0);
  printf("%d %d\\n", r < 0 ? -1 : p[0].revents, w < 0 ? -1 : p[1].revents);
}
int main(void){ int p[2]; pipe2(p, O_NONBLOCK);
  show(p[0], p[1]);
  write(p[1], "x", 1); show(p[0], p[1]);
  write(p[1], big, sizeof big); show(p[0], p[1]);
  read(p[0], big, 4096); show(p[0], p[1]);
  close(p[1]); show(p[0], -1);
  read(p[0], big, sizeof big); show(p[0], -1);
  int q[2]; pipe2(q, O_NONBLOCK); close(q[0]); show(-1, q[1]);
}`)
      .trim()
      .split('\n');
    const p = new Pipe();
    p.readers = 1;
    p.writers = 1;
    const ours: string[] = [];
    const show = (r: boolean, w: boolean, pipe = p): void => {
      // POLLIN on the read end, POLLOUT on the write end: the events each end can report.
      ours.push(`${r ? pipe.pollEvents('read') : -1} ${w ? pipe.pollEvents('write') : -1}`);
    };
    show(true, true);
    p.write(Uint8Array.of(1), true);
    show(true, true);
    p.write(new Uint8Array(65536), true);
    show(true, true);
    p.read(4096, true);
    show(true, true);
    p.closeEnd('write');
    show(true, false);
    p.read(65536, true);
    show(true, false);
    const q = new Pipe();
    q.readers = 0;
    q.writers = 1;
    show(false, true, q);
    expect(ours).toEqual(native);
  });
});

describe('pipe(7) rules', () => {
  const fresh = (): Pipe => {
    const p = new Pipe();
    p.readers = 1;
    p.writers = 1;
    return p;
  };

  it('keeps bytes in order across the ring wrap', () => {
    const p = fresh();
    const a = new Uint8Array(PIPE_CAPACITY - 10).map((_, i) => i & 0xff);
    expect(p.write(a, true)).toEqual({ written: a.length });
    expect(show(p.read(PIPE_CAPACITY - 20, true))).toBe(String(PIPE_CAPACITY - 20));
    expect(p.write(Uint8Array.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15), true)).toEqual({ written: 15 });
    const r = p.read(100, true);
    expect('bytes' in r && Array.from(r.bytes)).toEqual([...Array.from(a.subarray(PIPE_CAPACITY - 20)), 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15]);
  });

  it('writes of at most PIPE_BUF bytes are all-or-nothing', () => {
    const p = fresh();
    p.write(new Uint8Array(PIPE_CAPACITY - 100), true);
    expect(p.write(new Uint8Array(101), true)).toEqual({ errno: EAGAIN });
    expect(p.buffered).toBe(PIPE_CAPACITY - 100);
    const blocking = p.write(new Uint8Array(PIPE_BUF), false);
    expect(isBlocked(blocking)).toBe(true);
    expect(p.buffered).toBe(PIPE_CAPACITY - 100);
    // Larger writes may be split: the 100 free bytes are taken.
    expect(p.write(new Uint8Array(PIPE_BUF + 1), true)).toEqual({ written: 100 });
  });

  it('blocks readers on an empty pipe and wakes them on write; EOF once writers are gone', () => {
    const p = fresh();
    const r = p.read(10, false);
    expect(isBlocked(r)).toBe(true);
    let woke = 0;
    if (isBlocked(r)) r.blocked.once(() => woke++);
    p.write(Uint8Array.of(1, 2), false);
    expect(woke).toBe(1);
    expect(show(p.read(10, false))).toBe('2');
    p.closeEnd('write');
    expect(show(p.read(10, false))).toBe('0');
  });

  it('wakes a blocked writer when a reader drains, and on reader close', () => {
    const p = fresh();
    p.write(new Uint8Array(PIPE_CAPACITY), true);
    const w = p.write(Uint8Array.of(1), false);
    expect(isBlocked(w)).toBe(true);
    let woke = 0;
    p.writeWait.subscribe(() => woke++);
    p.read(1, false);
    expect(woke).toBe(1);
    p.closeEnd('read');
    expect(woke).toBe(2);
    expect(p.write(Uint8Array.of(1), false)).toEqual({ errno: EPIPE, sigpipe: true });
  });

  it('reports poll events for both ends', () => {
    const p = fresh();
    expect(p.pollEvents('read')).toBe(0);
    expect(p.pollEvents('write')).toBe(POLLOUT);
    p.write(Uint8Array.of(1), true);
    expect(p.pollEvents('read')).toBe(POLLIN);
    p.write(new Uint8Array(PIPE_CAPACITY - 1), true);
    expect(p.pollEvents('write')).toBe(0);
    p.closeEnd('write');
    expect(p.pollEvents('read')).toBe(POLLIN | POLLHUP);
    const q = fresh();
    q.closeEnd('read');
    expect(q.pollEvents('write')).toBe(POLLOUT | POLLERR);
  });

  it('closing the last descriptor of an end (through the fd table) is what the other end sees', () => {
    const vfs = new Vfs({ clock: () => ({ sec: 0n, nsec: 0 }) });
    const t = new FdTable(64, vfs.release);
    const { read, write, pipe } = vfs.createPipe();
    const rfd = t.install(read, false);
    const wfd = t.install(write, false);
    const child = t.fork();
    t.close(wfd);
    expect(pipe.writers).toBe(1); // the child still holds the write end
    child.closeAll();
    expect(pipe.writers).toBe(0);
    expect(show(vfs.read(t.get(rfd)!.file, 5))).toBe('0');
    expect(vfs.lseek(t.get(rfd)!.file, 0, 0)).toBe(-29); // ESPIPE
  });
});
