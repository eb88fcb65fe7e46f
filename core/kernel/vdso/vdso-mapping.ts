// The vDSO and its vvar page: one frame each, shared by every process, mapped at exec
// below the mmap base (so it moves with the mmap base's randomization). The image is the
// machine's architecture's (x86-64 or AArch64, the latter holding the sigreturn trampoline
// too). The cycle counter (rdtsc / CNTVCT_EL0) reads the kernel's cycle clock, so vvar only
// needs its time base refreshed at timer ticks.

import { PAGE_SIZE } from '../../mm/phys-memory.js';
import type { Kernel } from '../kernel.js';
import type { AddressSpace } from '../mm/address-space.js';
import { PROT_EXEC, PROT_READ } from '../mm/vma.js';
import { arm64VdsoAbi } from './arm64-vdso-abi.js';
import { updateVvar } from './vvar.js';
import { VdsoCalls } from './vdso-calls.js';
import { x86VdsoAbi } from './x86-vdso-abi.js';

export class VdsoMapping {
  private readonly vvarPa: number;
  private readonly vdsoPa: number;
  /** Calls into the vDSO, seen through their clock reads (vdso-call events). */
  readonly calls: VdsoCalls;

  constructor(private readonly k: Kernel) {
    this.vvarPa = k.mem.allocFrame();
    this.vdsoPa = k.mem.allocFrame();
    const abi = k.arch === 'arm64' ? arm64VdsoAbi(k) : x86VdsoAbi(k);
    k.mem.bytes.set(abi.img.bytes, this.vdsoPa);
    this.calls = new VdsoCalls(k, abi);
    k.archOps.setCounterSource(() => {
      const t = this.tsc();
      this.calls.onClockRead(t);
      return t;
    });
    this.refresh();
  }

  /** Physical address of the vvar page (what the vDSO reads through its mapping). */
  get vvarAddress(): number {
    return this.vvarPa;
  }

  /** Map [vvar] and [vdso] below the mmap base; returns the vDSO's address (AT_SYSINFO_EHDR). */
  map(mm: AddressSpace): number {
    const base = mm.vmas.findFreeTopDown(2 * PAGE_SIZE, mm.mmapBase, 0x10000);
    if (base === null) throw new Error('no room for the vDSO');
    mm.vmas.insert({ start: base, end: base + PAGE_SIZE, prot: PROT_READ, shared: false, growsDown: false, name: '[vvar]', backing: null, special: true });
    mm.vmas.insert({ start: base + PAGE_SIZE, end: base + 2 * PAGE_SIZE, prot: PROT_READ | PROT_EXEC, shared: false, growsDown: false, name: '[vdso]', backing: null, special: true });
    mm.port.map(mm.root, base, this.vvarPa, { read: true, write: false, exec: false, user: true });
    mm.port.map(mm.root, base + PAGE_SIZE, this.vdsoPa, { read: true, write: false, exec: true, user: true });
    mm.vdsoBase = base + PAGE_SIZE;
    return base + PAGE_SIZE;
  }

  /** The time-stamp counter rdtsc (CNTVCT_EL0 on arm64) reads: emulated cycles since boot, idle time included. */
  tsc(): number {
    return this.k.monotonicNs() * this.k.meter.table.cyclesPerNs;
  }

  /**
   * Publish the time base to vvar (seqlock odd/even), as the timer tick does. Because the
   * TSC counts every emulated cycle, the vDSO's base + (tsc - tsc_base) / cycles-per-ns stays
   * exact between updates, whatever the kernel charged meanwhile.
   */
  refresh(): void {
    const cpn = this.k.meter.table.cyclesPerNs;
    // A fractional clock rate becomes num/den with den >= 1 (a den of 0 would fault the vDSO's div).
    const scale = Number.isInteger(cpn) ? 1 : 1_000_000;
    const mono = this.k.monotonicNs();
    updateVvar(this.k.mem, this.vvarPa, {
      tsc: mono * cpn,
      monotonicNs: mono,
      realtimeNs: this.k.realtimeBaseNs + mono,
      num: scale,
      den: Math.max(1, Math.round(cpn * scale)),
    });
  }
}
