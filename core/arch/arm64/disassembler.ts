// Text in aarch64-linux-gnu-objdump -d style (mnemonic, tab, operands), from the
// same rows the executor uses. Branch targets print as bare hex like objdump.
import { findRow } from './decoder.js';
import type { Arm64Mmu } from '../../mm/arm64/mmu.js';
import { hex32 } from './fmt.js';

export function disassemble(word: number, addr: number): string {
  const r = findRow(word >>> 0);
  const text = r === undefined ? null : r.disasm(word >>> 0, addr);
  return text ?? `.inst\t${hex32(word)}`;
}

export interface DisassemblyLine {
  addr: number;
  /** null when the address does not translate (debugger view, no fault raised). */
  word: number | null;
  text: string;
}

/** Disassemble `count` words at a virtual address through the MMU without side effects. */
export function disassembleVirt(mmu: Arm64Mmu, addr: number, count: number): DisassemblyLine[] {
  const out: DisassemblyLine[] = [];
  for (let i = 0; i < count; i++) {
    const a = addr + i * 4;
    const t = mmu.probe(a);
    if (!('pa' in t) || t.pa + 4 > mmu.mem.sizeBytes) {
      out.push({ addr: a, word: null, text: '<unmapped>' });
      continue;
    }
    const word = mmu.mem.view.getUint32(t.pa, true);
    out.push({ addr: a, word, text: disassemble(word, a) });
  }
  return out;
}
