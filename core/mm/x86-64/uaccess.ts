// uaccess-style copies for the kernel (copy_from_user / copy_to_user): translate page by
// page with the access rights of `asUser`, setting A/D bits like a real access, and
// return a fault as a value (DESIGN.md: a fault is a typed value, never an exception).

import type { X86Mmu } from './mmu.js';
import type { PageFaultInfo } from './fault.js';
import { ACCESS_READ, ACCESS_WRITE } from './page-table.js';

const PAGE = 4096;

/** Reads `len` bytes at `va`; the first faulting page's fault otherwise. */
export function readVirt(mmu: X86Mmu, va: number, len: number, asUser: boolean): Uint8Array | PageFaultInfo {
  const out = new Uint8Array(len);
  let done = 0;
  while (done < len) {
    const a = va + done;
    const off = a - Math.floor(a / PAGE) * PAGE;
    const n = Math.min(len - done, PAGE - off);
    const frame = mmu.translateValue(a, ACCESS_READ, asUser);
    if (typeof frame !== 'number') return frame;
    out.set(mmu.physBytes.subarray(frame + off, frame + off + n), done);
    done += n;
  }
  return out;
}

/** Writes `data` at `va`; returns bytes written, or the fault (pages before it are written). */
export function writeVirt(mmu: X86Mmu, va: number, data: Uint8Array, asUser: boolean): number | PageFaultInfo {
  let done = 0;
  while (done < data.length) {
    const a = va + done;
    const off = a - Math.floor(a / PAGE) * PAGE;
    const n = Math.min(data.length - done, PAGE - off);
    const frame = mmu.translateValue(a, ACCESS_WRITE, asUser);
    if (typeof frame !== 'number') return frame;
    const fno = frame / PAGE;
    if (mmu.codeFrames[fno] !== 0) mmu.onCodeWrite(fno);
    mmu.physBytes.set(data.subarray(done, done + n), frame + off);
    done += n;
  }
  return done;
}
