// Reading a stopped machine's memory for the UI: a hex dump at any address and the
// words on the stack with what they are. Reads go through the current page tables
// without side effects — a page the program has not touched yet is reported as
// not present rather than faulted in, so looking never changes the run.

import { PT_REGS, PT_REGS_SIZE } from './kernel/x86_64/entry-source.js';
import { KERNEL_TEXT } from './kernel/x86_64/layout.js';
import type { Machine } from './machine.js';
import type { Arm64Arch } from './kernel/arm64/arm64-arch.js';

const PAGE = 4096;
/** Largest dump one request may ask for. */
export const MAX_PEEK = 4096;

export class InspectError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InspectError';
  }
}

/**
 * A guest address typed by a person: `0x…` hex or decimal, as an exact 64-bit value.
 * x86-64 addresses must be canonical (bits 63..47 all equal; SDM Vol 1 §3.3.7.1).
 * Returns the kernel's number form: the upper half as negative numbers.
 */
export function parseGuestAddress(text: string): number {
  const t = text.trim().toLowerCase().replace(/_/g, '');
  if (!/^(0x[0-9a-f]{1,16}|\d{1,20})$/.test(t)) throw new InspectError(`'${text}' is not an address: write it in hex (0x401000) or decimal`);
  const v = BigInt(t);
  if (v >= 1n << 64n) throw new InspectError(`${text} does not fit in 64 bits`);
  const signed = BigInt.asIntN(64, v);
  if (signed >= 1n << 47n || signed < -(1n << 47n)) throw new InspectError(`0x${v.toString(16)} is non-canonical: bits 63..47 must all be equal, so no x86-64 page can be there`);
  return Number(signed);
}

/** The address as the 16-digit hex people read (upper half included). */
export const hex64 = (v: number | bigint): string => `0x${BigInt.asUintN(64, BigInt(v)).toString(16).padStart(16, '0')}`;

export interface MemoryDump {
  addr: string;
  /** Bytes from `addr`; -1 where nothing can be read (see `notes`). */
  bytes: number[];
  /** Why some pages could not be shown, by page address. */
  notes: { page: string; reason: string }[];
}

function frameOf(m: Machine, va: number): number | null {
  const arch = m.kernel.archOps;
  return arch.port.lookup(arch.currentRoot(), va);
}

/** Read `len` bytes at `addr` (signed number form) without touching the run. */
export function peekMemory(m: Machine, addr: number, len: number): MemoryDump {
  if (!Number.isInteger(len) || len < 1 || len > MAX_PEEK) throw new InspectError(`a dump is 1 to ${MAX_PEEK} bytes, not ${len}`);
  const mem = m.kernel.mem.bytes;
  const mm = m.kernel.current?.proc.mm ?? m.kernel.init?.mm ?? null;
  const bytes: number[] = [];
  const notes: MemoryDump['notes'] = [];
  const half = m.kernel.arch === 'arm64' ? 2 ** 48 : 0x800000000000;
  let done = 0;
  while (done < len) {
    const a = addr + done;
    const page = Math.floor(a / PAGE) * PAGE;
    const off = a - page;
    const n = Math.min(len - done, PAGE - off);
    // Past the top of the user half (or below the kernel half): the canonical hole
    // (47-bit halves on x86-64, 48-bit TTBR0/TTBR1 ranges on arm64).
    const canonical = a < half && a >= -half;
    const frame = canonical ? frameOf(m, page) : null;
    if (frame !== null) {
      for (let i = 0; i < n; i++) bytes.push(mem[frame + off + i]!);
    } else {
      for (let i = 0; i < n; i++) bytes.push(-1);
      let reason: string;
      if (!canonical) reason = 'non-canonical address: no page can be mapped here';
      else if (page >= 0 && mm?.vmas.find(page)) reason = 'mapped, but the program has not touched this page yet (no page fault so far)';
      else if (page >= 0) reason = 'not mapped in this process';
      else reason = 'not mapped in the kernel half';
      notes.push({ page: hex64(page), reason });
    }
    done += n;
  }
  return { addr: hex64(addr), bytes, notes };
}

export interface StackWord {
  addr: string;
  /** Bytes from the stack pointer. */
  offset: number;
  value: string | null;
  label: string | null;
}

/** Nearest symbol at or below `addr`, as `name+0x10`. */
export function symbolize(symbols: ReadonlyMap<string, number>, addr: number): string | null {
  let best: [string, number] | null = null;
  // Assembler-local labels (`.L…`, numeric `1:` labels) are skipped: they are not names a reader knows.
  for (const [name, a] of symbols) if (a <= addr && !name.startsWith('.L') && (best === null || a > best[1])) best = [name, a];
  if (!best) return null;
  return addr === best[1] ? best[0] : `${best[0]}+0x${(addr - best[1]).toString(16)}`;
}

/** A value pointing just after a `call` is a return address (rel32 call: 5 bytes; indirect: 2, 3 or 6). */
function isReturnAddress(m: Machine, value: number): boolean {
  if (m.kernel.arch === 'arm64') {
    // AArch64: the word before is a bl or blr.
    const d = m.kernel.archOps.cpu.disassembleAt(value - 4, 1)[0];
    return d !== undefined && /^(bl|blr)\b/.test(d.text.trim());
  }
  for (const back of [5, 2, 3, 6, 7]) {
    const d = m.kernel.x86.cpu.disassembleAt(value - back, 1)[0];
    if (d && d.length === back && /^call\b/.test(d.text.trim())) return true;
  }
  return false;
}

const PT_FIELD_AT = new Map<number, string>(Object.entries(PT_REGS).map(([k, v]) => [v, k]));

/**
 * `count` words from the stack pointer up, each with what it is where that is known:
 * a pt_regs slot (on the kernel stack), a return address, a pointer into a mapping.
 */
export function stackWords(m: Machine, count: number, userSymbols: ReadonlyMap<string, number>): StackWord[] {
  if (!Number.isInteger(count) || count < 1 || count > 512) throw new InspectError(`the stack view shows 1 to 512 words, not ${count}`);
  const k = m.kernel;
  const x86 = k.arch === 'x86_64';
  // The live stack pointer (RSP, or AArch64's SP for the current level).
  const rsp = x86 ? Number(BigInt.asIntN(64, BigInt(k.x86.cpu.getReg(4)))) : Number(BigInt.asIntN(64, (k.archOps as Arm64Arch).cpu.sp));
  const dump = peekMemory(m, rsp, count * 8);
  const task = k.current;
  const ptBase = task ? task.kernelStackTop - PT_REGS_SIZE : null;
  const mm = task?.proc.mm ?? null;
  const out: StackWord[] = [];
  for (let i = 0; i < count; i++) {
    const addr = rsp + i * 8;
    const raw = dump.bytes.slice(i * 8, i * 8 + 8);
    if (raw.some((b) => b < 0)) {
      out.push({ addr: hex64(addr), offset: i * 8, value: null, label: 'not readable' });
      continue;
    }
    let v = 0n;
    for (let j = 7; j >= 0; j--) v = (v << 8n) | BigInt(raw[j]!);
    const value = Number(BigInt.asIntN(64, v));
    let label: string | null = null;
    if (x86 && ptBase !== null && !k.archOps.inUserMode() && addr >= ptBase && addr < ptBase + PT_REGS_SIZE) label = `pt_regs->${PT_FIELD_AT.get(addr - ptBase) ?? '?'}`;
    if (label === null && Math.abs(value) < 2 ** 53) {
      // The entry code is small: it fits in the first 64 KiB of kernel text.
      const inKernelText = x86 && value >= KERNEL_TEXT && value < KERNEL_TEXT + 0x10000;
      const vma = value > 0 ? mm?.vmas.find(value) : undefined;
      const exec = vma ? (vma.prot & 4) !== 0 : inKernelText;
      if (exec && isReturnAddress(m, value)) label = `return address → <${symbolize(value < 0 ? k.archOps.text.symbols : userSymbols, value) ?? hex64(value)}>`;
      else if (vma) label = `→ ${vma.name || 'anonymous mapping'}`;
    }
    out.push({ addr: hex64(addr), offset: i * 8, value: hex64(v), label });
  }
  return out;
}
