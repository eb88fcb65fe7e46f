// Memory syscalls: brk, mmap, munmap, mprotect over the VMA list (mm/mmap.c in spirit).

import { PAGE_SIZE } from '../../mm/phys-memory.js';
import { EACCES, EBADF, EEXIST, EINVAL, ENOMEM, EPERM } from '../errno.js';
import { pageDown, pageUp } from '../mm/address-space.js';
import { MAP_ANONYMOUS, MAP_FIXED, MAP_FIXED_NOREPLACE, MAP_GROWSDOWN, MAP_PRIVATE, MAP_SHARED, PROT_EXEC, PROT_READ, PROT_WRITE } from '../mm/vma.js';
import { argAddr, argNum, type SysCtx, type SysResult } from './context.js';
import { SharedPages } from '../mm/shared-pages.js';
import type { VmaBacking } from '../mm/vma.js';

const MMAP_MIN_ADDR = 0x10000; // vm.mmap_min_addr

/** brk(2): returns the new break, or the old one when the request cannot be met. */
export function sysBrk(ctx: SysCtx): SysResult {
  const mm = ctx.mm;
  const want = argAddr(ctx, 0);
  if (want < mm.brkStart || want >= mm.userTop) return BigInt(mm.brk);
  const oldEnd = pageUp(mm.brk);
  const newEnd = pageUp(want);
  if (newEnd > oldEnd) {
    if (mm.vmas.overlaps(oldEnd, newEnd + PAGE_SIZE)) return BigInt(mm.brk); // stays clear of the next mapping
    if (mm.committed + (newEnd - oldEnd) > mm.limitBytes) return BigInt(mm.brk);
    const heap = mm.vmas.areas.find((v) => v.name === '[heap]');
    if (heap) heap.end = newEnd;
    else mm.vmas.insert({ start: pageUp(mm.brkStart), end: newEnd, prot: PROT_READ | PROT_WRITE, shared: false, growsDown: false, name: '[heap]', backing: null, special: false });
    mm.committed += newEnd - oldEnd;
  } else if (newEnd < oldEnd) {
    mm.unmapRange(newEnd, oldEnd);
    mm.vmas.remove(newEnd, oldEnd);
    mm.committed -= oldEnd - newEnd;
  }
  mm.brk = want;
  return BigInt(want);
}

export function sysMmap(ctx: SysCtx): SysResult {
  const mm = ctx.mm;
  const addr = argAddr(ctx, 0);
  const length = argNum(ctx, 1);
  const prot = argNum(ctx, 2);
  const flags = argNum(ctx, 3);
  const fd = Number(BigInt.asIntN(32, ctx.args[4]!));
  const offset = argNum(ctx, 5);
  // mmap(2): a zero length is EINVAL; one the address space cannot hold (or that wraps
  // when rounded up to a page) is ENOMEM (do_mmap, get_unmapped_area).
  if (length === 0) return -EINVAL;
  if (length < 0 || length > mm.userTop) return -ENOMEM;
  if (offset % PAGE_SIZE !== 0 || offset < 0) return -EINVAL;
  const type = flags & (MAP_SHARED | MAP_PRIVATE);
  if (type !== MAP_SHARED && type !== MAP_PRIVATE) return -EINVAL;
  const len = pageUp(length);
  let backing: VmaBacking | null = null;
  let name = '';
  const onFrameWrite = (frame: number) => mm.onFrameWrite?.(frame);
  if ((flags & MAP_ANONYMOUS) === 0) {
    const file = ctx.k.files.mmapSource(ctx.task, fd);
    if (file === 'ebadf') return -EBADF;
    if (file === 'eacces') return -EACCES;
    if (type === MAP_SHARED && prot & PROT_WRITE && !file.writable) return -EACCES;
    backing = { data: file.data, offset, length: Math.max(0, file.data.length - offset), dev: file.dev, inode: file.inode };
    if (type === MAP_SHARED) backing.shared = SharedPages.forFile(ctx.k.mem, file.file, onFrameWrite);
    name = file.path;
  } else if (type === MAP_SHARED) {
    // Shared anonymous memory is a shmem object: fork shares it; /proc shows it as deleted /dev/zero.
    backing = { data: new Uint8Array(0), offset: 0, length: 0, dev: '0:1', inode: 1, shared: new SharedPages(ctx.k.mem, null, onFrameWrite) };
    name = '/dev/zero (deleted)';
  }
  if (mm.committed + len > mm.limitBytes) return -ENOMEM;
  let start: number;
  if (flags & (MAP_FIXED | MAP_FIXED_NOREPLACE)) {
    if (addr % PAGE_SIZE !== 0) return -EINVAL;
    if (addr < 0 || addr + len > mm.userTop) return -ENOMEM; // past TASK_SIZE: get_unmapped_area
    // Below vm.mmap_min_addr only CAP_SYS_RAWIO may map (cap_mmap_addr): the guest runs
    // unprivileged (getuid() = 1000), so EPERM, not the success root gets natively.
    if (addr < MMAP_MIN_ADDR) return -EPERM;
    if (flags & MAP_FIXED_NOREPLACE && mm.vmas.overlaps(addr, addr + len)) return -EEXIST;
    for (const v of mm.vmas.remove(addr, addr + len)) mm.unmapVma(v);
    start = addr;
  } else {
    const hint = pageDown(addr);
    if (hint >= MMAP_MIN_ADDR && hint + len <= mm.userTop && !mm.vmas.overlaps(hint, hint + len)) start = hint;
    else {
      const found = mm.vmas.findFreeTopDown(len, mm.mmapBase, MMAP_MIN_ADDR);
      if (found === null) return -ENOMEM;
      start = found;
    }
  }
  mm.vmas.insert({
    start,
    end: start + len,
    prot: prot & (PROT_READ | PROT_WRITE | PROT_EXEC),
    shared: type === MAP_SHARED,
    growsDown: (flags & MAP_GROWSDOWN) !== 0,
    name,
    backing,
    special: false,
  });
  mm.committed += len;
  return BigInt(start);
}

export function sysMunmap(ctx: SysCtx): SysResult {
  const mm = ctx.mm;
  const addr = argAddr(ctx, 0);
  const length = argNum(ctx, 1);
  if (addr % PAGE_SIZE !== 0 || length <= 0 || addr < 0 || addr + length > mm.userTop) return -EINVAL;
  const end = addr + pageUp(length);
  const removed = mm.vmas.remove(addr, end).filter((v) => !v.special);
  for (const v of removed) {
    mm.unmapVma(v);
    mm.committed -= v.end - v.start;
  }
  return 0;
}

export function sysMprotect(ctx: SysCtx): SysResult {
  const mm = ctx.mm;
  const start = argAddr(ctx, 0);
  const length = argNum(ctx, 1);
  const prot = argNum(ctx, 2);
  if (start % PAGE_SIZE !== 0 || start < 0) return -EINVAL;
  if ((prot & ~(PROT_READ | PROT_WRITE | PROT_EXEC)) !== 0) return -EINVAL;
  const end = start + pageUp(length);
  if (end > mm.userTop) return -ENOMEM;
  // Every page of the range must be mapped (mprotect(2): ENOMEM otherwise).
  for (let p = start; p < end; p += PAGE_SIZE) if (!mm.vmas.find(p)) return -ENOMEM;
  mm.vmas.protect(start, end, prot);
  for (const v of mm.vmas.areas) if (v.start < end && start < v.end) mm.reprotect(v);
  return 0;
}

// msync(2) flags (include/uapi/asm-generic/mman-common.h)
const MS_ASYNC = 1;
const MS_INVALIDATE = 2;
const MS_SYNC = 4;

/**
 * msync(2). Stores through a shared mapping reach the file at once here (the file and
 * its mapped frames are kept coherent, like Linux's single page cache), so there is
 * nothing left to write back: only the argument checks remain, as Linux makes them.
 */
export function sysMsync(ctx: SysCtx): SysResult {
  const start = argAddr(ctx, 0);
  const length = argNum(ctx, 1);
  const flags = argNum(ctx, 2);
  if (flags & ~(MS_ASYNC | MS_INVALIDATE | MS_SYNC)) return -EINVAL;
  if (start % PAGE_SIZE !== 0 || start < 0) return -EINVAL;
  if (flags & MS_ASYNC && flags & MS_SYNC) return -EINVAL;
  const end = start + pageUp(length);
  if (length < 0 || end > ctx.mm.userTop) return -ENOMEM;
  // Every page of the range must be mapped (msync(2): ENOMEM).
  for (let p = start; p < end; p += PAGE_SIZE) if (!ctx.mm.vmas.find(p)) return -ENOMEM;
  return 0;
}
