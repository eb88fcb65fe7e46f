// A .labpack sent by the app in pieces: the web host's WebSocket frames (and any sane
// IPC message) are far smaller than the largest pack we accept, so the renderer sends
// numbered chunks that are appended to a temp file, then asks for the import by id.
// Chunks must arrive in order; an upload that goes quiet is dropped with its file.

import { randomBytes } from 'node:crypto';
import { appendFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_PACK_LIMITS } from './pack-limits.js';

/** A zip of the largest pack we install: its members, stored, plus headers. */
export const MAX_UPLOAD_BYTES = DEFAULT_PACK_LIMITS.maxTotalBytes + 1024 * 1024;
const IDLE_MS = 10 * 60_000;

interface Upload {
  dir: string;
  file: string;
  next: number;
  bytes: number;
  timer: ReturnType<typeof setTimeout>;
  /** Appends run one after another even if the caller does not wait between chunks. */
  writing: Promise<void>;
}

export class UploadError extends Error {}

export class PackUploads {
  private readonly uploads = new Map<string, Upload>();

  constructor(private readonly idleMs = IDLE_MS) {}

  /** Starts an upload; the id names it in append() and take(). */
  async begin(): Promise<string> {
    const id = randomBytes(16).toString('hex');
    const dir = await mkdtemp(join(tmpdir(), 'syscall-lab-upload-'));
    this.uploads.set(id, { dir, file: join(dir, 'upload.labpack'), next: 0, bytes: 0, timer: this.expiry(id), writing: Promise.resolve() });
    return id;
  }

  /** Appends chunk `index` (0, 1, 2, … in order); returns the bytes received so far. */
  async append(id: string, index: number, chunk: Uint8Array): Promise<number> {
    const up = this.get(id);
    if (index !== up.next) throw new UploadError(`upload ${id}: expected chunk ${up.next}, got ${index}`);
    if (up.bytes + chunk.length > MAX_UPLOAD_BYTES) {
      await this.drop(id);
      throw new UploadError(`the pack is larger than ${MAX_UPLOAD_BYTES / (1024 * 1024)} MiB; packs hold at most ${DEFAULT_PACK_LIMITS.maxTotalBytes / (1024 * 1024)} MB`);
    }
    up.next += 1;
    up.bytes += chunk.length;
    clearTimeout(up.timer);
    up.timer = this.expiry(id);
    const bytes = up.bytes;
    up.writing = up.writing.then(() => appendFile(up.file, chunk));
    await up.writing;
    return bytes;
  }

  /** Ends the upload: the caller gets the file and must call the returned cleanup. */
  async take(id: string): Promise<{ file: string; cleanup: () => Promise<void> }> {
    const up = this.get(id);
    clearTimeout(up.timer);
    this.uploads.delete(id);
    await up.writing.catch(() => undefined);
    return { file: up.file, cleanup: () => rm(up.dir, { recursive: true, force: true }) };
  }

  async close(): Promise<void> {
    await Promise.all([...this.uploads.keys()].map((id) => this.drop(id)));
  }

  private get(id: string): Upload {
    const up = this.uploads.get(id);
    if (!up) throw new UploadError(`no upload ${id} (it finished, failed, or was idle for more than ${this.idleMs / 60_000} minutes)`);
    return up;
  }

  private expiry(id: string): ReturnType<typeof setTimeout> {
    const t = setTimeout(() => void this.drop(id), this.idleMs);
    t.unref();
    return t;
  }

  private async drop(id: string): Promise<void> {
    const up = this.uploads.get(id);
    if (!up) return;
    clearTimeout(up.timer);
    this.uploads.delete(id);
    await up.writing.catch(() => undefined);
    await rm(up.dir, { recursive: true, force: true });
  }
}
