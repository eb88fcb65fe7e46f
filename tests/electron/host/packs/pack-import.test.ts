import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtemp, readdir, readFile, rm, symlink, writeFile, cp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { importPack } from '../../../../electron/host/packs/pack-import.js';
import { buildPack, zipPackFiles } from '../../../../electron/host/packs/pack-build.js';
import { readPackDir } from '../../../../electron/host/packs/pack-files.js';
import type { PackFiles } from '../../../../electron/host/packs/pack-files.js';
import { PackError } from '../../../../electron/host/packs/pack-issue.js';
import { patchDeclaredSize, zipOf } from './crafted-zips.js';

const EXAMPLE = fileURLToPath(new URL('../../../fixtures/packs/example', import.meta.url));
const OPTS = { appVersion: '0.1.0' };
let work: string;
let userData: string;
let example: PackFiles;

beforeEach(async () => {
  work = await mkdtemp(join(tmpdir(), 'labpack-'));
  userData = join(work, 'userData');
  example = await readPackDir(EXAMPLE);
});
afterEach(async () => {
  await rm(work, { recursive: true, force: true });
});

async function writeZip(name: string, zip: Uint8Array): Promise<string> {
  const path = join(work, name);
  await writeFile(path, zip);
  return path;
}

function exampleEntries(): Record<string, Uint8Array> {
  return Object.fromEntries(example);
}

async function expectRejected(path: string, message: RegExp): Promise<void> {
  const err = await importPack(path, userData, OPTS).then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(PackError);
  expect((err as Error).message).toMatch(message);
  // Nothing may be installed, not even a staging folder.
  const installed = await readdir(join(userData, 'packs', 'example.syscall-lab')).catch(() => []);
  expect(installed).toEqual([]);
}

describe('importPack', () => {
  it('installs a built .labpack into packs/<id>/<version>/ byte for byte', async () => {
    const out = join(work, 'example.labpack');
    const built = await buildPack(EXAMPLE, out, OPTS);
    expect(built.files).toBe(example.size);
    const result = await importPack(out, userData, OPTS);
    expect(result.installDir).toBe(join(userData, 'packs', 'example.syscall-lab', '1.2.0'));
    for (const [path, data] of example) {
      expect(new Uint8Array(await readFile(join(result.installDir, path)))).toEqual(data);
    }
    // Re-importing the same version replaces it cleanly.
    await importPack(out, userData, OPTS);
    expect(await readdir(join(userData, 'packs', 'example.syscall-lab'))).toEqual(['1.2.0']);
  });

  it('builds the same bytes twice', async () => {
    expect(zipPackFiles(example)).toEqual(zipPackFiles(await readPackDir(EXAMPLE)));
  });

  it('accepts a zip of the pack folder itself (one root folder, macOS __MACOSX entries)', async () => {
    const entries: Record<string, Uint8Array> = {};
    for (const [path, data] of example) entries[`example/${path}`] = data;
    entries['__MACOSX/example/._labpack.yaml'] = new Uint8Array([0, 5, 22, 7]);
    const result = await importPack(await writeZip('zipped-folder.labpack', zipOf(entries)), userData, OPTS);
    expect((await readdir(result.installDir)).sort()).toEqual(['labpack.yaml', 'labs']);
  });

  it('installs a folder pack', async () => {
    const result = await importPack(EXAMPLE, userData, OPTS);
    expect(result.pack.labs.length).toBe(2);
  });

  it.each([
    ['../evil.txt', /zip slip/],
    ['/etc/evil.txt', /absolute path/],
    ['labs\\hello-write\\evil.txt', /backslash/],
    ['C:/evil.txt', /drive letter/],
    ['labs/../../evil.txt', /'\.\.' in path/],
  ])('rejects the zip-slip entry %s', async (name, message) => {
    const path = await writeZip('slip.labpack', zipOf({ ...exampleEntries(), [name]: new TextEncoder().encode('x') }));
    await expectRejected(path, message);
    expect(await readdir(work)).not.toContain('evil.txt');
  });

  it('rejects a zip entry with symlink mode bits', async () => {
    const link: [Uint8Array, { attrs: number; os: number }] = [new TextEncoder().encode('/etc/passwd'), { attrs: (0o120777 << 16) >>> 0, os: 3 }];
    const path = await writeZip('link.labpack', zipOf({ ...exampleEntries(), 'labs/hello-write/passwd.txt': link }));
    await expectRejected(path, /symbolic links are not allowed/);
  });

  it('rejects a folder pack containing a symlink', async () => {
    const dir = join(work, 'pack');
    await cp(EXAMPLE, dir, { recursive: true });
    await symlink('/etc/passwd', join(dir, 'labs', 'hello-write', 'passwd.txt'));
    await expectRejected(dir, /symbolic links are not allowed/);
  });

  it('rejects a pack that declares more than 50 MB uncompressed', async () => {
    const big = new Uint8Array(50 * 1024 * 1024 + 1);
    const path = await writeZip('big.labpack', zipOf({ ...exampleEntries(), 'labs/hello-write/big.txt': big }));
    await expectRejected(path, /declares \d+ bytes uncompressed, more than the limit of 52428800/);
  });

  it('counts while inflating: an entry that lies about its size is rejected', async () => {
    const bomb = zipOf({ ...exampleEntries(), 'labs/hello-write/bomb.txt': new Uint8Array(4 * 1024 * 1024) });
    const path = await writeZip('bomb.labpack', patchDeclaredSize(bomb, 'labs/hello-write/bomb.txt', 1000));
    await expectRejected(path, /bomb\.txt: inflates past its declared size .*zip bomb/);
  });

  it('rejects 60 MB of entries that each declare a few bytes (declared total under the limit)', async () => {
    const entries: Record<string, Uint8Array> = exampleEntries();
    for (let i = 0; i < 6; i++) entries[`labs/hello-write/part${i}.txt`] = new Uint8Array(10 * 1024 * 1024);
    const honest = zipOf(entries);
    await expectRejected(await writeZip('honest.labpack', honest), /declares \d+ bytes uncompressed/);
    let lying = honest;
    for (let i = 0; i < 6; i++) lying = patchDeclaredSize(lying, `labs/hello-write/part${i}.txt`, 10);
    await expectRejected(await writeZip('parts.labpack', lying), /part0\.txt: inflates past its declared size/);
  });

  it('rejects names that collide on a case-insensitive disk', async () => {
    const path = await writeZip('case.labpack', zipOf({ ...exampleEntries(), 'labs/hello-write/HELLO.s': new TextEncoder().encode('x') }));
    await expectRejected(path, /HELLO\.s: duplicate entry/);
  });

  it('rejects more than 5,000 files', async () => {
    const entries: Record<string, Uint8Array> = exampleEntries();
    for (let i = 0; i < 5001; i++) entries[`labs/hello-write/many/${i}.txt`] = new Uint8Array(1);
    await expectRejected(await writeZip('many.labpack', zipOf(entries)), /more than the limit of 5000 files/);
  });

  it('rejects schema errors with file:line: field messages', async () => {
    const entries = exampleEntries();
    entries['labpack.yaml'] = new TextEncoder().encode(new TextDecoder().decode(entries['labpack.yaml']).replace('schemaVersion: 1', 'schemaVersion: 2'));
    await expectRejected(await writeZip('schema.labpack', zipOf(entries)), /labpack\.yaml:6: unknown schemaVersion 2 \(expected 1\)/);
  });

  it('rejects a corrupted archive', async () => {
    const zip = zipPackFiles(example);
    const broken = zip.slice();
    broken[60] = (broken[60] ?? 0) ^ 0xff;
    await expectRejected(await writeZip('broken.labpack', broken), /corrupt|CRC/);
    await expectRejected(await writeZip('notzip.labpack', new TextEncoder().encode('hello')), /not a zip file/);
  });
});
