// What an encoder hands back: one 32-bit instruction word, plus either a
// relocation to apply at link (or at the end of assembly, if the target is
// local) or a request for a literal-pool slot (`ldr x0, =expr`).

import type { ExprText } from './operands.js';

/** ELF relocation types the assembler emits (ELF for the Arm 64-bit Architecture, 5.7). */
export const ARM64_RELOC = {
  R_AARCH64_ABS64: 257,
  R_AARCH64_ABS32: 258,
  R_AARCH64_ABS16: 259,
  R_AARCH64_PREL64: 260,
  R_AARCH64_PREL32: 261,
  R_AARCH64_PREL16: 262,
  R_AARCH64_MOVW_UABS_G0: 263,
  R_AARCH64_MOVW_UABS_G0_NC: 264,
  R_AARCH64_MOVW_UABS_G1: 265,
  R_AARCH64_MOVW_UABS_G1_NC: 266,
  R_AARCH64_MOVW_UABS_G2: 267,
  R_AARCH64_MOVW_UABS_G2_NC: 268,
  R_AARCH64_MOVW_UABS_G3: 269,
  R_AARCH64_LD_PREL_LO19: 273,
  R_AARCH64_ADR_PREL_LO21: 274,
  R_AARCH64_ADR_PREL_PG_HI21: 275,
  R_AARCH64_ADD_ABS_LO12_NC: 277,
  R_AARCH64_LDST8_ABS_LO12_NC: 278,
  R_AARCH64_TSTBR14: 279,
  R_AARCH64_CONDBR19: 280,
  R_AARCH64_JUMP26: 282,
  R_AARCH64_CALL26: 283,
  R_AARCH64_LDST16_ABS_LO12_NC: 284,
  R_AARCH64_LDST32_ABS_LO12_NC: 285,
  R_AARCH64_LDST64_ABS_LO12_NC: 286,
  R_AARCH64_LDST128_ABS_LO12_NC: 299,
} as const;

export type Arm64RelocName = keyof typeof ARM64_RELOC;

export interface Arm64Fixup {
  readonly reloc: Arm64RelocName;
  readonly expr: ExprText;
}

export interface LiteralRequest {
  /** 4 for `ldr wN, =`, 8 for `ldr xN, =` and `ldrsw`. */
  readonly size: 4 | 8;
  readonly expr: ExprText;
}

export interface Encoded {
  readonly word: number;
  readonly fixup?: Arm64Fixup;
  readonly literal?: LiteralRequest;
}

export interface EncodeCtx {
  /**
   * The value of an expression if it is a constant now, undefined if it
   * depends on a symbol (the encoder then emits a fixup or reports an error).
   * Throws Arm64AsmError on malformed expressions.
   */
  constant(expr: ExprText): bigint | undefined;
}
