// A process's address space: its VMAs, its page-table root, brk, and the demand
// paging that fills pages on first touch. uaccess (copy to/from user) goes through
// here too, so a bad pointer handed to a syscall becomes EFAULT, never a crash.

import { PAGE_SIZE, type PhysicalMemory } from '../../mm/phys-memory.js';
import { EV, type CostMeter } from '../../cost/cost-table.js';
import { decodeUtf8 } from '../../util/utf8.js';
import type { PagePort, PageProt } from './page-port.js';
import { PROT_EXEC, PROT_READ, PROT_WRITE, VmaList, type Vma } from './vma.js';

export type FaultOutcome = 'mapped' | 'maperr' | 'accerr';
export type Access = 'read' | 'write' | 'exec';

/** The x86-64 user half's end (2^47); an arm64 address space ends at 2^48 (its KernelArch.layout.taskSize). */
export const USER_TOP = 0x800000000000;
export const STACK_GUARD_GAP = 256 * PAGE_SIZE; // Linux's stack_guard_gap default (1 MiB)
export const STACK_LIMIT = 8 * 1024 * 1024; // RLIMIT_STACK soft limit

const EV_COPY_BYTE = EV.copyByte;

export interface MmCounters {
  minorFaults: number;
}

export function pageDown(a: number): number {
  return Math.floor(a / PAGE_SIZE) * PAGE_SIZE;
}

export function pageUp(a: number): number {
  return Math.ceil(a / PAGE_SIZE) * PAGE_SIZE;
}

export function protOf(vma: Vma): PageProt {
  return { read: (vma.prot & PROT_READ) !== 0, write: (vma.prot & PROT_WRITE) !== 0, exec: (vma.prot & PROT_EXEC) !== 0, user: true };
}

export class AddressSpace {
  vmas = new VmaList();
  brkStart = 0;
  brk = 0;
  mmapBase = 0;
  stackTop = 0;
  /** Where the vDSO image is mapped (AT_SYSINFO_EHDR), 0 before exec. */
  vdsoBase = 0;
  /** Bytes mapped by mmap/brk/stack, checked against the run's memory limit. */
  committed = 0;

  constructor(
    readonly mem: PhysicalMemory,
    readonly port: PagePort,
    readonly root: number,
    readonly counters: MmCounters,
    readonly limitBytes: number,
    /** TASK_SIZE: the first address past this address space's user half. */
    readonly userTop: number = USER_TOP,
  ) {}

  /** Resolve a fault at `va` for `access`: map a page when the VMA allows it. */
  handleFault(va: number, access: Access): FaultOutcome {
    let vma = this.vmas.find(va);
    if (!vma) {
      vma = this.growStack(va);
      if (!vma) return 'maperr';
    }
    if (access === 'write' && (vma.prot & PROT_WRITE) === 0) return 'accerr';
    if (access === 'exec' && (vma.prot & PROT_EXEC) === 0) return 'accerr';
    if (access === 'read' && (vma.prot & (PROT_READ | PROT_WRITE | PROT_EXEC)) === 0) return 'accerr';
    const page = pageDown(va);
    if (this.port.lookup(this.root, page) !== null) return 'accerr'; // present but not permitted
    this.fillPage(vma, page);
    this.counters.minorFaults++;
    return 'mapped';
  }

  /** Map one page of `vma` now, filled from its backing (or zero). */
  fillPage(vma: Vma, page: number): number {
    const shared = vma.backing?.shared;
    if (shared) {
      // Every mapping of a shared object maps the object's own frame.
      const frame = shared.frame((vma.backing!.offset + page - vma.start) / PAGE_SIZE);
      this.port.map(this.root, page, frame, protOf(vma));
      this.port.invalidate(page);
      return frame;
    }
    const frame = this.mem.allocFrame();
    if (vma.backing) {
      const rel = page - vma.start;
      const from = vma.backing.offset + rel;
      const visible = Math.min(PAGE_SIZE, vma.backing.length - rel);
      if (visible > 0) this.mem.bytes.set(vma.backing.data.subarray(from, from + visible), frame);
    }
    this.onFrameWrite?.(frame);
    this.port.map(this.root, page, frame, protOf(vma));
    this.port.invalidate(page);
    return frame;
  }

  /** A fault just below a grows-down VMA extends it, keeping the guard gap to the next VMA. */
  private growStack(va: number): Vma | undefined {
    const stack = this.vmas.areas.find((v) => v.growsDown && va < v.start);
    if (!stack) return undefined;
    const newStart = pageDown(va);
    // RLIMIT_STACK (8 MiB by default) bounds the whole stack, not one step of growth.
    if (stack.end - newStart > STACK_LIMIT) return undefined;
    if (this.committed + (stack.start - newStart) > this.limitBytes) return undefined;
    const below = this.vmas.areas.filter((v) => v.end <= stack.start && v !== stack).pop();
    if (below && newStart - below.end < STACK_GUARD_GAP) return undefined;
    this.committed += stack.start - newStart;
    stack.start = newStart;
    return stack;
  }

  /** Unmap every page of [start, end) and free the frames. */
  unmapRange(start: number, end: number): void {
    for (let page = start; page < end; page += PAGE_SIZE) {
      const frame = this.port.unmap(this.root, page);
      if (frame !== null) {
        this.mem.freeFrame(frame);
        this.port.invalidate(page);
      }
    }
  }

  /** Unmap a VMA's pages; frames of shared objects and the vDSO stay with their owners. */
  unmapVma(vma: Vma): void {
    if (!vma.special && !vma.backing?.shared) {
      this.unmapRange(vma.start, vma.end);
      return;
    }
    for (let page = vma.start; page < vma.end; page += PAGE_SIZE) {
      if (this.port.unmap(this.root, page) !== null) this.port.invalidate(page);
    }
  }

  /** Re-apply a VMA's rights to its already-present pages (after mprotect). */
  reprotect(vma: Vma): void {
    for (let page = vma.start; page < vma.end; page += PAGE_SIZE) {
      if (this.port.protect(this.root, page, protOf(vma))) this.port.invalidate(page);
    }
  }

  /**
   * Set by the kernel: every byte read and write move is charged here at the table's
   * copyByte row, the one place both architectures' syscalls copy through.
   */
  meter: CostMeter | null = null;

  /** copy_from_user: null means EFAULT. Faults inside VMAs are handled on the way. */
  read(va: number, len: number): Uint8Array | null {
    const out = new Uint8Array(len);
    const done = this.copyIn(va, out);
    this.chargeCopy(done);
    return done === len ? out : null;
  }

  /** copy_to_user: false means EFAULT (bytes before the bad page may have been written, as on Linux). */
  write(va: number, data: Uint8Array): boolean {
    const done = this.copyOut(va, data);
    this.chargeCopy(done);
    return done === data.length;
  }

  /**
   * read without a charge: for observers (the strace printer, the vDSO call tracker:
   * PTRACE_PEEKDATA costs the traced program nothing) and for kernel work another row
   * already prices (a signal frame, built and read back, is part of signalDelivery).
   */
  readUncharged(va: number, len: number): Uint8Array | null {
    const out = new Uint8Array(len);
    return this.copyIn(va, out) === len ? out : null;
  }

  /** write without a charge (signal frames, the loader's initial stack; see readUncharged). */
  writeUncharged(va: number, data: Uint8Array): boolean {
    return this.copyOut(va, data) === data.length;
  }

  /** A faulting copy is charged for the bytes it moved before the fault. */
  private chargeCopy(bytes: number): void {
    const m = this.meter;
    if (m !== null && bytes > 0) m.chargeAt(EV_COPY_BYTE, bytes * m.table.copyByte, bytes);
  }

  /** Fill `out` from user memory at `va`; returns the bytes copied (fewer on a fault). */
  private copyIn(va: number, out: Uint8Array): number {
    const len = out.length;
    let done = 0;
    while (done < len) {
      const a = va + done;
      if (a < 0 || a >= this.userTop) return done;
      const page = pageDown(a);
      const off = a - page;
      const n = Math.min(len - done, PAGE_SIZE - off);
      const frame = this.frameFor(page, 'read');
      if (frame === null) return done;
      out.set(this.mem.bytes.subarray(frame + off, frame + off + n), done);
      done += n;
    }
    return done;
  }

  /** Store `data` at `va`; returns the bytes written (fewer on a fault). */
  private copyOut(va: number, data: Uint8Array): number {
    let done = 0;
    while (done < data.length) {
      const a = va + done;
      if (a < 0 || a >= this.userTop) return done;
      const page = pageDown(a);
      const off = a - page;
      const n = Math.min(data.length - done, PAGE_SIZE - off);
      const frame = this.frameFor(page, 'write');
      if (frame === null) return done;
      this.mem.bytes.set(n === data.length ? data : data.subarray(done, done + n), frame + off);
      this.onFrameWrite?.(frame);
      done += n;
    }
    return done;
  }

  /** Set by the CPU glue: the kernel wrote frame contents, so decoded instructions there are stale. */
  onFrameWrite: ((frame: number) => void) | null = null;

  /** NUL-terminated string from user memory, at most `max` bytes; null = EFAULT, 'long' = too long. */
  readCString(va: number, max = 4096): string | null | 'long' {
    const bytes: number[] = [];
    for (let i = 0; i < max; i++) {
      const b = this.read(va + i, 1);
      if (!b) return null;
      if (b[0] === 0) return decodeUtf8(new Uint8Array(bytes));
      bytes.push(b[0]!);
    }
    return 'long';
  }

  private frameFor(page: number, access: Access): number | null {
    const vma = this.vmas.find(page);
    if (!vma) {
      if (this.handleFault(page, access) !== 'mapped') return null;
      return this.port.lookup(this.root, page);
    }
    if (access === 'write' && (vma.prot & PROT_WRITE) === 0) return null;
    if (access === 'read' && (vma.prot & PROT_READ) === 0) return null;
    const present = this.port.lookup(this.root, page);
    if (present !== null) return present;
    return this.fillPage(vma, page);
  }

  /** A copy for fork: same VMAs, private pages duplicated (eager copy, no COW), shared ones shared. */
  cloneInto(child: AddressSpace): void {
    child.vmas = this.vmas.clone();
    child.brkStart = this.brkStart;
    child.brk = this.brk;
    child.mmapBase = this.mmapBase;
    child.stackTop = this.stackTop;
    child.vdsoBase = this.vdsoBase;
    child.committed = this.committed;
    for (const vma of this.vmas.areas) {
      for (let page = vma.start; page < vma.end; page += PAGE_SIZE) {
        const frame = this.port.lookup(this.root, page);
        if (frame === null) continue;
        if (vma.special || vma.backing?.shared) {
          child.port.map(child.root, page, frame, protOf(vma)); // vdso/vvar and MAP_SHARED pages are shared
          continue;
        }
        const copy = this.mem.allocFrame();
        this.mem.bytes.copyWithin(copy, frame, frame + PAGE_SIZE);
        child.onFrameWrite?.(copy);
        child.port.map(child.root, page, copy, protOf(vma));
      }
    }
  }

  /** Unmap everything (exit, exec) and free the table root. */
  destroy(): void {
    for (const vma of this.vmas.areas) this.unmapVma(vma);
    this.vmas = new VmaList();
    this.port.freeRoot(this.root);
  }
}
