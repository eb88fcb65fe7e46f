// Character devices: /dev/null, /dev/zero, /dev/urandom (randomness injected so
// runs replay), and terminal endpoints whose output goes to a host callback and
// whose input comes from a queue the host fills (drivers/char/mem.c semantics for
// the first three; a minimal canonical-mode tty for the last).

import { EAGAIN } from '../errno.js';
import { POLLIN, POLLOUT } from './open-flags.js';
import type { ReadResult, WriteResult } from './io-result.js';
import { WaitQueue } from './wait-queue.js';

export interface CharDevice {
  readonly name: string;
  /** A terminal (isatty, TCGETS succeed; lseek → ESPIPE). */
  readonly isTerminal: boolean;
  /** Seekable devices (null/zero/urandom) accept lseek and always report offset 0. */
  readonly seekable: boolean;
  read(n: number, nonblock: boolean): ReadResult;
  write(data: Uint8Array, nonblock: boolean): WriteResult;
  pollEvents(): number;
  /** Queues whose wake-up may change pollEvents(). */
  readonly waitQueues: readonly WaitQueue[];
}

export class NullDevice implements CharDevice {
  readonly name = 'null';
  readonly isTerminal = false;
  readonly seekable = true;
  readonly waitQueues: readonly WaitQueue[] = [];
  read(): ReadResult {
    return { bytes: new Uint8Array(0) };
  }
  write(data: Uint8Array): WriteResult {
    return { written: data.length };
  }
  pollEvents(): number {
    return POLLIN | POLLOUT;
  }
}

export class ZeroDevice implements CharDevice {
  readonly name = 'zero';
  readonly isTerminal = false;
  readonly seekable = true;
  readonly waitQueues: readonly WaitQueue[] = [];
  read(n: number): ReadResult {
    return { bytes: new Uint8Array(n) };
  }
  write(data: Uint8Array): WriteResult {
    return { written: data.length };
  }
  pollEvents(): number {
    return POLLIN | POLLOUT;
  }
}

/** Fills a buffer with random bytes; injected so a run replays from its seed. */
export type RandomSource = (out: Uint8Array) => void;

/** A small deterministic generator (splitmix64) for when the host passes only a seed. */
export function seededRandom(seed: bigint): RandomSource {
  let state = BigInt.asUintN(64, seed);
  return (out) => {
    for (let i = 0; i < out.length; i += 8) {
      state = BigInt.asUintN(64, state + 0x9e3779b97f4a7c15n);
      let z = state;
      z = BigInt.asUintN(64, (z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n);
      z = BigInt.asUintN(64, (z ^ (z >> 27n)) * 0x94d049bb133111ebn);
      z ^= z >> 31n;
      for (let b = 0; b < 8 && i + b < out.length; b++) out[i + b] = Number((z >> BigInt(8 * b)) & 0xffn);
    }
  };
}

export class UrandomDevice implements CharDevice {
  readonly name = 'urandom';
  readonly isTerminal = false;
  readonly seekable = true;
  readonly waitQueues: readonly WaitQueue[] = [];
  constructor(private readonly random: RandomSource) {}
  read(n: number): ReadResult {
    const out = new Uint8Array(n);
    this.random(out);
    return { bytes: out };
  }
  write(data: Uint8Array): WriteResult {
    return { written: data.length };
  }
  pollEvents(): number {
    return POLLIN | POLLOUT;
  }
}

/** Receives the guest's bytes written to one terminal endpoint. */
export type TerminalSink = (data: Uint8Array) => void;

/**
 * The input side of a terminal, shared by every endpoint of one session (stdin,
 * stdout and stderr are the same tty on Linux). Input arrives through push();
 * in canonical mode a read returns at most one line and blocks until a newline
 * (or end of input) arrives, as n_tty does. end() is the host's EOF: once the
 * queue drains, reads return 0.
 */
export class TtyInput {
  readonly readWait = new WaitQueue('tty-read');
  private queue: number[] = [];
  private ended = false;
  canonical = true;

  push(data: Uint8Array): void {
    for (const b of data) this.queue.push(b);
    this.readWait.wake();
  }

  end(): void {
    this.ended = true;
    this.readWait.wake();
  }

  get inputEnded(): boolean {
    return this.ended;
  }

  /** Bytes queued (FIONREAD). */
  get pending(): number {
    return this.queue.length;
  }

  readable(): number {
    if (this.queue.length === 0) return 0;
    if (!this.canonical || this.ended) return this.queue.length;
    const nl = this.queue.indexOf(0x0a);
    return nl < 0 ? 0 : nl + 1;
  }

  read(n: number, nonblock: boolean): ReadResult {
    if (n === 0) return { bytes: new Uint8Array(0) };
    const avail = this.readable();
    if (avail === 0) {
      if (this.ended) return { bytes: new Uint8Array(0) };
      return nonblock ? { errno: EAGAIN } : { blocked: this.readWait };
    }
    return { bytes: Uint8Array.from(this.queue.splice(0, Math.min(n, avail))) };
  }
}

/** One terminal endpoint: reads come from the shared TtyInput, writes go to `sink`. */
export class TerminalDevice implements CharDevice {
  readonly isTerminal = true;
  readonly seekable = false;
  readonly waitQueues: readonly WaitQueue[];

  constructor(
    readonly name: string,
    readonly input: TtyInput,
    private readonly sink: TerminalSink,
  ) {
    this.waitQueues = [input.readWait];
  }

  read(n: number, nonblock: boolean): ReadResult {
    return this.input.read(n, nonblock);
  }

  write(data: Uint8Array): WriteResult {
    this.sink(data.slice());
    return { written: data.length };
  }

  pollEvents(): number {
    return (this.input.readable() > 0 || this.input.inputEnded ? POLLIN : 0) | POLLOUT;
  }
}
