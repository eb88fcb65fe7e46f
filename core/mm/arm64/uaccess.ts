// copy_from_user / copy_to_user for the TypeScript kernel: guest virtual memory
// through the MMU with EL0 or EL1 permissions. A fault is a value, never a throw.
import { ACCESS_READ, ACCESS_WRITE } from './descriptors.js';
import type { Arm64Mmu } from './mmu.js';

export type UaccessResult<T> = { ok: true; value: T } | { ok: false; va: number; fsc: number };

export function readVirt(mmu: Arm64Mmu, va: number, len: number, asEl0: boolean): UaccessResult<Uint8Array> {
  const out = new Uint8Array(len);
  let done = 0;
  while (done < len) {
    const cur = va + done;
    const pa = mmu.translate(cur, ACCESS_READ, asEl0 ? 0 : 1);
    if (pa < 0) return { ok: false, va: cur, fsc: mmu.lastFsc };
    const n = Math.min(len - done, 4096 - (cur & 0xfff));
    out.set(mmu.mem.bytes.subarray(pa, pa + n), done);
    done += n;
  }
  return { ok: true, value: out };
}

/** Checks every page before writing any byte, so a fault leaves memory unchanged. */
export function writeVirt(mmu: Arm64Mmu, va: number, data: Uint8Array, asEl0: boolean): UaccessResult<number> {
  const el = asEl0 ? 0 : 1;
  const chunks: [number, number, number][] = [];
  let done = 0;
  while (done < data.length) {
    const cur = va + done;
    const pa = mmu.translate(cur, ACCESS_WRITE, el);
    if (pa < 0) return { ok: false, va: cur, fsc: mmu.lastFsc };
    const n = Math.min(data.length - done, 4096 - (cur & 0xfff));
    chunks.push([pa, done, n]);
    done += n;
  }
  for (const [pa, from, n] of chunks) mmu.mem.bytes.set(data.subarray(from, from + n), pa);
  return { ok: true, value: data.length };
}
