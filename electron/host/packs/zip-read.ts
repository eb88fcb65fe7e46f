// A deliberately strict .labpack (zip) reader. fflate's unzip does not expose
// external attributes and inflates whole entries at once, so the central
// directory is parsed here (APPNOTE.TXT 6.3.x §4.3.12, §4.3.16) and entries are
// inflated in small slices, counting bytes as they appear (zip-bomb guard).

import { Inflate } from 'fflate';
import { DEFAULT_PACK_LIMITS, unsafePathReason } from './pack-limits.js';
import type { PackLimits } from './pack-limits.js';
import { PackError } from './pack-issue.js';
import type { PackFiles } from './pack-files.js';
import { crc32 } from './crc32.js';

const SIG_EOCD = 0x06054b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_LOCAL = 0x04034b50;
const S_IFMT = 0o170000;
const S_IFREG = 0o100000;
const S_IFDIR = 0o040000;
const S_IFLNK = 0o120000;
const INFLATE_SLICE = 4096;

interface CentralEntry {
  name: string;
  flags: number;
  method: number;
  crc: number;
  compressedSize: number;
  size: number;
  externalAttrs: number;
  localOffset: number;
}

export function readPackZip(zip: Uint8Array, limits: PackLimits = DEFAULT_PACK_LIMITS): PackFiles {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  const entries = readCentralDirectory(zip, view, limits);
  let declared = 0;
  for (const e of entries) declared += e.size;
  if (declared > limits.maxTotalBytes) {
    throw new PackError(`pack declares ${declared} bytes uncompressed, more than the limit of ${limits.maxTotalBytes}`);
  }
  const files: PackFiles = new Map();
  const budget = { remaining: limits.maxTotalBytes };
  for (const e of entries) {
    if (e.name.endsWith('/')) continue;
    files.set(e.name, extract(zip, view, e, budget, limits));
  }
  return files;
}

function readCentralDirectory(zip: Uint8Array, view: DataView, limits: PackLimits): CentralEntry[] {
  const eocd = findEocd(view);
  if (eocd < 0) throw new PackError('not a zip file (no end-of-central-directory record)');
  const total = view.getUint16(eocd + 10, true);
  const cdSize = view.getUint32(eocd + 12, true);
  const cdOffset = view.getUint32(eocd + 16, true);
  if (view.getUint16(eocd + 4, true) !== 0 || view.getUint16(eocd + 6, true) !== 0) throw new PackError('multi-disk zips are not supported');
  if (total === 0xffff || cdOffset === 0xffffffff || cdSize === 0xffffffff) throw new PackError('zip64 archives are not supported');
  if (total > limits.maxFiles) throw new PackError(`pack has ${total} entries, more than the limit of ${limits.maxFiles} files`);
  if (cdOffset + cdSize > eocd) throw new PackError('corrupt zip: central directory out of range');

  const decoder = new TextDecoder('utf-8');
  const entries: CentralEntry[] = [];
  const names = new Set<string>();
  let p = cdOffset;
  for (let i = 0; i < total; i++) {
    if (p + 46 > zip.length || view.getUint32(p, true) !== SIG_CENTRAL) throw new PackError('corrupt zip: bad central directory entry');
    const madeBy = view.getUint16(p + 4, true);
    const nameLen = view.getUint16(p + 28, true);
    const extraLen = view.getUint16(p + 30, true);
    const commentLen = view.getUint16(p + 32, true);
    const entry: CentralEntry = {
      flags: view.getUint16(p + 8, true),
      method: view.getUint16(p + 10, true),
      crc: view.getUint32(p + 16, true),
      compressedSize: view.getUint32(p + 20, true),
      size: view.getUint32(p + 24, true),
      externalAttrs: view.getUint32(p + 38, true),
      localOffset: view.getUint32(p + 42, true),
      name: decoder.decode(zip.subarray(p + 46, p + 46 + nameLen)),
    };
    p += 46 + nameLen + extraLen + commentLen;

    const reason = unsafePathReason(entry.name);
    if (reason) throw new PackError(`${JSON.stringify(entry.name)}: ${reason} (zip slip)`);
    // Unix hosts (made-by 3) keep st_mode in the high 16 bits (APPNOTE §4.4.15);
    // any host that sets them gets the same scrutiny.
    const mode = entry.externalAttrs >>> 16;
    const type = mode & S_IFMT;
    if (type === S_IFLNK) throw new PackError(`${entry.name}: symbolic links are not allowed in a pack`);
    if ((madeBy >>> 8 === 3 || mode !== 0) && type !== 0 && type !== S_IFREG && type !== S_IFDIR) {
      throw new PackError(`${entry.name}: not a regular file`);
    }
    if (entry.flags & 1) throw new PackError(`${entry.name}: encrypted entries are not supported`);
    if (entry.method !== 0 && entry.method !== 8) throw new PackError(`${entry.name}: compression method ${entry.method} is not supported`);
    if (entry.size === 0xffffffff || entry.compressedSize === 0xffffffff) throw new PackError('zip64 archives are not supported');
    // Case-folded: on macOS and Windows `Lab.yaml` and `lab.yaml` are one file.
    const folded = entry.name.toLowerCase();
    if (names.has(folded)) throw new PackError(`${entry.name}: duplicate entry (names differ only in case or repeat)`);
    names.add(folded);
    entries.push(entry);
  }
  return entries;
}

function findEocd(view: DataView): number {
  const min = Math.max(0, view.byteLength - 22 - 0xffff);
  for (let i = view.byteLength - 22; i >= min; i--) {
    if (view.getUint32(i, true) === SIG_EOCD) return i;
  }
  return -1;
}

function extract(zip: Uint8Array, view: DataView, e: CentralEntry, budget: { remaining: number }, limits: PackLimits): Uint8Array {
  const lh = e.localOffset;
  if (lh + 30 > zip.length || view.getUint32(lh, true) !== SIG_LOCAL) throw new PackError(`${e.name}: corrupt zip (bad local header)`);
  const start = lh + 30 + view.getUint16(lh + 26, true) + view.getUint16(lh + 28, true);
  const end = start + e.compressedSize;
  if (end > zip.length) throw new PackError(`${e.name}: corrupt zip (data out of range)`);
  const raw = zip.subarray(start, end);

  const tooBig = (): PackError =>
    new PackError(`${e.name}: inflates past its declared size or the ${limits.maxTotalBytes}-byte pack limit (zip bomb?)`);
  let out: Uint8Array;
  if (e.method === 0) {
    if (e.compressedSize !== e.size) throw new PackError(`${e.name}: stored entry size mismatch`);
    out = raw.slice();
  } else {
    out = new Uint8Array(e.size);
    let written = 0;
    const inflater = new Inflate((chunk) => {
      // Count while inflating: the declared size may lie.
      if (written + chunk.length > e.size || chunk.length > budget.remaining) throw tooBig();
      out.set(chunk, written);
      written += chunk.length;
      budget.remaining -= chunk.length;
    });
    try {
      for (let i = 0; i < raw.length; i += INFLATE_SLICE) {
        inflater.push(raw.subarray(i, Math.min(raw.length, i + INFLATE_SLICE)), i + INFLATE_SLICE >= raw.length);
      }
      if (raw.length === 0) inflater.push(new Uint8Array(0), true);
    } catch (err) {
      if (err instanceof PackError) throw err;
      throw new PackError(`${e.name}: corrupt deflate data (${(err as Error).message})`);
    }
    if (written !== e.size) throw new PackError(`${e.name}: inflated to ${written} bytes, declared ${e.size}`);
    return checkCrc(e, out);
  }
  if (out.length > budget.remaining) throw tooBig();
  budget.remaining -= out.length;
  return checkCrc(e, out);
}

function checkCrc(e: CentralEntry, data: Uint8Array): Uint8Array {
  if (crc32(data) !== e.crc) throw new PackError(`${e.name}: CRC mismatch (corrupt zip)`);
  return data;
}
