// A wait queue: where a blocked reader or writer sleeps. The VFS never sleeps
// itself; it returns the queue in a Blocked result and wakes it when the state
// changes, and the scheduler (subscribed) makes the sleeping task runnable again.

export type Waker = () => void;

export class WaitQueue {
  private readonly subscribers = new Set<Waker>();

  constructor(readonly name: string) {}

  /** Run `waker` on every wake-up until the returned function is called. */
  subscribe(waker: Waker): () => void {
    this.subscribers.add(waker);
    return () => this.subscribers.delete(waker);
  }

  /** Wake once: the subscription is dropped after the first wake-up. */
  once(waker: Waker): () => void {
    const off = this.subscribe(() => {
      off();
      waker();
    });
    return off;
  }

  get waiting(): number {
    return this.subscribers.size;
  }

  wake(): void {
    for (const w of [...this.subscribers]) w();
  }
}
