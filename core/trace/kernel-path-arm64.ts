// The AArch64 kernel-path stages, read off the entry code's own disassembly (as the
// x86-64 ones are in kernel-path.ts), so they follow core/kernel/arm64/entry-source.ts
// if it changes:
//   svc #0          the user instruction (the exception entry: ELR, SPSR, ESR)
//   vector          the slot at VBAR_EL1 + 0x400 (lower EL, AArch64, synchronous)
//   kernel_entry    from the slot's branch target: save x0-x30, sp_el0, elr, spsr
//   dispatch        from `mov x0, sp` to the `bl` into the hook (el0_svc)
//   handler         the hook itself (TypeScript)
//   exit-work       the instruction after the `bl` (signals were handled in the hook)
//   kernel_exit     ret_to_user: reload pt_regs
//   eret            back to EL0

import type { EntryLine, StageBoundaries } from './kernel-path-stages.js';

const norm = (text: string): string => text.trim().replace(/\s+/g, ' ');

/** A branch target as the disassembler prints it (unsigned hex, with or without 0x) as a signed address. */
function target(text: string): number | null {
  const m = /^(?:0x)?([0-9a-f]+)$/.exec(text);
  return m ? Number(BigInt.asIntN(64, BigInt(`0x${m[1]!}`))) : null;
}

/** `b` or `bl` with its target, else null. */
export function branch(text: string): { link: boolean; to: number } | null {
  const m = /^(bl?) (\S+)$/.exec(norm(text));
  if (!m) return null;
  const to = target(m[2]!);
  return to === null ? null : { link: m[1] === 'bl', to };
}

/**
 * Stage boundaries from three listings: the vector slot, the synchronous entry it
 * branches to (up to its closing `b`), and the exit path (up to `eret`). `hooks` are
 * the addresses where TypeScript runs.
 */
export function arm64EntryBoundaries(listings: { vector: EntryLine[]; entry: EntryLine[]; exit: EntryLine[] }, hooks: ReadonlySet<number>): StageBoundaries {
  const out: StageBoundaries = new Map();
  const slot = listings.vector[0];
  if (slot) out.set(slot.addr, 'vector');
  let afterCall = false;
  listings.entry.forEach((line, i) => {
    const t = norm(line.text);
    if (i === 0) out.set(line.addr, 'kernel_entry');
    if (afterCall) {
      out.set(line.addr, 'exit-work');
      afterCall = false;
    }
    if (t === 'mov x0, sp') out.set(line.addr, 'dispatch');
    const b = branch(t);
    if (b?.link && hooks.has(b.to)) {
      out.set(b.to, 'handler');
      afterCall = true;
    }
  });
  listings.exit.forEach((line, i) => {
    if (i === 0) out.set(line.addr, 'kernel_exit');
    if (norm(line.text) === 'eret') out.set(line.addr, 'eret');
  });
  return out;
}
