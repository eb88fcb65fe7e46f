// Operand formatting shared by the disassembler rows, matching GNU objdump.

export const COND_NAMES = ['eq', 'ne', 'cs', 'cc', 'mi', 'pl', 'vs', 'vc', 'hi', 'ls', 'ge', 'lt', 'gt', 'le', 'al', 'nv'];
export const SHIFT_NAMES = ['lsl', 'lsr', 'asr', 'ror'];
export const EXTEND_NAMES = ['uxtb', 'uxth', 'uxtw', 'uxtx', 'sxtb', 'sxth', 'sxtw', 'sxtx'];

/** General register where 31 is the zero register. */
export function rz(r: number, is64: boolean): string {
  if (r === 31) return is64 ? 'xzr' : 'wzr';
  return (is64 ? 'x' : 'w') + r;
}

/** General register where 31 is the stack pointer. */
export function rs(r: number, is64: boolean): string {
  if (r === 31) return is64 ? 'sp' : 'wsp';
  return (is64 ? 'x' : 'w') + r;
}

export function hex(v: number | bigint): string {
  return '0x' + v.toString(16);
}

export function hex32(v: number): string {
  return '0x' + (v >>> 0).toString(16).padStart(8, '0');
}

/** An absolute target address as objdump prints it: unsigned hex, no 0x. */
export function target(addr: number): string {
  return BigInt.asUintN(64, BigInt(addr)).toString(16);
}

export function signExtend(v: number, bits: number): number {
  const shift = 32 - bits;
  return (v << shift) >> shift;
}

export function imm(v: number | bigint): string {
  return '#' + hex(v);
}
