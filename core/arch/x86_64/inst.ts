// A decoded instruction. Decoding happens once per guest code address; the run loop
// then calls `exec` with the cached object, so every field a handler needs is here.

import type { X86Cpu } from './cpu.js';
import type { StackRun } from './stack-run.js';
import type { KernelHook } from './cpu-state.js';

export type Handler = (cpu: X86Cpu, i: Inst) => void;

/** One row of the opcode table (opcode-table.ts). */
export interface OpRow {
  /** 0 = one-byte map, 1 = 0F map. */
  map: number;
  opcode: number;
  /** ModRM.reg value selecting this row in a group (/digit). */
  ext?: number;
  /** Only match register (mod=3) or memory (mod≠3) forms. */
  mod?: 'reg' | 'mem';
  /** Exact ModRM byte (e.g. 0F 01 F8 swapgs). */
  modrm?: number;
  /** Mandatory prefix (66/F3/F2); such a prefix is then not an operand-size prefix. */
  pfx?: number;
  /** Mnemonic, or mnemonics per operand size ('2': 'cbw', '4': 'cwde', '8': 'cdqe'). */
  mn: string | Readonly<Record<number, string>>;
  /** Operand forms, comma separated (see decoder.ts). Empty for none. */
  form: string;
  exec: Handler;
  /** Sub-operation passed in Inst.op (ALU op, condition code, shift kind…). */
  op?: number;
  /** Default operand size 64 (push/pop/call/jmp near, SDM Vol 1 3.6.1). */
  d64?: boolean;
  /** Operand size always 64 (mov cr, syscall-style). */
  f64?: boolean;
  /** Only matches without a 66 prefix (SSE rows whose 66 form is another instruction). */
  no66?: boolean;
  /** Only matches without F2/F3 (e.g. bsf vs tzcnt, movups vs movss). */
  noRep?: boolean;
  /** Requires REX.W (e.g. sysretq, iretq spelling) — rows are chosen by W when set. */
  rexW?: boolean;
}

/** Membership in a run of stack operations (stack-run.ts). */
export const StackMember = { None: 0, PushReg: 1, PushImm: 2, PopReg: 3 } as const;
export type StackMember = (typeof StackMember)[keyof typeof StackMember];

export class Inst {
  len = 0;
  exec: Handler;
  row: OpRow | null = null;
  /** Operand size in bytes: 1, 2, 4 or 8. */
  size = 4;
  /** ModRM.reg (+REX.R) or opcode register (+REX.B). Byte registers 16..19 = AH..BH. */
  reg = 0;
  /** Register r/m operand (same numbering), or -1 for a memory operand. */
  rm = -1;
  /** Memory operand: base register, 16 = RIP, -1 none. */
  base = -1;
  index = -1;
  /** log2 of the SIB scale. */
  scale = 0;
  disp = 0;
  /** 0 none, 0x64 FS, 0x65 GS (the base comes from the MSR); other overrides for text only. */
  seg = 0;
  addr32 = false;
  /** A SIB byte was present (objdump then prints riz for an empty index). */
  hasSib = false;
  /** Size of the encoded displacement (0, 1 or 4). */
  dispBytes = 0;
  /** Immediate: sizes ≤ 4 unsigned and masked to the operand size; size 8 the low int32. */
  imm = 0;
  immHi = 0;
  /** 1 when a shift count comes from CL. */
  imm2 = 0;
  op = 0;
  /** 0, 0xF3 (rep/repe) or 0xF2 (repne). */
  rep = 0;
  /** Raw prefix bytes in order (for disassembly of unused prefixes). */
  prefixes: number[] = [];
  rex = 0;
  /** Bytes of the ModRM memory operand used a 0x66 prefix as operand size. */
  opsize16 = false;

  /** Set by the decoder for pushes and pops that can join a run (stack-run.ts). */
  stackMember: StackMember = StackMember.None;
  /** The run this instruction starts: undefined until first built, null when there is none. */
  stackRun: StackRun | null | undefined = null;

  /** The kernel hook registered at hookAddr when this was decoded there (fetch.ts), else null. */
  hook: KernelHook | null = null;
  hookAddr = 0;

  constructor(exec: Handler) {
    this.exec = exec;
  }
}
