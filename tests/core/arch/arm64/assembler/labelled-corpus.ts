// A labelled AArch64 corpus: every PC-relative and absolute relocation form
// (b/bl/b.cond/cbz/tbz, adr/adrp, :lo12: on add and loads of each size,
// :abs_gN:, ldr literal and `ldr =` pools with .ltorg), forward and backward,
// same-section and cross-section, near the edges of their ranges.

const CONDS = ['eq', 'ne', 'hs', 'lo', 'mi', 'pl', 'vs', 'vc', 'hi', 'ls', 'ge', 'lt', 'gt', 'le', 'al', 'cs', 'cc'];

/**
 * b.cond/cbz/ldr-literal/adr at exactly ±1 MiB. Kept apart because the 2 MiB
 * of padding makes it slow to assemble.
 */
export function rangeEdgeCorpus(): string {
  return [
    '.global _start', '.text', '_start:',
    'edge_b_back: nop', '.skip 1048568', 'b.eq edge_b_back', 'cbz x1, edge_b_fwd', 'ldr x2, edge_b_fwd', 'adr x3, edge_b_fwd', '.skip 1048560', 'edge_b_fwd: nop',
    'ret',
  ].join('\n') + '\n';
}

export function labelledCorpus(): string {
  const out: string[] = ['.global _start', '.global gfunc', '.text', '_start:'];
  // Backward and forward branches of every kind to nearby labels.
  out.push('back0: nop');
  for (const c of CONDS) out.push(`b.${c} back0`, `b.${c} fwd0`, `b${c === 'al' ? '.' : ''}${c} fwd1`);
  for (const r of ['x0', 'w1', 'x30', 'wzr']) out.push(`cbz ${r}, back0`, `cbnz ${r}, fwd0`);
  for (const [r, bits] of [['x2', 64], ['w3', 32]] as const) for (const b of [0, 5, bits - 1]) out.push(`tbz ${r}, #${b}, back0`, `tbnz ${r}, #${b}, fwd1`);
  out.push('b back0', 'bl back0', 'b fwd0', 'bl fwd1', 'b .', 'b .+8', 'b .-4', 'bl gfunc', 'b gfunc', 'b.ne gfunc', 'cbz x0, gfunc');
  out.push('adr x0, back0', 'adr x1, fwd0', 'adr x2, .', 'adr x3, .+12', 'adr x5, fwd1+3');
  out.push('1: nop', 'b 1b', 'b 1f', 'cbz x0, 1b', 'tbz w0, #1, 1f', '1: nop', 'adr x6, 1b');
  // Data references.
  for (const s of ['msg', 'msg+1', 'buf', 'buf+4096', 'far', 'quad', 'gfunc', '_start+4']) {
    out.push(`adrp x7, ${s}`, `add x7, x7, :lo12:${s}`, `adrp x8, :pg_hi21:${s}`, `add x8, x8, #:lo12:${s}`);
  }
  out.push('ldrb w9, [x7, :lo12:msg]', 'ldrh w9, [x7, :lo12:hword]', 'ldr w9, [x7, #:lo12:word]', 'ldr x9, [x7, :lo12:quad]', 'ldrsb x9, [x7, :lo12:msg]',
    'strb w9, [x7, :lo12:buf]', 'str x9, [x7, :lo12:quad]', 'ldrsw x9, [x7, :lo12:word]', 'ldrsh w9, [x7, :lo12:hword]');
  for (const s of ['msg', 'far', 'quad+8']) out.push(`movz x10, #:abs_g0_nc:${s}`, `movk x10, #:abs_g1_nc:${s}`, `movk x10, #:abs_g2_nc:${s}`, `movk x10, #:abs_g3:${s}`);
  out.push('movz x11, #:abs_g1:msg', 'movz x12, #:abs_g2:msg', 'movz w13, #:abs_g0:0x1234', 'movz x13, #:abs_g1:0x12340000');
  out.push('ldr x14, lit8', 'ldr w15, lit4', 'ldrsw x16, lit4', 'ldr x14, fwd_lit', 'prfm pldl1keep, lit8', 'prfm pstl2strm, fwd_lit');
  // Literal pools: constants (deduplicated), symbols, both sizes, then an .ltorg.
  out.push('ldr x17, =0x1122334455667788', 'ldr w18, =0x11223344', 'ldr x19, =msg', 'ldr x20, =msg+2', 'ldr x17, =0x1122334455667788',
    'ldr w21, =42', 'ldr x22, =-1', 'ldr w23, =-1', 'ldrsw x24, =0x80000000', 'ldr x25, =gfunc', 'ldr x26, =.');
  out.push('b after_pool', '.ltorg', 'after_pool:');
  out.push('ldr x0, =0x1122334455667788', 'ldr w1, =7', 'ldr x2, =quad', '.pool');
  out.push('.align 4', 'lit8: .quad 0x0123456789abcdef', 'lit4: .word 0x89abcdef', '.align 3', 'fwd_lit: .quad msg');
  out.push('fwd0: nop', 'fwd1: nop', 'gfunc: ret');
  // Range edges: tbz is ±32 KiB, b.cond/cbz/ldr literal ±1 MiB.
  out.push('edge_tbz_back: nop', '.skip 32760', 'tbz x0, #63, edge_tbz_back', 'tbnz w0, #0, edge_tbz_fwd', '.skip 32760', 'edge_tbz_fwd: nop');
  out.push('edge_b_fwd: nop');
  out.push('ldr x3, =0xfeedfacecafebeef', 'b other', 'bl other', 'adr x4, .', 'ret');
  out.push('.section .text.other, "ax"', 'other: ret', 'b _start', 'b.ne edge_b_fwd', 'cbz x0, edge_b_fwd', 'tbz x0, #2, edge_b_fwd', 'ldr x5, =other', 'ldr w6, =0x55');
  out.push('.data', 'msg: .ascii "hello"', '.align 1', 'hword: .short 0x1234', '.align 2', 'word: .word 0x12345678', '.align 3', 'quad: .quad back0, msg+3, gfunc',
    '.word msg', '.xword msg', '.skip 5000', 'far: .byte 1');
  out.push('.bss', 'buf: .skip 8192');
  return out.join('\n') + '\n';
}
