// Builders for hostile .labpack files used by the import tests.

import { zipSync } from 'fflate';
import type { Zippable, ZipAttributes } from 'fflate';

export function zipOf(entries: Record<string, Uint8Array | [Uint8Array, ZipAttributes]>): Uint8Array {
  const input: Zippable = {};
  for (const [name, value] of Object.entries(entries)) input[name] = value;
  return zipSync(input, { level: 6 });
}

/** Rewrites the declared uncompressed size of one entry in both headers (a lying zip bomb). */
export function patchDeclaredSize(zip: Uint8Array, name: string, size: number): Uint8Array {
  const out = zip.slice();
  const view = new DataView(out.buffer);
  const nameBytes = new TextEncoder().encode(name);
  let patched = 0;
  for (let p = 0; p + 46 < out.length; p++) {
    const sig = view.getUint32(p, true);
    if (sig === 0x02014b50 && matches(out, p + 46, nameBytes, view.getUint16(p + 28, true))) {
      view.setUint32(p + 24, size, true);
      patched++;
    } else if (sig === 0x04034b50 && matches(out, p + 30, nameBytes, view.getUint16(p + 26, true))) {
      view.setUint32(p + 22, size, true);
      patched++;
    }
  }
  if (patched !== 2) throw new Error(`patched ${patched} headers for ${name}`);
  return out;
}

function matches(buf: Uint8Array, at: number, name: Uint8Array, len: number): boolean {
  if (len !== name.length) return false;
  for (let i = 0; i < len; i++) if (buf[at + i] !== name[i]) return false;
  return true;
}
