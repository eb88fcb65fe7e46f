// Shared shapes of the AArch64 CPU: why a run stopped, and one row of the
// instruction table (bit pattern → executor + disassembler), per DESIGN.md.
import type { Arm64Cpu } from './cpu.js';

export type StopReason =
  | { kind: 'budget' }
  | { kind: 'wfi' }
  | { kind: 'breakpoint'; addr: number }
  | { kind: 'hook'; value: unknown }
  | { kind: 'exception'; ec: number; iss: number; far: bigint | null; elr: number };

/**
 * Executes the instruction whose word is in cpu.insn[0]. The word is not passed as
 * an argument: 32-bit values outside the Smi range would be boxed on every call.
 */
export type ExecFn = (cpu: Arm64Cpu) => void;
/** Returns null for an encoding the row rejects (unallocated). */
export type DisasmFn = (word: number, addr: number) => string | null;

/** One encoding class: matches when (word & mask) === value. */
export interface InsnRow {
  mask: number;
  value: number;
  /** Form name, e.g. 'add-imm', 'ldr-uimm' (used by tests and the table dump). */
  form: string;
  exec: ExecFn;
  disasm: DisasmFn;
  /**
   * exec itself rejects words whose low bits (below bit 21) differ from the row, so
   * the decoder may call it straight from the [31:21] bucket without a mask test.
   */
  selfChecked?: boolean;
}

export type Hook = (cpu: Arm64Cpu) => StopReason | void;

export interface Arm64Stats {
  instructions: number;
  modeSwitches: number;
  pageWalks: number;
  tlbHits: number;
  tlbMisses: number;
  tlbFlushes: number;
}
