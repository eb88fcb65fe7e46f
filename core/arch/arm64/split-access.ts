// Loads and stores that are not naturally aligned (SCTLR_EL1.A = 0 permits them
// for Normal memory) or cross a page: translate both pages first so a fault on
// the second page leaves no partial store, then move bytes one at a time.
import { ACCESS_READ, ACCESS_WRITE } from '../../mm/arm64/descriptors.js';
import type { Arm64Cpu } from './cpu.js';

function bytePas(c: Arm64Cpu, va: number, size: number, access: number): number[] | null {
  const first = c.xlate(va, access);
  if (first < 0) return null;
  const last = va + size - 1;
  // A fault on the second page reports its first byte in FAR.
  const crosses = (last & 0xfff) < (va & 0xfff);
  const page2 = crosses ? c.xlate(last - (last & 0xfff), access) : 0;
  if (page2 < 0) return null;
  const second = crosses ? page2 + (last & 0xfff) : first + size - 1;
  const pas: number[] = [];
  for (let i = 0; i < size; i++) {
    const a = va + i;
    const off = a & 0xfff;
    pas.push(off >= (va & 0xfff) ? first - (va & 0xfff) + off : second - (last & 0xfff) + off);
  }
  return pas;
}

export function loadSplit(c: Arm64Cpu, va: number, size: number): boolean {
  const pas = bytePas(c, va, size, ACCESS_READ);
  if (pas === null) return false;
  const bytes = c.mem.bytes;
  let lo = 0;
  let hi = 0;
  for (let i = 0; i < size; i++) {
    const b = bytes[pas[i]!]!;
    if (i < 4) lo |= b << (8 * i);
    else hi |= b << (8 * (i - 4));
  }
  c.tLo = lo >>> 0;
  c.tHi = hi >>> 0;
  return true;
}

export function storeSplit(c: Arm64Cpu, va: number, size: number, lo: number, hi: number): boolean {
  const pas = bytePas(c, va, size, ACCESS_WRITE);
  if (pas === null) return false;
  const bytes = c.mem.bytes;
  for (let i = 0; i < size; i++) bytes[pas[i]!] = i < 4 ? lo >>> (8 * i) : hi >>> (8 * (i - 4));
  return true;
}
