// Kernel hooks by address, with a per-page-offset index so the run loop can skip the
// Map lookup for almost every kernel instruction: a hook can only be at `rip` when some
// hook shares its offset within the 4 KiB page. Keys of kernel-half addresses are
// negative doubles, whose Map hashing is slow; the index is one typed-array load, and
// an offset with a single hook answers without the Map at all.

import type { KernelHook } from './cpu-state.js';

export class HookMap extends Map<number, KernelHook> {
  /** How many hooks sit at each page offset (addr & 0xfff; ToInt32 keeps the low bits of negative addresses). */
  readonly atOffset = new Uint16Array(4096);
  /** For an offset with exactly one hook: its address and function. */
  private readonly soleAddr = new Float64Array(4096);
  private readonly soleHook: (KernelHook | undefined)[] = [];
  /** Called after any change (the CPU drops decoded instructions, which carry their hook). */
  onChange: (() => void) | undefined;

  override set(addr: number, hook: KernelHook): this {
    super.set(addr, hook);
    // Map's constructor calls set before the field initialisers have run.
    if (this.atOffset !== undefined) this.reindex(addr & 0xfff);
    this.onChange?.();
    return this;
  }

  override delete(addr: number): boolean {
    const had = super.delete(addr);
    if (had) this.reindex(addr & 0xfff);
    this.onChange?.();
    return had;
  }

  override clear(): void {
    super.clear();
    this.atOffset.fill(0);
    this.soleHook.length = 0;
    this.onChange?.();
  }

  /** The hook at `rip`, whose page offset is `off`. */
  find(rip: number, off: number): KernelHook | undefined {
    const n = this.atOffset[off]!;
    if (n === 0) return undefined;
    if (n === 1) return this.soleAddr[off] === rip ? this.soleHook[off] : undefined;
    return this.get(rip);
  }

  private reindex(off: number): void {
    let n = 0;
    for (const [addr, hook] of this) {
      if ((addr & 0xfff) !== off) continue;
      n++;
      this.soleAddr[off] = addr;
      this.soleHook[off] = hook;
    }
    this.atOffset[off] = n;
    if (n !== 1) this.soleHook[off] = undefined;
  }
}
