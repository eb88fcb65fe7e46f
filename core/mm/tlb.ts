// A two-way software TLB shared by the x86-64 and ARM64 MMUs.
// It caches virtual page number → physical frame plus an architecture-defined
// permission bitmask, so the hot path of a memory access is one tag compare.
// Each set has a primary slot (the most recently used page, which the MMUs' inlined
// fast paths read directly) and a victim slot: a page evicted from the primary slot
// moves there and swaps back on its next use. Without the second way, two hot pages
// whose numbers differ by a multiple of the size (a vDSO page and a stack page, say)
// would miss on every access, which real set-associative TLBs do not do.
// Page numbers are JS numbers (signed canonical addresses / 4096), so kernel-half
// pages are negative; `vpn & mask` still spreads them (ToInt32 wraps).

export interface TlbStats {
  hits: number;
  misses: number;
  flushes: number;
}

export class Tlb {
  readonly mask: number;
  /** Virtual page number per slot; NaN marks an empty slot (NaN never compares equal). */
  readonly tag: Float64Array;
  /** Physical address of the frame (page aligned) per slot. */
  readonly frame: Float64Array;
  /** Permission bits, meaning chosen by the MMU that fills the TLB. */
  readonly perm: Uint32Array;
  /** The victim way: same layout, same index. */
  private readonly vtag: Float64Array;
  private readonly vframe: Float64Array;
  private readonly vperm: Uint32Array;
  hits = 0;
  misses = 0;
  flushes = 0;

  constructor(readonly entries = 512) {
    if ((entries & (entries - 1)) !== 0) throw new RangeError('TLB size must be a power of two');
    this.mask = entries - 1;
    this.tag = new Float64Array(entries).fill(NaN);
    this.frame = new Float64Array(entries);
    this.perm = new Uint32Array(entries);
    this.vtag = new Float64Array(entries).fill(NaN);
    this.vframe = new Float64Array(entries);
    this.vperm = new Uint32Array(entries);
  }

  /** Returns the slot index holding `vpn` with every bit of `need` set, or -1. Counts a hit or miss. */
  lookup(vpn: number, need: number): number {
    const i = vpn & this.mask;
    if (this.tag[i] === vpn && (this.perm[i]! & need) === need) {
      this.hits++;
      return i;
    }
    if (this.vtag[i] === vpn && (this.vperm[i]! & need) === need) {
      // Swap the ways so the page is primary (most recently used) again.
      const t = this.tag[i]!;
      const f = this.frame[i]!;
      const p = this.perm[i]!;
      this.tag[i] = vpn;
      this.frame[i] = this.vframe[i]!;
      this.perm[i] = this.vperm[i]!;
      this.vtag[i] = t;
      this.vframe[i] = f;
      this.vperm[i] = p;
      this.hits++;
      return i;
    }
    this.misses++;
    return -1;
  }

  insert(vpn: number, frame: number, perm: number): number {
    const i = vpn & this.mask;
    if (this.tag[i] !== vpn) {
      // The primary page becomes the victim (the old victim is evicted).
      this.vtag[i] = this.tag[i]!;
      this.vframe[i] = this.frame[i]!;
      this.vperm[i] = this.perm[i]!;
    } else if (this.vtag[i] === vpn) this.vtag[i] = NaN;
    this.tag[i] = vpn;
    this.frame[i] = frame;
    this.perm[i] = perm;
    return i;
  }

  /** Drop every entry (e.g. on an x86 CR3 write or ARM TLBI VMALLE1). */
  flushAll(): void {
    this.tag.fill(NaN);
    this.vtag.fill(NaN);
    this.flushes++;
  }

  /** Drop every entry except those whose perm has a bit of `keep` (x86 global pages on a CR3 write). */
  flushExcept(keep: number): void {
    const perm = this.perm;
    const vperm = this.vperm;
    for (let i = 0; i <= this.mask; i++) {
      if ((perm[i]! & keep) === 0) this.tag[i] = NaN;
      if ((vperm[i]! & keep) === 0) this.vtag[i] = NaN;
    }
    this.flushes++;
  }

  /** Drop the entry for one page (x86 INVLPG, ARM TLBI VAE1). */
  flushPage(vpn: number): void {
    const i = vpn & this.mask;
    if (this.tag[i] === vpn) this.tag[i] = NaN;
    if (this.vtag[i] === vpn) this.vtag[i] = NaN;
    this.flushes++;
  }

  /** Drop every entry that maps the physical frame at `frame` (used when code on it changes). */
  flushFrame(frame: number): void {
    for (let i = 0; i <= this.mask; i++) {
      if (this.frame[i] === frame) this.tag[i] = NaN;
      if (this.vframe[i] === frame) this.vtag[i] = NaN;
    }
  }

  get stats(): TlbStats {
    return { hits: this.hits, misses: this.misses, flushes: this.flushes };
  }
}
