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

/** Update the page with the seqlock's odd/even protocol (kernel/time/vsyscall.c). */
export function updateVvar(mem: PhysicalMemory, pa: number, s: VvarSnapshot): void {
  const v = mem.view;
  const seq = v.getUint32(pa + VVAR_SEQ, true);
  v.setUint32(pa + VVAR_SEQ, (seq + 1) >>> 0, true); // odd: readers will retry
  v.setBigUint64(pa + VVAR_TSC_BASE, BigInt(Math.floor(s.tsc)), true);
  v.setBigUint64(pa + VVAR_TSC_NUM, BigInt(s.num), true);
  v.setBigUint64(pa + VVAR_TSC_DEN, BigInt(s.den), true);
  let mask = 0;
  const put = (id: number, ns: number) => {
    const sec = Math.floor(ns / 1e9);
    v.setBigInt64(pa + VVAR_CLOCKS + id * 16, BigInt(sec), true);
    v.setBigInt64(pa + VVAR_CLOCKS + id * 16 + 8, BigInt(Math.floor(ns - sec * 1e9)), true);
    mask |= 1 << id;
  };
  for (const id of REALTIME_CLOCKS) put(id, s.realtimeNs);
  for (const id of MONOTONIC_CLOCKS) put(id, s.monotonicNs);
  v.setUint32(pa + VVAR_CLOCK_MASK, mask, true);
  v.setUint32(pa + VVAR_SEQ, (seq + 2) >>> 0, true); // even again: a consistent snapshot
}
