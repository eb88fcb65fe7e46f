// The vvar page: the kernel's time data the vDSO reads from user mode, guarded by
// a seqlock. Layout (this kernel's own; Linux's struct vdso_data differs in detail):
//
//   0x00  u32 seq        odd while the kernel is writing; readers retry until it is even and unchanged
//   0x08  u64 tsc_base   the CPU's time-stamp counter (rdtsc) at the last update
//   0x10  u64 tsc_num    nanoseconds per TSC tick = tsc_num / tsc_den
//   0x18  u64 tsc_den
//   0x20  u32 clock_mask bit n set when clock id n is served here (others fall back to the syscall)
//   0x40  { i64 sec, i64 nsec } per clock id 0..7, as of tsc_base

import type { PhysicalMemory } from '../../mm/phys-memory.js';

export const VVAR_SEQ = 0x00;
export const VVAR_TSC_BASE = 0x08;
export const VVAR_TSC_NUM = 0x10;
export const VVAR_TSC_DEN = 0x18;
export const VVAR_CLOCK_MASK = 0x20;
export const VVAR_CLOCKS = 0x40;

const REALTIME_CLOCKS = [0, 5]; // CLOCK_REALTIME, CLOCK_REALTIME_COARSE
const MONOTONIC_CLOCKS = [1, 4, 6, 7]; // MONOTONIC, MONOTONIC_RAW, MONOTONIC_COARSE, BOOTTIME

export interface VvarSnapshot {
  tsc: number;
  monotonicNs: number;
  realtimeNs: number;
  /** Nanoseconds per TSC tick as a ratio of small integers. */
  num: number;
  den: number;
}

const TWO32 = 4294967296;

/** A non-negative integer below 2^53 as a little-endian u64, without bigint (this runs on every kernel exit). */
function putU64(v: DataView, off: number, n: number): void {
  const hi = Math.floor(n / TWO32);
  v.setUint32(off, n - hi * TWO32, true);
  v.setUint32(off + 4, hi, true);
}

const CLOCK_MASK = [...REALTIME_CLOCKS, ...MONOTONIC_CLOCKS].reduce((m, id) => m | (1 << id), 0);

/** Update the page with the seqlock's odd/even protocol (kernel/time/vsyscall.c). */
export function updateVvar(mem: PhysicalMemory, pa: number, s: VvarSnapshot): void {
  const v = mem.view;
  const seq = v.getUint32(pa + VVAR_SEQ, true);
  v.setUint32(pa + VVAR_SEQ, (seq + 1) >>> 0, true); // odd: readers will retry
  putU64(v, pa + VVAR_TSC_BASE, Math.floor(s.tsc));
  putU64(v, pa + VVAR_TSC_NUM, s.num);
  putU64(v, pa + VVAR_TSC_DEN, s.den);
  const realSec = Math.floor(s.realtimeNs / 1e9);
  const realNsec = Math.floor(s.realtimeNs - realSec * 1e9);
  const monoSec = Math.floor(s.monotonicNs / 1e9);
  const monoNsec = Math.floor(s.monotonicNs - monoSec * 1e9);
  for (const id of REALTIME_CLOCKS) {
    putU64(v, pa + VVAR_CLOCKS + id * 16, realSec);
    putU64(v, pa + VVAR_CLOCKS + id * 16 + 8, realNsec);
  }
  for (const id of MONOTONIC_CLOCKS) {
    putU64(v, pa + VVAR_CLOCKS + id * 16, monoSec);
    putU64(v, pa + VVAR_CLOCKS + id * 16 + 8, monoNsec);
  }
  v.setUint32(pa + VVAR_CLOCK_MASK, CLOCK_MASK, true);
  v.setUint32(pa + VVAR_SEQ, (seq + 2) >>> 0, true); // even again: a consistent snapshot
}
