// pipe(7): a 64 KiB ring buffer with reader/writer counts.
// - read: data → up to n bytes; empty with no writers → EOF (0 bytes);
//   empty otherwise → EAGAIN (O_NONBLOCK) or block.
// - write: no readers → EPIPE plus SIGPIPE; writes of at most PIPE_BUF bytes are
//   atomic (all or nothing: EAGAIN/block when they do not fit); larger writes may
//   be partial — a blocking writer's syscall keeps writing the rest after wake-up,
//   as pipe_write() loops in the kernel.

import { EAGAIN, EPIPE } from '../errno.js';
import { POLLERR, POLLHUP, POLLIN, POLLOUT } from './open-flags.js';
import type { ReadResult, WriteResult } from './io-result.js';
import { WaitQueue } from './wait-queue.js';

export const PIPE_CAPACITY = 65536;
export const PIPE_BUF = 4096;

export class Pipe {
  private readonly ring = new Uint8Array(PIPE_CAPACITY);
  private head = 0;
  private used = 0;
  readers = 0;
  writers = 0;
  readonly readWait = new WaitQueue('pipe-read');
  readonly writeWait = new WaitQueue('pipe-write');

  get buffered(): number {
    return this.used;
  }

  get free(): number {
    return PIPE_CAPACITY - this.used;
  }

  read(n: number, nonblock: boolean): ReadResult {
    if (n === 0) return { bytes: new Uint8Array(0) };
    if (this.used === 0) {
      if (this.writers === 0) return { bytes: new Uint8Array(0) };
      return nonblock ? { errno: EAGAIN } : { blocked: this.readWait };
    }
    const take = Math.min(n, this.used);
    const out = new Uint8Array(take);
    const first = Math.min(take, PIPE_CAPACITY - this.head);
    out.set(this.ring.subarray(this.head, this.head + first));
    if (take > first) out.set(this.ring.subarray(0, take - first), first);
    this.head = (this.head + take) % PIPE_CAPACITY;
    this.used -= take;
    this.writeWait.wake();
    return { bytes: out };
  }

  write(data: Uint8Array, nonblock: boolean): WriteResult {
    if (this.readers === 0) return { errno: EPIPE, sigpipe: true };
    if (data.length === 0) return { written: 0 };
    const atomic = data.length <= PIPE_BUF;
    if ((atomic && this.free < data.length) || this.free === 0) {
      return nonblock ? { errno: EAGAIN } : { blocked: this.writeWait };
    }
    const n = Math.min(data.length, this.free);
    const tail = (this.head + this.used) % PIPE_CAPACITY;
    const first = Math.min(n, PIPE_CAPACITY - tail);
    this.ring.set(data.subarray(0, first), tail);
    if (n > first) this.ring.set(data.subarray(first, n), 0);
    this.used += n;
    this.readWait.wake();
    return { written: n };
  }

  /** poll(2) events for one end (fs/pipe.c pipe_poll). */
  pollEvents(end: 'read' | 'write'): number {
    if (end === 'read') {
      let ev = this.used > 0 ? POLLIN : 0;
      if (this.writers === 0) ev |= POLLHUP;
      return ev;
    }
    let ev = this.free >= PIPE_BUF ? POLLOUT : 0;
    if (this.readers === 0) ev |= POLLERR;
    return ev;
  }

  /** An end was closed: wake the other side so it sees EOF / EPIPE. */
  closeEnd(end: 'read' | 'write'): void {
    if (end === 'read') {
      this.readers--;
      this.writeWait.wake();
    } else {
      this.writers--;
      this.readWait.wake();
    }
  }
}
