import { afterEach, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MAX_UPLOAD_BYTES, PackUploads } from '../../../../electron/host/packs/pack-upload.js';
import { readPackDir } from '../../../../electron/host/packs/pack-files.js';
import { zipPackFiles } from '../../../../electron/host/packs/pack-build.js';
import { HostServices } from '../../../../electron/host/services.js';

let uploads: PackUploads | undefined;
afterEach(async () => {
  await uploads?.close();
  uploads = undefined;
});

const bytes = (n: number, fill: number) => new Uint8Array(n).fill(fill);

describe('PackUploads', () => {
  it('appends chunks in order into one file, even when the caller does not wait between them', async () => {
    uploads = new PackUploads();
    const id = await uploads.begin();
    expect(id).toMatch(/^[0-9a-f]{32}$/);
    const sent = await Promise.all([uploads.append(id, 0, bytes(5, 1)), uploads.append(id, 1, bytes(3, 2)), uploads.append(id, 2, bytes(2, 3))]);
    expect(sent).toEqual([5, 8, 10]);
    const { file, cleanup } = await uploads.take(id);
    expect([...readFileSync(file)]).toEqual([1, 1, 1, 1, 1, 2, 2, 2, 3, 3]);
    await cleanup();
    expect(existsSync(dirname(file))).toBe(false);
    await expect(uploads.take(id)).rejects.toThrow(/no upload/);
  });

  it('refuses a chunk out of order', async () => {
    uploads = new PackUploads();
    const id = await uploads.begin();
    await uploads.append(id, 0, bytes(1, 0));
    await expect(uploads.append(id, 2, bytes(1, 0))).rejects.toThrow('expected chunk 1, got 2');
  });

  it('drops an upload that grows past the largest pack', async () => {
    uploads = new PackUploads();
    const id = await uploads.begin();
    await uploads.append(id, 0, new Uint8Array(MAX_UPLOAD_BYTES - 10));
    await expect(uploads.append(id, 1, new Uint8Array(11))).rejects.toThrow(/larger than 51 MiB; packs hold at most 50 MB/);
    await expect(uploads.append(id, 1, new Uint8Array(1))).rejects.toThrow(/no upload/);
  });

  it('forgets an upload that goes quiet', async () => {
    uploads = new PackUploads(20);
    const id = await uploads.begin();
    await uploads.append(id, 0, bytes(4, 7));
    await new Promise((r) => setTimeout(r, 200)); // after the 20 ms idle limit (timers fire in order)
    await expect(uploads.take(id)).rejects.toThrow(/idle for more than/);
  });

  it('refuses an id it never handed out', async () => {
    uploads = new PackUploads();
    await expect(uploads.append('0'.repeat(32), 0, bytes(1, 0))).rejects.toThrow(/no upload 0{32}/);
  });
});

describe('packs.uploadBegin / uploadChunk / import through the host', () => {
  it('installs a pack sent in chunks, and names what is wrong with a bad request', async () => {
    const userDataDir = mkdtempSync(join(tmpdir(), 'syscall-lab-upload-host-'));
    const s = new HostServices({ userDataDir, transport: 'web' });
    try {
      const zip = zipPackFiles(await readPackDir(fileURLToPath(new URL('../../../fixtures/packs/example', import.meta.url))));
      const begun = await s.dispatch('packs.uploadBegin', {});
      if (!begun.ok) throw new Error(begun.error.message);
      const { uploadId } = begun.value as { uploadId: string };
      const third = Math.ceil(zip.length / 3);
      for (let i = 0; i < 3; i++) {
        const part = Buffer.from(zip.subarray(i * third, (i + 1) * third)).toString('base64');
        expect(await s.dispatch('packs.uploadChunk', { uploadId, index: i, base64: part })).toEqual({ ok: true, value: { received: Math.min((i + 1) * third, zip.length) } });
      }
      const imported = await s.dispatch('packs.import', { fileName: 'example.labpack', uploadId });
      expect(imported).toMatchObject({ ok: true, value: { id: 'example.syscall-lab', version: '1.2.0', labs: 2 } });
      const listed = await s.dispatch('labs.list', {});
      expect(listed.ok && (listed.value as { packId: string }[]).some((l) => l.packId === 'example.syscall-lab')).toBe(true);

      // The upload is used up; both or neither of base64/uploadId is refused; a bad id never reaches the store.
      expect(await s.dispatch('packs.import', { fileName: 'example.labpack', uploadId })).toMatchObject({ ok: false, error: { code: 'failed', message: expect.stringMatching(/^example\.labpack was not imported: no upload/) } });
      expect(await s.dispatch('packs.import', { fileName: 'a.labpack' })).toMatchObject({ ok: false, error: { code: 'bad-args' } });
      expect(await s.dispatch('packs.import', { fileName: 'a.labpack', base64: 'AA==', uploadId })).toMatchObject({ ok: false, error: { code: 'bad-args' } });
      expect(await s.dispatch('packs.uploadChunk', { uploadId: '../../etc/passwd', index: 0, base64: 'AA==' })).toMatchObject({ ok: false, error: { code: 'bad-args' } });
    } finally {
      await s.close();
    }
  });
});
