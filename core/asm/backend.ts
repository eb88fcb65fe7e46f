// The interface between the architecture-neutral front end and an ISA back
// end (x86-64 in core/arch/x86_64/assembler, AArch64 in core/arch/arm64/...).
// The front end owns lexing, labels, sections, directives and layout; the back
// end turns one instruction into bytes, possibly with ELF relocations.

import type { Token } from './lexer.js';
import type { Expr, ExprError, ExprValue } from './expr.js';
import type { AsmArch } from './types.js';

/** One instruction statement as parsed by the front end. */
export interface ParsedInstruction {
  /** Mnemonic lower-cased (`mov`, `b.eq`, `rep`). */
  mnemonic: string;
  /** The mnemonic as written. */
  mnemonicText: string;
  /** All tokens after the mnemonic (local labels `1f`/`1b` already renamed). */
  tokens: Token[];
  /** `tokens` split at top-level commas (outside (), [] and {}). */
  operands: Token[][];
  line: number;
  /** 1-based column of the mnemonic. */
  column: number;
  /** Statement text as written (comments removed). */
  text: string;
}

/** A relocation an instruction asks for; offset is relative to the instruction start. */
export interface InstructionFixup {
  offset: number;
  /** ELF r_type for the arch (R_X86_64_PC32 = 2, R_AARCH64_CALL26 = 283, ...). */
  type: number;
  /** The symbol and addend; take them from an ExprValue of kind 'rel'/'undefined'. */
  symbol: string;
  addend: bigint;
}

export type EncodeResult =
  | {
      bytes: Uint8Array;
      fixups?: InstructionFixup[];
      /**
       * The instruction's size depends on layout (x86 jmp/jcc to a label). Label
       * differences across it then count as unknown while parsing, as in GNU as.
       */
      relaxable?: boolean;
    }
  | { error: string; column?: number };

export interface EncodeContext {
  /** Current section name and the offset of this instruction in it (this pass). */
  readonly section: string;
  readonly offset: number;
  /** 0 on the first layout pass; addresses of forward labels are unknown (0) there. */
  readonly pass: number;
  /**
   * True on the pass whose output is kept. Sizes must not change from the
   * previous pass on the final pass (the front end re-runs layout if they do).
   */
  readonly final: boolean;
  /** This instruction's size in the previous pass (undefined on pass 0). */
  readonly previousSize: number | undefined;
  /** Parses tokens[start..end) as one expression. */
  parseExpr(tokens: readonly Token[], start?: number, end?: number): Expr | ExprError;
  /**
   * Evaluates an expression at this instruction. Labels get this pass's
   * offsets (previous pass's for labels further down); `forward` is true when
   * a symbol involved is defined later in the source (GNU as then cannot know
   * its value while parsing, which changes its encoding choices on x86).
   */
  evaluate(expr: Expr): ExprValue | ExprError;
  /**
   * Literal pool entry (AArch64 `ldr x0, =value`): returns the value of a
   * label in the current section's pool, emitted at the end of the section
   * (aligned to its size), deduplicated on identical source text.
   */
  literal(expr: Expr, size: 4 | 8, key: string): ExprValue | ExprError;
  /** True if `name` is declared `.globl`/`.global`/`.weak`. */
  isGlobal(name: string): boolean;
}

export interface ArchBackend {
  readonly arch: AsmArch;
  /** Comment starters valid anywhere on a line (`#` on x86, `//` on AArch64). */
  readonly lineComments: readonly string[];
  /** Comment starters valid only at the start of a line (`#` on AArch64). */
  readonly lineStartComments: readonly string[];
  readonly semicolon: 'separator' | 'separator-or-comment';
  /** `.align N`: true = N is a power of two (AArch64), false = N bytes (x86 ELF). */
  readonly alignIsPowerOfTwo: boolean;
  /** Size of `.word`: 2 on x86 (GNU as i386), 4 on AArch64. */
  readonly wordSize: 2 | 4;
  /** ELF r_type for `.byte/.short/.long/.quad` of a relocatable value; undefined = unsupported size. */
  dataRelocation(size: 1 | 2 | 4 | 8): number | undefined;
  /** True if `word` (lower-cased) is a mnemonic or prefix (for ';' handling). */
  isMnemonic(word: string): boolean;
  /** Encodes one instruction. Must not throw. */
  encode(insn: ParsedInstruction, ctx: EncodeContext): EncodeResult;
  /** Padding for alignment inside executable sections (x86: multi-byte NOPs). */
  codeFill(count: number): Uint8Array;
  /**
   * Arch-specific directives (`.intel_syntax`, `.inst`, `.xword`...). Return
   * undefined if not handled, an error string to reject, or the data to emit.
   */
  directive?(name: string, operands: Token[][], ctx: EncodeContext): DirectiveResult | undefined;
}

export type DirectiveResult = { ok: true; bytes?: Uint8Array; fixups?: InstructionFixup[] } | { error: string; column?: number };
