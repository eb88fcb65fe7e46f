// execve's loader (fs/binfmt_elf.c in spirit): map the PT_LOAD segments with their
// rights, place brk, the stack and the mmap base (randomised unless ASLR is off),
// and build the initial stack: argc, argv, envp, auxv, as the ELF ABI describes.

import { parseElf, type ParsedElf } from '../elf/parse.js';
import { PAGE_SIZE } from '../mm/phys-memory.js';
import { encodeUtf8 } from '../util/utf8.js';
import type { Kernel } from './kernel.js';
import { pageDown, pageUp, type AddressSpace } from './mm/address-space.js';
import { PROT_EXEC, PROT_READ, PROT_WRITE } from './mm/vma.js';
import type { Process, Task } from './task.js';
import { NO_ALT_STACK } from './syscalls/sigaltstack.js';

export class ExecError extends Error {}

// include/uapi/linux/auxvec.h
export const AT = {
  NULL: 0, PHDR: 3, PHENT: 4, PHNUM: 5, PAGESZ: 6, BASE: 7, FLAGS: 8, ENTRY: 9, UID: 11, EUID: 12, GID: 13, EGID: 14,
  PLATFORM: 15, HWCAP: 16, CLKTCK: 17, SECURE: 23, RANDOM: 25, HWCAP2: 26, EXECFN: 31, SYSINFO_EHDR: 33, MINSIGSTKSZ: 51,
} as const;

const MMAP_GAP = 128 * 1024 * 1024; // minimum gap below the stack (MIN_GAP)
const INITIAL_STACK = 132 * 1024;

export interface ExecImage {
  bytes: Uint8Array;
  /** Path shown in /proc/self/maps and AT_EXECFN. */
  path: string;
  inode: number;
}

export interface LoadedProgram {
  entry: number;
  sp: number;
  loadBias: number;
  auxv: [number, bigint][];
  phdrAddr: number;
}

function checkElf(k: Kernel, bytes: Uint8Array): ParsedElf {
  const r = parseElf(bytes);
  if (!r.ok) throw new ExecError(r.error);
  const elf = r.elf;
  if (elf.machine !== k.arch) throw new ExecError(`this is an ${elf.machine} executable, but the machine is ${k.arch}`);
  if (elf.interp !== null) throw new ExecError(`dynamically linked executable (interpreter ${elf.interp}) — link with -static`);
  if (!elf.programHeaders.some((p) => p.type === 1)) throw new ExecError('no PT_LOAD segment to map');
  return elf;
}

/** personality(2) flag: lay the next image out without randomisation (include/uapi/linux/personality.h). */
export const ADDR_NO_RANDOMIZE = 0x0040000;

/**
 * Whether execve randomises this image: the global switch (randomize_va_space) and the
 * caller's personality both allow it (fs/binfmt_elf.c: PF_RANDOMIZE is set only when
 * !(current->personality & ADDR_NO_RANDOMIZE) && randomize_va_space).
 */
export function randomizesLayout(k: Kernel, personality: number): boolean {
  return k.aslr && (personality & ADDR_NO_RANDOMIZE) === 0;
}

/** The random page offset ASLR adds, in [0, 2^bits) pages (0 when the layout is fixed). */
function randomPages(k: Kernel, randomize: boolean, bits: number): number {
  return randomize ? k.rng.below(2 ** bits) * PAGE_SIZE : 0;
}

function mapSegments(mm: AddressSpace, elf: ParsedElf, image: ExecImage, bias: number): { end: number; phdrAddr: number } {
  let end = 0;
  let phdrAddr = 0;
  const phoff = Number(new DataView(image.bytes.buffer, image.bytes.byteOffset).getBigUint64(0x20, true));
  for (const ph of elf.programHeaders) {
    if (ph.type !== 1) continue;
    const vaddr = Number(ph.vaddr) + bias;
    const offset = Number(ph.offset);
    const filesz = Number(ph.filesz);
    const memsz = Number(ph.memsz);
    // Check before mapping: a segment past the user half (or bigger than the run's memory)
    // must be refused, not inserted and then torn down page by page (binfmt_elf: -EINVAL / -ENOMEM).
    if (vaddr < 0 || vaddr + memsz > mm.userTop) throw new ExecError(`segment ${ph.index} (vaddr 0x${(BigInt(bias) + ph.vaddr).toString(16)}, memsz 0x${ph.memsz.toString(16)}) lies outside the user address space`);
    if (mm.committed + (pageUp(vaddr + memsz) - pageDown(vaddr)) > mm.limitBytes) throw new ExecError('the program is larger than the run memory limit');
    const prot = (ph.flags.r ? PROT_READ : 0) | (ph.flags.w ? PROT_WRITE : 0) | (ph.flags.x ? PROT_EXEC : 0);
    const start = pageDown(vaddr);
    const lead = vaddr - start;
    const fileEnd = filesz > 0 ? pageUp(vaddr + filesz) : start;
    if (offset <= phoff && phoff < offset + filesz) phdrAddr = vaddr + (phoff - offset);
    if (filesz > 0) {
      mm.vmas.insert({
        start,
        end: fileEnd,
        prot,
        shared: false,
        growsDown: false,
        name: image.path,
        backing: { data: image.bytes, offset: offset - lead, length: filesz + lead, dev: '0:20', inode: image.inode },
        special: false,
      });
    }
    const memEnd = pageUp(vaddr + memsz);
    if (memEnd > fileEnd) {
      mm.vmas.insert({ start: Math.max(fileEnd, start), end: memEnd, prot, shared: false, growsDown: false, name: '', backing: null, special: false });
    }
    mm.committed += memEnd - start;
    end = Math.max(end, vaddr + memsz);
  }
  if (mm.committed > mm.limitBytes) throw new ExecError('the program is larger than the run memory limit');
  return { end, phdrAddr };
}

/**
 * Where a static PIE goes: an ET_DYN without PT_INTERP is what Linux calls a loader,
 * and load_elf_binary (fs/binfmt_elf.c, 6.x) places it like an mmap with a zero hint,
 * top-down from the mmap base, so it lands just below the stack gap (0x7f...), not at
 * ELF_ET_DYN_BASE where PIE programs with an interpreter go.
 */
function staticPieBias(mm: AddressSpace, elf: ParsedElf): number {
  const loads = elf.programHeaders.filter((p) => p.type === 1);
  const lo = pageDown(Math.min(...loads.map((p) => Number(p.vaddr))));
  const hi = pageUp(Math.max(...loads.map((p) => Number(p.vaddr) + Number(p.memsz))));
  const start = mm.vmas.findFreeTopDown(hi - lo, mm.mmapBase, PAGE_SIZE * 16);
  if (start === null) throw new ExecError('no room in the address space for the program');
  return start - lo;
}

/** Lay out argv/envp/auxv on the new stack; returns the initial RSP (pointing at argc). */
function buildStack(mm: AddressSpace, top: number, argv: string[], envp: string[], auxv: [number, bigint][], random: Uint8Array, execfn: string, platform: string): { sp: number; auxv: [number, bigint][] } {
  let p = top;
  const pushBytes = (b: Uint8Array): number => {
    p -= b.length;
    if (!mm.writeUncharged(p, b)) throw new ExecError('cannot write the initial stack');
    return p;
  };
  const cstr = (s: string) => {
    const e = encodeUtf8(s);
    const out = new Uint8Array(e.length + 1);
    out.set(e);
    return out;
  };
  p -= 8; // end marker, as Linux leaves a NULL word at the very top
  const execfnAddr = pushBytes(cstr(execfn));
  const envAddrs = envp.map((e) => pushBytes(cstr(e)));
  const argAddrs = argv.map((a) => pushBytes(cstr(a)));
  const platformAddr = pushBytes(cstr(platform));
  p -= p % 16;
  const randomAddr = pushBytes(random);
  const fullAuxv: [number, bigint][] = [...auxv, [AT.RANDOM, BigInt(randomAddr)], [AT.EXECFN, BigInt(execfnAddr)], [AT.PLATFORM, BigInt(platformAddr)], [AT.NULL, 0n]];
  const words: bigint[] = [BigInt(argv.length), ...argAddrs.map(BigInt), 0n, ...envAddrs.map(BigInt), 0n];
  for (const [t, v] of fullAuxv) words.push(BigInt(t), v);
  p -= words.length * 8;
  p -= p % 16; // SP is 16-byte aligned at _start (x86-64 psABI 3.4.1, AAPCS64 6.4.5.1)
  const block = new Uint8Array(words.length * 8);
  const v = new DataView(block.buffer);
  words.forEach((w, i) => v.setBigUint64(i * 8, BigInt.asUintN(64, w), true));
  if (!mm.writeUncharged(p, block)) throw new ExecError('cannot write the initial stack');
  return { sp: p, auxv: fullAuxv };
}

/** Build a fresh address space holding the program and its initial stack (no process yet). */
export function loadImage(k: Kernel, image: ExecImage, argv: string[], envp: string[], personality = 0): { mm: AddressSpace; loaded: LoadedProgram } {
  const elf = checkElf(k, image.bytes);
  const mm = k.newAddressSpace();
  const randomize = randomizesLayout(k, personality);
  try {
    const layout = k.archOps.layout;
    const stackTop = layout.stackTop - randomPages(k, randomize, layout.stackRndBits);
    mm.stackTop = stackTop;
    mm.vmas.insert({ start: stackTop - INITIAL_STACK, end: stackTop, prot: PROT_READ | PROT_WRITE, shared: false, growsDown: true, name: '[stack]', backing: null, special: false });
    mm.mmapBase = pageDown(stackTop - MMAP_GAP - randomPages(k, randomize, layout.mmapRndBits));
    const bias = elf.type === 'dyn' ? staticPieBias(mm, elf) : 0;
    const { end, phdrAddr } = mapSegments(mm, elf, image, bias);
    // A static PIE's heap is moved out of the mmap region to ELF_ET_DYN_BASE
    // (load_elf_binary's brk_moved); otherwise it follows the image.
    mm.brkStart = (elf.type === 'dyn' ? layout.elfEtDynBase : pageUp(end)) + randomPages(k, randomize, layout.brkRndBits); // arch_randomize_brk
    mm.brk = mm.brkStart;
    const vdsoBase = k.vdso.map(mm);
    k.archOps.mapSignalTrampoline(mm);
    const entry = Number(elf.entry) + bias;
    const auxv: [number, bigint][] = [
      ...(vdsoBase !== 0 ? [[AT.SYSINFO_EHDR, BigInt(vdsoBase)] as [number, bigint]] : []),
      [AT.HWCAP, k.archOps.hwcap],
      [AT.PAGESZ, 4096n],
      [AT.CLKTCK, 100n],
      [AT.PHDR, BigInt(phdrAddr)],
      [AT.PHENT, 56n],
      [AT.PHNUM, BigInt(elf.programHeaders.length)],
      [AT.BASE, 0n],
      [AT.FLAGS, 0n],
      [AT.ENTRY, BigInt(entry)],
      [AT.UID, 1000n],
      [AT.EUID, 1000n],
      [AT.GID, 1000n],
      [AT.EGID, 1000n],
      [AT.SECURE, 0n],
    ];
    const stack = buildStack(mm, stackTop, argv, envp, auxv, k.rng.bytes(16), image.path, k.archOps.platform);
    return { mm, loaded: { entry, sp: stack.sp, loadBias: bias, auxv: stack.auxv, phdrAddr } };
  } catch (err) {
    mm.destroy();
    throw err;
  }
}

/** Create the machine's first process running the program. */
export function execProgram(k: Kernel, image: ExecImage, argv: string[], envp: string[]): { proc: Process; task: Task; loaded: LoadedProgram } {
  const { mm, loaded } = loadImage(k, image, argv, envp);
  const proc = k.newProcess(null, mm);
  proc.exe = image.path;
  proc.argv = argv;
  proc.auxv = loaded.auxv;
  k.files.newTable(proc);
  const task = k.newTask(proc, proc.pid, k.archOps.userEntryContext(loaded.entry, loaded.sp));
  if (!k.init) k.init = proc;
  return { proc, task, loaded };
}

/** execve: the calling task becomes the only thread, running the new image. */
export function replaceImage(k: Kernel, task: Task, mm: AddressSpace, loaded: LoadedProgram, path: string, argv: string[]): void {
  const proc = task.proc;
  for (const t of [...proc.tasks]) if (t !== task) k.bury(t);
  proc.tasks = [task];
  proc.mm.destroy();
  proc.mm = mm;
  proc.handlers.actions.forEach((a, i) => {
    // Caught signals revert to the default action; ignored ones stay ignored (execve(2)).
    if (i > 0 && a.handler > 1n) proc.handlers.actions[i] = { handler: 0n, flags: 0n, restorer: 0n, mask: 0n };
  });
  k.files.table(proc).closeOnExec();
  proc.exe = path;
  proc.argv = argv;
  proc.auxv = loaded.auxv;
  task.fsBase = 0;
  if (task === k.current) k.archOps.setTls(0); // the new image starts with no thread pointer
  task.clearChildTid = 0n;
  task.altStack = { ...NO_ALT_STACK }; // execve(2): the alternate stack is not kept
  k.archOps.startImage(task, loaded.entry, loaded.sp, mm.root);
  k.meter.charge('cr3Switch');
}
