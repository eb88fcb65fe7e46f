// Generates a symbol-free AArch64 corpus: every encoder form crossed with
// register classes, widths and edge immediates. Each line is one instruction,
// so GNU as's .text words line up with the lines one to one.

import { decodeBitmaskImmediate } from '../../../../../core/arch/arm64/assembler/bitmask-immediate.js';

const x = (n: number): string => `x${n}`;
const w = (n: number): string => `w${n}`;
const hex = (v: bigint): string => (v < 0n ? `-0x${(-v).toString(16)}` : `0x${v.toString(16)}`);

/** All values encodable as logical immediates at `width` (5334 for 64-bit, 1302 for 32-bit). */
export function allBitmaskImmediates(width: 32 | 64): bigint[] {
  const out = new Set<bigint>();
  for (let n = 0; n <= (width === 64 ? 1 : 0); n++)
    for (let immr = 0; immr < width; immr++)
      for (let imms = 0; imms < 64; imms++) {
        const v = decodeBitmaskImmediate({ n, immr, imms }, width);
        if (v !== undefined) out.add(v);
      }
  return [...out].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

function moves(out: string[]): void {
  for (const [r, bits] of [[x, 64], [w, 32]] as const) {
    for (const n of [0, 3, 30]) {
      for (const op of ['movz', 'movn', 'movk']) {
        for (const imm of ['0', '1', '0xffff', '0x8000', '1234']) {
          for (let s = 0; s < bits; s += 16) out.push(`${op} ${r(n)}, #${imm}${s ? `, lsl #${s}` : ''}`);
        }
      }
    }
  }
  const wide64 = [0n, 1n, 0xffffn, 0x10000n, 0xffff0000n, 0x12340000n, 0x1234n << 32n, 0xabcdn << 48n, -1n, -2n, -0x10001n, -0x10000n, 0xffffffffn,
    0xffffffff0000ffffn, 0xffff1234ffffffffn, 0x5555555555555555n, 0xff00ff00ff00ff00n, 0x0000ffff0000ffffn, 0x7fffffffffffffffn, -(1n << 63n), 1n << 63n,
    0xfffffffffffffffen, 0x00ffffffffffff00n];
  for (const v of wide64) for (const n of [0, 9]) out.push(`mov ${x(n)}, #${hex(v)}`);
  const wide32 = [0n, 1n, 0xffffn, 0x10000n, 0xffff0000n, 0xffffffffn, -1n, -2n, -0x10001n, 0x55555555n, 0xf0f0f0f0n, 0x7fffffffn, -(1n << 31n), 0xfffe0000n, 0x0001ffffn];
  for (const v of wide32) for (const n of [2, 30]) out.push(`mov ${w(n)}, #${hex(v)}`);
  for (const v of [1n, 0xffn, 0x3ff0n, 0xff00ff00n, 0x7ffffffen]) out.push(`mov wsp, #${hex(v)}`);
  for (const v of [1n, 0xffn, 0x3ff0n, 0xff00ff00ff00ff00n, 0x7ffffffen]) out.push(`mov sp, #${hex(v)}`);
  for (const a of [0, 5, 30]) for (const b of [1, 29]) out.push(`mov ${x(a)}, ${x(b)}`, `mov ${w(a)}, ${w(b)}`);
  out.push('mov x0, sp', 'mov sp, x0', 'mov sp, x30', 'mov w1, wsp', 'mov wsp, w2', 'mov x3, xzr', 'mov wzr, w4', 'mov xzr, x5', 'mov x1, #-0', 'mov x0, x1, lsl #2', 'mov w2, w3, ror #31', 'mov x4, xzr, asr #1', 'mov x2, #(1<<16)+0', "mov w3, #'A'");
}

function arith(out: string[]): void {
  const ops = ['add', 'adds', 'sub', 'subs'];
  const imms = ['0', '1', '4095', '0x1000', '0xfff000', '0x123000', '#-1', '#-4095', '#-4096', '#-0x123000'];
  for (const op of ops) {
    const flags = op.endsWith('s');
    for (const imm of imms) {
      const i = imm.startsWith('#') ? imm : `#${imm}`;
      out.push(`${op} x1, x2, ${i}`, `${op} w3, w4, ${i}`, `${op} ${flags ? 'x5' : 'sp'}, sp, ${i}`, `${op} ${flags ? 'wzr' : 'wsp'}, wsp, ${i}`);
    }
    out.push(`${op} x1, x2, #1, lsl #12`, `${op} x1, x2, #4095, lsl #0`, `${op} w0, w30, #17, lsl #12`, `${op} x6, x7, 12`);
    for (const sh of ['lsl', 'lsr', 'asr']) {
      for (const a of [0, 1, 31]) out.push(`${op} w0, w1, w2, ${sh} #${a}`);
      for (const a of [0, 17, 63]) out.push(`${op} x29, x30, xzr, ${sh} #${a}`, `${op} ${flags ? 'xzr' : 'x9'}, xzr, x8, ${sh} #${a}`);
    }
    out.push(`${op} x0, x1, x2`, `${op} w0, w1, w2`);
    for (const ext of ['uxtb', 'uxth', 'uxtw', 'sxtb', 'sxth', 'sxtw']) {
      for (const a of ['', ' #0', ' #2', ' #4']) {
        out.push(`${op} x0, x1, w2, ${ext}${a}`, `${op} w3, w4, w5, ${ext}${a}`, `${op} ${flags ? 'x6' : 'sp'}, sp, w7, ${ext}${a}`);
      }
    }
    for (const ext of ['uxtx', 'sxtx']) for (const a of ['', ' #1', ' #3']) out.push(`${op} x0, x1, x2, ${ext}${a}`, `${op} ${flags ? 'x3' : 'sp'}, sp, x4, ${ext}${a}`, `${op} w0, w1, w2, ${ext}${a}`);
    out.push(`${op} x0, sp, x1`, `${op} ${flags ? 'x0' : 'sp'}, x1, x2`.replace('adds x0, x1, x2', 'adds x0, sp, x2').replace('subs x0, x1, x2', 'subs x0, sp, x2'), `${op} w0, wsp, w1`, `${op} x0, sp, x1, lsl #3`, `${op} w0, wsp, w1, lsl #2`);
  }
  for (const op of ['cmp', 'cmn']) {
    out.push(`${op} x0, #0`, `${op} x0, #4095`, `${op} w1, #0x1000`, `${op} sp, #8`, `${op} wsp, #8`, `${op} x2, #-1`, `${op} x3, x4`, `${op} w3, w4, lsl #5`, `${op} x3, x4, asr #63`,
      `${op} x5, w6, uxtw`, `${op} sp, x7`, `${op} x8, w9, sxtw #2`, `${op} w10, w11, uxtb #1`, `${op} x12, x13, sxtx`);
  }
  for (const op of ['neg', 'negs']) out.push(`${op} x0, x1`, `${op} w2, w3`, `${op} x4, x5, lsl #3`, `${op} w6, w7, asr #31`, `${op} x8, xzr, lsr #1`, `${op} xzr, x9`);
}

function logical(out: string[]): void {
  for (const v of allBitmaskImmediates(64)) out.push(`and x1, x2, #${hex(v)}`);
  for (const v of allBitmaskImmediates(32)) out.push(`orr w3, w4, #${hex(v)}`);
  const some = [1n, 0xffn, 0xff00n, 0x5555555555555555n, 0xfffffffffffffffen, 0x8000000000000000n, 0x00000000fffffff0n, 0x3333333333333333n];
  for (const op of ['and', 'orr', 'eor', 'ands']) {
    for (const v of some) out.push(`${op} ${op === 'ands' ? 'xzr' : 'sp'}, x9, #${hex(v)}`, `${op} x30, xzr, #${hex(v)}`);
    for (const v of [1n, 0xffn, 0xfffffffen, -2n, 0x80000000n]) out.push(`${op} ${op === 'ands' ? 'wzr' : 'wsp'}, w9, #${hex(v)}`, `${op} w30, wzr, #${hex(v)}`);
  }
  for (const v of [1n, 0xff00n, -2n]) out.push(`bic x1, x2, #${hex(v)}`, `bic w5, w6, #${hex(v)}`, `tst x7, #${hex(v)}`, `tst w8, #${hex(v)}`);
  for (const op of ['and', 'orr', 'eor', 'ands', 'bic', 'orn', 'eon', 'bics']) {
    out.push(`${op} x0, x1, x2`, `${op} w0, w1, w2`, `${op} xzr, xzr, xzr`);
    for (const sh of ['lsl', 'lsr', 'asr', 'ror']) {
      for (const a of [1, 31]) out.push(`${op} w3, w4, w5, ${sh} #${a}`);
      for (const a of [0, 32, 63]) out.push(`${op} x6, x7, x8, ${sh} #${a}`);
    }
  }
  out.push('tst x0, x1', 'tst w2, w3, ror #7', 'tst x4, x5, lsl #63', 'mvn x0, x1', 'mvn w2, w3', 'mvn x4, x5, ror #3', 'mvn w6, w7, lsr #31');
}

function bitfield(out: string[]): void {
  for (const [r, bits] of [[x, 64], [w, 32]] as const) {
    for (const op of ['lsl', 'lsr', 'asr', 'ror']) {
      for (const s of [0, 1, 7, bits / 2, bits - 1]) out.push(`${op} ${r(1)}, ${r(2)}, #${s}`);
      out.push(`${op} ${r(3)}, ${r(4)}, ${r(5)}`, `${op}v ${r(30)}, ${r(29)}, ${r(28)}`);
    }
    for (const op of ['sbfm', 'bfm', 'ubfm']) for (const [a, b] of [[0, 0], [1, bits - 1], [bits - 1, 3], [5, 5]]) out.push(`${op} ${r(6)}, ${r(7)}, #${a}, #${b}`);
    for (const op of ['ubfx', 'sbfx', 'bfxil', 'ubfiz', 'sbfiz', 'bfi']) for (const [lsb, wd] of [[0, 1], [0, bits], [3, 4], [bits - 1, 1], [8, bits - 8]]) out.push(`${op} ${r(8)}, ${r(9)}, #${lsb}, #${wd}`);
    for (const s of [0, 1, bits - 1]) out.push(`extr ${r(10)}, ${r(11)}, ${r(12)}, #${s}`);
  }
  out.push('uxtb w0, w1', 'uxth w2, w3', 'sxtb w4, w5', 'sxth w6, w7', 'sxtb x8, w9', 'sxth x10, w11', 'sxtw x12, w13', 'sxtw x30, wzr', 'uxtw x1, w0', 'uxtw x30, wzr', 'uxtb x2, w3', 'uxth x4, w5');
}

function dataReg(out: string[]): void {
  for (const [r] of [[x], [w]] as const) {
    out.push(`madd ${r(0)}, ${r(1)}, ${r(2)}, ${r(3)}`, `msub ${r(4)}, ${r(5)}, ${r(6)}, ${r(7)}`, `mul ${r(8)}, ${r(9)}, ${r(10)}`, `mneg ${r(11)}, ${r(12)}, ${r(13)}`,
      `udiv ${r(14)}, ${r(15)}, ${r(16)}`, `sdiv ${r(17)}, ${r(18)}, ${r(30)}`);
  }
  out.push('smulh x0, x1, x2', 'umulh x3, x4, x5', 'smaddl x0, w1, w2, x3', 'umaddl x4, w5, w6, x7', 'smsubl x8, w9, w10, x11', 'umsubl x12, w13, w14, x15',
    'smull x0, w1, w2', 'umull x3, w4, w5', 'smnegl x6, w7, w8', 'umnegl x9, w10, w11');
  const conds = ['eq', 'ne', 'cs', 'hs', 'cc', 'lo', 'mi', 'pl', 'vs', 'vc', 'hi', 'ls', 'ge', 'lt', 'gt', 'le', 'al', 'nv'];
  for (const c of conds) {
    out.push(`csel x0, x1, x2, ${c}`, `csinc w3, w4, w5, ${c}`, `csinv x6, x7, x8, ${c}`, `csneg w9, w10, w11, ${c}`);
    if (c !== 'al' && c !== 'nv') out.push(`cset x12, ${c}`, `csetm w13, ${c}`, `cinc x14, x15, ${c}`, `cinv w16, w17, ${c}`, `cneg x18, x19, ${c}`);
  }
}

function loadStore(out: string[]): void {
  const forms: [string, (n: number) => string, number][] = [
    ['ldr', x, 3], ['str', x, 3], ['ldr', w, 2], ['str', w, 2], ['ldrb', w, 0], ['strb', w, 0], ['ldrh', w, 1], ['strh', w, 1],
    ['ldrsb', w, 0], ['ldrsb', x, 0], ['ldrsh', w, 1], ['ldrsh', x, 1], ['ldrsw', x, 2],
  ];
  for (const [op, r, size] of forms) {
    const sc = 1 << size;
    const offs = [0, sc, 4095 * sc, 255, -256, -1, 1, 3, 257 * sc - sc, 8];
    for (const base of ['x1', 'sp', 'x30']) {
      out.push(`${op} ${r(0)}, [${base}]`);
      for (const o of offs) out.push(`${op} ${r(2)}, [${base}, #${o}]`);
      for (const o of [-256, -1, 0, 8, 255]) out.push(`${op} ${r(3)}, [${base}, #${o}]!`, `${op} ${r(4)}, [${base}], #${o}`);
    }
    out.push(`${op} ${r(31) === 'x31' ? 'xzr' : r(31)}, [x5, x6]`.replace('w31', 'wzr'), `${op} ${r(7)}, [x8, x9, lsl #${size}]`, `${op} ${r(7)}, [sp, w9, uxtw]`,
      `${op} ${r(7)}, [x8, w9, uxtw #${size}]`, `${op} ${r(7)}, [x8, w9, sxtw #${size}]`, `${op} ${r(7)}, [x8, w9, sxtw]`, `${op} ${r(7)}, [x8, x9, sxtx]`,
      `${op} ${r(7)}, [x8, x9, sxtx #${size}]`, `${op} ${r(10)}, [x11, x12, lsl #0]`.replace(/lsl #0/, size === 0 ? 'lsl #0' : 'lsl #' + size));
    const u = op.replace(/^ldr/, 'ldur').replace(/^str/, 'stur');
    for (const o of [-256, -1, 0, 1, 8, 255]) out.push(`${u} ${r(13)}, [x14, #${o}]`);
    out.push(`${u} ${r(15)}, [sp]`);
  }
  for (const [op, r, scale] of [['ldp', x, 8], ['stp', x, 8], ['ldp', w, 4], ['stp', w, 4], ['ldpsw', x, 4], ['ldnp', x, 8], ['stnp', w, 4]] as const) {
    for (const o of [0, scale, -64 * scale, 63 * scale, -scale]) {
      out.push(`${op} ${r(0)}, ${r(1)}, [x2, #${o}]`, `${op} ${r(29)}, ${r(30)}, [sp, #${o}]`);
      if (!op.endsWith('np')) out.push(`${op} ${r(3)}, ${r(4)}, [sp, #${o}]!`, `${op} ${r(5)}, ${r(6)}, [x7], #${o}`);
    }
    out.push(`${op} ${r(8)}, ${r(9)}, [x10]`);
  }
}

function system(out: string[]): void {
  for (const imm of ['0', '1', '0xffff', '0x80']) out.push(`svc #${imm}`, `hvc #${imm}`, `brk #${imm}`, `smc #${imm}`, `hlt #${imm}`);
  out.push('svc 0', 'eret', 'nop', 'yield', 'wfe', 'wfi', 'sev', 'sevl', 'isb', 'isb sy', 'isb #3', 'ret', 'ret x1', 'br x2', 'blr x30', 'clrex', 'clrex #3');
  for (const o of ['sy', 'st', 'ld', 'ish', 'ishst', 'ishld', 'nsh', 'nshst', 'nshld', 'osh', 'oshst', 'oshld', '#5', '#12']) out.push(`dsb ${o}`, `dmb ${o}`);
  const regs = ['VBAR_EL1', 'ELR_EL1', 'SPSR_EL1', 'ESR_EL1', 'FAR_EL1', 'SP_EL0', 'TTBR0_EL1', 'TTBR1_EL1', 'TPIDR_EL0', 'TCR_EL1', 'SCTLR_EL1', 'MAIR_EL1', 'DAIF', 'NZCV',
    'tpidr_el1', 'tpidrro_el0', 'cntvct_el0', 'cntfrq_el0', 'fpcr', 'fpsr', 'midr_el1', 'sp_el1', 'spsel', 'cpacr_el1', 's3_0_c15_c2_7'];
  for (const r of regs) out.push(`mrs x3, ${r}`, `msr ${r}, x4`);
  out.push('mrs x0, CurrentEL', 'mrs xzr, nzcv', 'msr nzcv, xzr');
  for (const i of [0, 2, 15]) out.push(`msr DAIFSet, #${i}`, `msr daifclr, #${i}`, `msr SPSel, #${i & 1}`);
}

function extras(out: string[]): void {
  for (const [r] of [[x], [w]] as const) {
    for (const op of ['adc', 'adcs', 'sbc', 'sbcs']) out.push(`${op} ${r(0)}, ${r(1)}, ${r(30)}`, `${op} ${r(31).replace(/31/, 'zr')}, ${r(2)}, ${r(3)}`);
    out.push(`ngc ${r(6)}, ${r(7)}`, `ngcs ${r(8)}, ${r(9)}`);
    for (const op of ['rbit', 'rev16', 'rev', 'clz', 'cls']) out.push(`${op} ${r(4)}, ${r(5)}`);
    for (const c of ['eq', 'ne', 'hs', 'lt', 'al']) {
      out.push(`ccmp ${r(0)}, ${r(1)}, #4, ${c}`, `ccmn ${r(2)}, #31, #15, ${c}`, `ccmp ${r(3)}, #0, #0, ${c}`, `ccmn ${r(29)}, ${r(30)}, #2, ${c}`);
    }
  }
  out.push('rev32 x6, x7', 'xzr'.replace('xzr', 'rev x0, xzr'));
  for (const base of ['x1', 'sp']) {
    out.push(`ldxr x0, [${base}]`, `ldxr w0, [${base}, #0]`, `stxr w2, x3, [${base}]`, `stlxr w2, w3, [${base}]`, `ldaxr x5, [${base}]`, `ldar w7, [${base}]`, `stlr x9, [${base}]`,
      `ldxrb w0, [${base}]`, `ldxrh w0, [${base}]`, `stxrb w2, w3, [${base}]`, `stxrh w2, w3, [${base}]`, `stlxrb w4, w5, [${base}]`, `ldaxrh w6, [${base}]`,
      `ldarb w5, [${base}]`, `ldarh w5, [${base}]`, `stlrb w7, [${base}]`, `stlrh w7, [${base}]`);
  }
  for (const op of ['ldtr', 'sttr', 'ldtrb', 'sttrb', 'ldtrh', 'sttrh', 'ldtrsb', 'ldtrsh']) for (const o of [-256, -4, 0, 8, 255]) out.push(`${op} w2, [x3, #${o}]`);
  for (const op of ['ldtr', 'sttr', 'ldtrsb', 'ldtrsh', 'ldtrsw']) for (const o of [-256, 0, 255]) out.push(`${op} x2, [sp, #${o}]`);
  out.push('ldtr x0, [x1]');
  for (const t of ['pld', 'pli', 'pst']) for (const l of [1, 2, 3]) for (const k of ['keep', 'strm']) out.push(`prfm ${t}l${l}${k}, [x${l}, #${l * 8}]`);
  out.push('prfm #31, [x3, x4, lsl #3]', 'prfm pldl1strm, [sp, w5, sxtw]', 'prfm pldl1keep, [x0, #-8]', 'prfm pldl1keep, [x0, #3]', 'prfm #7, [x1]', 'prfm pstl1keep, [x2, #32760]',
    'prfum pldl2keep, [x6, #3]', 'prfum #3, [sp, #-256]');
  out.push('ldxp x0, x1, [x2]', 'ldaxp w3, w4, [sp]', 'stxp w5, x6, x7, [x8]', 'stlxp w9, w10, w11, [x12, #0]', 'ldxp w13, w14, [x15]', 'stlxp w16, x17, x18, [sp]');
  out.push('sys #0, c7, c5, #0', 'sys #3, c7, c14, #1, x4', 'sysl x0, #3, c9, c12, #0', 'sys #7, c15, c15, #7, xzr', 'sys #1, c0, c0, #2, x9');
  out.push('tlbi vmalle1', 'tlbi vmalle1is', 'tlbi vae1, x0', 'tlbi vale1is, x1', 'tlbi aside1, x2', 'tlbi vaae1, x3', 'tlbi vaale1, x4', 'tlbi vae1is, x5', 'tlbi vaae1is, x6',
    'tlbi aside1is, x7', 'tlbi vale1, x8', 'tlbi vaale1is, x9', 'ic iallu', 'ic ialluis', 'ic ivau, x3', 'dc civac, x4', 'dc cvac, x5', 'dc cvau, x6', 'dc zva, x7',
    'dc ivac, x8', 'dc isw, x9', 'dc csw, x10', 'dc cisw, x11', 'at s1e1r, x9', 'at s1e1w, x9', 'at s1e0r, x9', 'at s1e0w, x10', 'hint #0', 'hint #5', 'hint #127', 'udf #0', 'udf #0xffff');
}

export function symbolFreeCorpus(): string[] {
  const out: string[] = [];
  moves(out);
  arith(out);
  logical(out);
  bitfield(out);
  dataReg(out);
  loadStore(out);
  system(out);
  extras(out);
  return out;
}
