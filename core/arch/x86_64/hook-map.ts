// Kernel hooks by address, with a per-page-offset filter so the run loop can skip the
// Map lookup for almost every kernel instruction: a hook can only be at `rip` when some
// hook shares its offset within the 4 KiB page. Keys of kernel-half addresses are
// negative doubles, whose Map hashing is slow; the filter is one typed-array load.

import type { KernelHook } from './cpu-state.js';

export class HookMap extends Map<number, KernelHook> {
  /** How many hooks sit at each page offset (rip & 0xfff; ToInt32 keeps the low bits of negative addresses). */
  readonly atOffset = new Uint16Array(4096);

  override set(addr: number, hook: KernelHook): this {
    // Map's constructor calls set before the field initialisers have run.
    if (this.atOffset !== undefined && !super.has(addr)) this.atOffset[addr & 0xfff]!++;
    return super.set(addr, hook);
  }

  override delete(addr: number): boolean {
    const had = super.delete(addr);
    if (had) this.atOffset[addr & 0xfff]!--;
    return had;
  }

  override clear(): void {
    super.clear();
    this.atOffset.fill(0);
  }
}
