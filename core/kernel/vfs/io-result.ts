// What a VFS read/write returns. Errors are positive errno values; Blocked carries
// the queue to sleep on (the scheduler subscribes and retries the call on wake-up).

import type { WaitQueue } from './wait-queue.js';

export interface Blocked {
  readonly blocked: WaitQueue;
}

export type ReadResult = { readonly bytes: Uint8Array } | { readonly errno: number } | Blocked;

export type WriteResult =
  | { readonly written: number }
  /** `sigpipe`: the kernel must also send SIGPIPE to the writer (pipe(7)). */
  | { readonly errno: number; readonly sigpipe?: boolean }
  | Blocked;

export const isBlocked = (r: ReadResult | WriteResult): r is Blocked => 'blocked' in r;
export const isError = (r: ReadResult | WriteResult): r is { errno: number; sigpipe?: boolean } => 'errno' in r;
