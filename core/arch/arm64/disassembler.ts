// Text in aarch64-linux-gnu-objdump -d style (mnemonic, tab, operands), from the
// same rows the executor uses. Branch targets print as bare hex like objdump.
import { findRow } from './decoder.js';
import { hex32 } from './fmt.js';

export function disassemble(word: number, addr: number): string {
  const r = findRow(word >>> 0);
  const text = r === undefined ? null : r.disasm(word >>> 0, addr);
  return text ?? `.inst\t${hex32(word)}`;
}
