// What the vDSO bookkeeping (vdso-calls.ts) needs to know about one architecture's
// vDSO: its image, its public functions, how to walk its instructions, and where the
// registers/stack hold the clock id and the two return addresses at a counter read.

import type { AddressSpace } from '../mm/address-space.js';
import type { VdsoImage } from './vdso-elf.js';

/** One instruction of the image, as the fast-path walk sees it. */
export interface VdsoStep {
  length: number;
  /** Image offset a call (call / bl) goes to; null for anything else. */
  call: number | null;
  ret: boolean;
}

/** The state of a counter read (rdtsc / mrs CNTVCT_EL0) made by user code. */
export interface VdsoClockRead {
  /** Offset of the reading instruction from the vDSO base. */
  off: number;
  /** Where the shared reader returns in the public function (offset from the base). */
  inner: number;
  /** Where the public function returns in the program: tells one call from the next. */
  caller: number;
  clock: number;
}

export interface VdsoAbi {
  readonly img: VdsoImage;
  /** Public functions the kernel reports: [symbol, name in vdso-call events]. */
  readonly functions: readonly (readonly [string, string])[];
  step(at: number): VdsoStep;
  /** null unless the CPU is in user mode with readable state. */
  clockRead(mm: AddressSpace, base: number): VdsoClockRead | null;
}
