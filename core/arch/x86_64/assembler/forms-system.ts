// Fixed encodings (no operands), string instructions, multi-byte nop and the
// system instructions a small kernel needs (SDM Vol 2; GNU as spellings:
// `sysretq` is REX.W 0F 07, `iretq` REX.W CF, `endbr64` F3 0F 1E FA).

import { InsnError } from './operand-size.js';
import { isMem, rmOf, type FormEntry, type Handler } from './insn.js';

const FIXED: Record<string, number[]> = {
  nop: [0x90], hlt: [0xf4], cli: [0xfa], sti: [0xfb], clc: [0xf8], stc: [0xf9], cmc: [0xf5], cld: [0xfc], std: [0xfd],
  leave: [0xc9], int3: [0xcc], int1: [0xf1], ud2: [0x0f, 0x0b], syscall: [0x0f, 0x05], sysretq: [0x48, 0x0f, 0x07],
  sysretd: [0x0f, 0x07], sysretl: [0x0f, 0x07], sysenter: [0x0f, 0x34], iretq: [0x48, 0xcf], iret: [0xcf], iretd: [0xcf],
  swapgs: [0x0f, 0x01, 0xf8], rdmsr: [0x0f, 0x32], wrmsr: [0x0f, 0x30], rdtsc: [0x0f, 0x31], rdtscp: [0x0f, 0x01, 0xf9],
  rdpmc: [0x0f, 0x33], cpuid: [0x0f, 0xa2], pause: [0xf3, 0x90], mfence: [0x0f, 0xae, 0xf0], lfence: [0x0f, 0xae, 0xe8],
  sfence: [0x0f, 0xae, 0xf8], endbr64: [0xf3, 0x0f, 0x1e, 0xfa], pushfq: [0x9c], popfq: [0x9d], pushf: [0x9c], popf: [0x9d], pushfw: [0x66, 0x9c], popfw: [0x66, 0x9d],
  cbw: [0x66, 0x98], cwde: [0x98], cdqe: [0x48, 0x98], cwd: [0x66, 0x99], cdq: [0x99], cqo: [0x48, 0x99],
  lahf: [0x9f], sahf: [0x9e], wbinvd: [0x0f, 0x09], invd: [0x0f, 0x08], clac: [0x0f, 0x01, 0xca], stac: [0x0f, 0x01, 0xcb],
  xlatb: [0xd7], monitor: [0x0f, 0x01, 0xc8], mwait: [0x0f, 0x01, 0xc9], xgetbv: [0x0f, 0x01, 0xd0],
  movsb: [0xa4], movsw: [0x66, 0xa5], movsd: [0xa5], movsq: [0x48, 0xa5],
  stosb: [0xaa], stosw: [0x66, 0xab], stosd: [0xab], stosq: [0x48, 0xab],
  lodsb: [0xac], lodsw: [0x66, 0xad], lodsd: [0xad], lodsq: [0x48, 0xad],
  scasb: [0xae], scasw: [0x66, 0xaf], scasd: [0xaf], scasq: [0x48, 0xaf],
  cmpsb: [0xa6], cmpsw: [0x66, 0xa7], cmpsd: [0xa7], cmpsq: [0x48, 0xa7],
};

/** Instruction prefixes GNU as accepts as separate words (`rep movsb`, `lock add ...`). */
export const PREFIXES: Record<string, number> = {
  rep: 0xf3, repe: 0xf3, repz: 0xf3, repne: 0xf2, repnz: 0xf2, lock: 0xf0,
};

function fixed(bytes: number[]): Handler {
  return (i) => {
    if (i.ops.length !== 0) return new InsnError(`number of operands mismatch for '${i.mnemonic}'`);
    return { bytes: Uint8Array.from(bytes) };
  };
}

/** nop with an operand: 0F 1F /0 (SDM NOP, "multi-byte form"). */
const nop: Handler = (i) => {
  if (i.ops.length === 0) return { bytes: Uint8Array.of(0x90) };
  const op = i.ops[0];
  if (i.ops.length !== 1 || op === undefined || op.kind === 'imm') return new InsnError(`operand type mismatch for '${i.mnemonic}'`);
  const size = op.kind === 'reg' ? op.reg.width : op.size;
  if (size === 8 || size === 0) return new InsnError(size === 0 ? `ambiguous operand size for '${i.mnemonic}'` : `operand size mismatch for '${i.mnemonic}'`);
  return { opcode: [0x0f, 0x1f], size, reg: 0, rm: rmOf(op) };
};

/** 0F 01 /n and 0F 00 /n memory forms: lgdt/lidt/sgdt/sidt/invlpg, ltr/lldt. */
function group7(op2: number, digit: number, memOnly: boolean): Handler {
  return (i) => {
    const op = i.ops[0];
    if (i.ops.length !== 1 || op === undefined || op.kind === 'imm' || (memOnly && !isMem(op)))
      return new InsnError(`operand type mismatch for '${i.mnemonic}'`);
    return { opcode: [0x0f, op2], size: 0, reg: digit, rm: rmOf(op) };
  };
}

// GNU as rejects a bare `sysret`: the operand size (return to 64- or 32-bit code) must be spelled out.
const sysret: Handler = (i) => new InsnError(`ambiguous operand size for '${i.mnemonic}' (write sysretq to return to 64-bit code)`);

export const SYSTEM_FORMS: Record<string, FormEntry> = {
  nop: { handler: nop },
  sysret: { handler: sysret },
  lgdt: { handler: group7(0x01, 2, true) },
  lidt: { handler: group7(0x01, 3, true) },
  sgdt: { handler: group7(0x01, 0, true) },
  sidt: { handler: group7(0x01, 1, true) },
  invlpg: { handler: group7(0x01, 7, true) },
  ltr: { handler: group7(0x00, 3, false) },
  lldt: { handler: group7(0x00, 2, false) },
};
for (const [name, bytes] of Object.entries(FIXED)) if (SYSTEM_FORMS[name] === undefined) SYSTEM_FORMS[name] = { handler: fixed(bytes) };

/** GNU as multi-byte NOP padding for code alignment (binutils i386 alt_patt, up to 11 bytes). */
const NOPS: number[][] = [
  [],
  [0x90],
  [0x66, 0x90],
  [0x0f, 0x1f, 0x00],
  [0x0f, 0x1f, 0x40, 0x00],
  [0x0f, 0x1f, 0x44, 0x00, 0x00],
  [0x66, 0x0f, 0x1f, 0x44, 0x00, 0x00],
  [0x0f, 0x1f, 0x80, 0x00, 0x00, 0x00, 0x00],
  [0x0f, 0x1f, 0x84, 0x00, 0x00, 0x00, 0x00, 0x00],
  [0x66, 0x0f, 0x1f, 0x84, 0x00, 0x00, 0x00, 0x00, 0x00],
  [0x66, 0x2e, 0x0f, 0x1f, 0x84, 0x00, 0x00, 0x00, 0x00, 0x00],
  [0x66, 0x66, 0x2e, 0x0f, 0x1f, 0x84, 0x00, 0x00, 0x00, 0x00, 0x00],
];

export function nopFill(count: number): Uint8Array {
  const out: number[] = [];
  let n = count;
  while (n >= 11) {
    out.push(...(NOPS[11] as number[]));
    n -= 11;
  }
  out.push(...(NOPS[n] as number[]));
  return Uint8Array.from(out);
}
