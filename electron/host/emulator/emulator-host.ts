// Owns the core worker: sends requests, enforces the wall-clock limit, and replaces a
// worker that throws, hangs or exits. The host process itself never goes down with it.

import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { WorkerFault } from '../../common/types.js';
import { assertNever, type WorkerReply, type WorkerRequest } from './protocol.js';

export class WorkerFailure extends Error {
  constructor(readonly fault: WorkerFault) {
    super(fault.message);
    this.name = 'WorkerFailure';
  }
}

interface Pending {
  resolve: (value: unknown) => void;
  reject: (err: Error) => void;
  timer: NodeJS.Timeout;
  /** Re-arms the wall-clock limit: a worker that reports progress is working, not hung. */
  rearm: () => void;
  onProgress?: ((value: unknown) => void) | undefined;
}

export interface EmulatorHostOptions {
  /** Wall-clock limit for one request, in ms. */
  defaultTimeoutMs?: number;
  workerPath?: string;
  onFault?: (fault: WorkerFault) => void;
}

type RequestBody = WorkerRequest extends infer R ? (R extends { id: number } ? Omit<R, 'id'> : never) : never;

/** dist/ holds the compiled worker; from sources (tests) we point at the built copy. */
export function defaultWorkerPath(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const sibling = join(here, 'worker.js');
  if (existsSync(sibling)) return sibling;
  return resolve(here, '../../../dist/electron/host/emulator/worker.js');
}

export class EmulatorHost {
  private worker!: Worker;
  private nextId = 1;
  private pending = new Map<number, Pending>();
  private ready!: Promise<void>;
  generation = 0;
  restarts = 0;
  private closed = false;
  private readonly timeoutMs: number;
  /** Shared with the worker: set to stop a run between slices (the worker is too busy to read messages). */
  private interruptFlag = new Int32Array(new SharedArrayBuffer(4));
  private readonly workerPath: string;

  constructor(private readonly options: EmulatorHostOptions = {}) {
    this.timeoutMs = options.defaultTimeoutMs ?? 10_000;
    this.workerPath = options.workerPath ?? defaultWorkerPath();
    this.spawn();
  }

  private spawn(): void {
    this.generation += 1;
    const generation = this.generation;
    this.interruptFlag = new Int32Array(new SharedArrayBuffer(4));
    const worker = new Worker(this.workerPath, { workerData: { generation, interrupt: this.interruptFlag.buffer } });
    this.worker = worker;
    this.ready = new Promise((resolveReady) => {
      const onReady = (msg: WorkerReply) => {
        if (msg.type === 'ready') {
          worker.off('message', onReady);
          resolveReady();
        }
      };
      worker.on('message', onReady);
    });
    worker.on('message', (msg: WorkerReply) => this.onMessage(msg));
    worker.on('error', (err) => this.fail(worker, { reason: 'threw', message: `the core worker threw: ${err.message}`, generation }));
    worker.on('exit', (code) => this.fail(worker, { reason: 'exited', message: `the core worker exited with code ${code}`, generation }));
  }

  private onMessage(msg: WorkerReply): void {
    switch (msg.type) {
      case 'ready':
        return;
      case 'result': {
        const p = this.take(msg.id);
        p?.resolve(msg.value);
        return;
      }
      case 'error': {
        const p = this.take(msg.id);
        p?.reject(new Error(msg.message));
        return;
      }
      case 'progress': {
        // The worker answers requests one at a time: progress on the one it is running
        // proves it alive, so requests queued behind it (a view refresh sent during a long
        // run) must not be counted as hung either.
        for (const waiting of this.pending.values()) waiting.rearm();
        this.pending.get(msg.id)?.onProgress?.(msg.value);
        return;
      }
      default:
        assertNever(msg);
    }
  }

  private take(id: number): Pending | undefined {
    const p = this.pending.get(id);
    if (p) {
      clearTimeout(p.timer);
      this.pending.delete(id);
    }
    return p;
  }

  /** Called for a worker that threw, exited or hung: reject its requests and start a fresh one. */
  private fail(worker: Worker, fault: WorkerFault): void {
    if (worker !== this.worker) return; // a replaced worker's late exit event
    const failed = [...this.pending.values()];
    this.pending.clear();
    for (const p of failed) {
      clearTimeout(p.timer);
      p.reject(new WorkerFailure(fault));
    }
    if (this.closed) return;
    void worker.terminate();
    this.restarts += 1;
    this.options.onFault?.(fault);
    this.spawn();
  }

  async request(body: RequestBody, opts: { timeoutMs?: number; onProgress?: (v: unknown) => void } = {}): Promise<unknown> {
    if (this.closed) throw new Error('the emulator host is closed');
    await this.ready;
    const worker = this.worker;
    const id = this.nextId++;
    const timeoutMs = opts.timeoutMs ?? this.timeoutMs;
    return new Promise((resolvePromise, reject) => {
      const arm = () =>
        setTimeout(() => {
          this.fail(worker, {
            reason: 'hung',
            message: `the core did not answer within ${timeoutMs} ms; it was stopped and restarted`,
            generation: this.generation,
          });
        }, timeoutMs);
      const pending: Pending = {
        resolve: resolvePromise,
        reject,
        timer: arm(),
        rearm: () => {
          clearTimeout(pending.timer);
          pending.timer = arm();
        },
        onProgress: opts.onProgress,
      };
      this.pending.set(id, pending);
      worker.postMessage({ ...body, id } as WorkerRequest);
    });
  }

  /**
   * Ask the request the worker is running (or is about to run: the oldest one waiting)
   * to stop at its next slice; false when nothing is waiting on the worker.
   */
  interrupt(): boolean {
    const oldest = this.pending.keys().next();
    if (oldest.done) return false;
    Atomics.store(this.interruptFlag, 0, oldest.value);
    return true;
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const p of this.pending.values()) {
      clearTimeout(p.timer);
      p.reject(new Error('the emulator host is closing'));
    }
    this.pending.clear();
    await this.worker.terminate();
  }
}
