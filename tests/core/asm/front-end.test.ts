import { describe, expect, it } from 'vitest';
import { assemble } from '../../../core/asm/assemble.js';
import type { ArchBackend, EncodeContext, ParsedInstruction } from '../../../core/asm/backend.js';
import type { ObjectImage } from '../../../core/asm/types.js';

// A toy ISA that exercises the front end without any real back end:
// `nop` = 0x90, `jmp label` = EB rel8 when in range and same section else E9 rel32,
// `ldl reg, =expr` = 4 bytes referencing an 8-byte literal pool entry.
const toy: ArchBackend = {
  arch: 'x86_64',
  lineComments: ['#', '//'],
  lineStartComments: [],
  semicolon: 'separator-or-comment',
  alignIsPowerOfTwo: false,
  wordSize: 2,
  dataRelocation: (size) => ({ 1: 14, 2: 12, 4: 10, 8: 1 })[size],
  isMnemonic: (w) => ['nop', 'jmp', 'ldl'].includes(w),
  codeFill: (n) => new Uint8Array(n).fill(0x90),
  encode(insn: ParsedInstruction, ctx: EncodeContext) {
    if (insn.mnemonic === 'nop') return { bytes: Uint8Array.of(0x90) };
    if (insn.mnemonic === 'jmp') {
      const e = ctx.parseExpr(insn.tokens);
      if ('message' in e) return { error: e.message, column: e.column };
      const v = ctx.evaluate(e);
      if ('message' in v) return { error: v.message };
      if (v.kind === 'rel' && v.section === ctx.section) {
        const short = v.offset - BigInt(ctx.offset + 2);
        if ((ctx.previousSize ?? 2) === 2 && short >= -128n && short <= 127n) return { bytes: Uint8Array.of(0xeb, Number(short & 0xffn)) };
        const d = Number(BigInt.asUintN(32, v.offset - BigInt(ctx.offset + 5)));
        return { bytes: Uint8Array.of(0xe9, d & 255, (d >> 8) & 255, (d >> 16) & 255, d >>> 24) };
      }
      if (v.kind === 'abs') return { error: 'jump to absolute' };
      return { bytes: Uint8Array.of(0xe9, 0, 0, 0, 0), fixups: [{ offset: 1, type: 4, symbol: v.symbol, addend: v.addend - 4n }] };
    }
    if (insn.mnemonic === 'ldl') {
      const ops = insn.operands[1] ?? [];
      const e = ctx.parseExpr(ops, 1);
      if ('message' in e) return { error: e.message, column: e.column };
      const v = ctx.literal(e, 8, ops.map((t) => t.text).join(''));
      if ('message' in v || v.kind !== 'rel') return { error: 'bad literal' };
      return { bytes: Uint8Array.of(0x11, Number(v.offset & 0xffn), 0, 0) };
    }
    return { error: `unknown mnemonic '${insn.mnemonicText}'`, column: insn.column };
  },
};

function ok(src: string): ObjectImage {
  const r = assemble(src, toy);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.image;
}
const text = (img: ObjectImage, name = '.text'): number[] => [...(img.sections.find((s) => s.name === name)?.bytes ?? [])];

describe('asm front end', () => {
  it('emits data directives little-endian with GNU escapes', () => {
    const img = ok('.data\n.byte 1, 2+3, -1\n.short 0x1234\n.word 7\n.long 0x11223344\n.quad -2\n.ascii "a\\n\\x41\\101"\n.asciz "z"\n');
    expect(text(img, '.data')).toEqual([1, 5, 255, 0x34, 0x12, 7, 0, 0x44, 0x33, 0x22, 0x11, 254, 255, 255, 255, 255, 255, 255, 255, 97, 10, 65, 65, 122, 0]);
  });

  it('evaluates expressions with GNU precedence, char constants and octal', () => {
    const img = ok(".data\n.byte 2+3*4, (2+3)*4, 1<<3|1, ~0&0xf, 'a', 010, 0b101, 17%5, 7/2\n");
    expect(text(img, '.data')).toEqual([14, 20, 9, 15, 97, 8, 5, 2, 3]);
  });

  it('relaxes jumps: short when in range, long when not, and stays stable', () => {
    const img = ok('start: jmp fwd\n.skip 200, 0x90\nfwd: jmp start\njmp near\nnear: nop\n');
    const t = text(img);
    expect(t.slice(0, 5)).toEqual([0xe9, 200, 0, 0, 0]);
    expect(t.slice(205, 210)).toEqual([0xe9, 0x2e, 0xff, 0xff, 0xff]); // start - (205+5) = -210
    expect(t.slice(210, 213)).toEqual([0xeb, 0, 0x90]);
  });

  it('resolves local numeric labels 1f / 1b', () => {
    const img = ok('1: nop\njmp 1f\nnop\n1: jmp 1b\n');
    expect(text(img)).toEqual([0x90, 0xeb, 1, 0x90, 0xeb, 0xfe]);
  });

  it('handles .equ, = and . (current location)', () => {
    const img = ok('.data\nmsg: .ascii "hello"\nlen = . - msg\n.equ twice, len*2\n.byte len, twice\n');
    expect(text(img, '.data').slice(5)).toEqual([5, 10]);
    expect(img.symbols.find((s) => s.name === 'len')).toMatchObject({ section: '*ABS*', offset: 5n, kind: 'abs' });
  });

  it('aligns with code fill in text and zeros in data; x86 .align counts bytes', () => {
    const img = ok('nop\n.align 4\nnop\n.data\n.byte 1\n.p2align 3\n.byte 2\n.balign 4, 0xcc\n');
    expect(text(img)).toEqual([0x90, 0x90, 0x90, 0x90, 0x90]);
    expect(text(img, '.data')).toEqual([1, 0, 0, 0, 0, 0, 0, 0, 2, 0xcc, 0xcc, 0xcc]);
    expect(img.sections.find((s) => s.name === '.data')?.align).toBe(8);
  });

  it('keeps bss as size only and sections with their flags', () => {
    const img = ok('.bss\nbuf: .skip 64\n.section .rodata,"a"\n.byte 1\n.section .mine,"awx",@progbits\nnop\n');
    const bss = img.sections.find((s) => s.name === '.bss');
    expect(bss).toMatchObject({ kind: 'bss', size: 64 });
    expect(bss?.bytes.length).toBe(0);
    expect(img.sections.find((s) => s.name === '.rodata')).toMatchObject({ kind: 'other', flags: { alloc: true, write: false, exec: false } });
    expect(img.sections.find((s) => s.name === '.mine')).toMatchObject({ kind: 'text', flags: { alloc: true, write: true, exec: true } });
  });

  it('records cross-section references as fixups and globals as global', () => {
    const img = ok('.globl _start\n_start: jmp target\n.quad msg+3\n.data\nmsg: .byte 0\n.section .other,"ax"\ntarget: nop\n');
    expect(img.fixups).toEqual([
      { section: '.text', offset: 1, type: 4, symbol: 'target', addend: -4n, line: 2, column: 9 },
      { section: '.text', offset: 5, type: 1, symbol: 'msg', addend: 3n, line: 3, column: 7 },
    ]);
    expect(img.symbols.find((s) => s.name === '_start')).toMatchObject({ global: true, section: '.text', offset: 0n });
  });

  it('reads ; followed by English as a comment even when it starts with a mnemonic', () => {
    expect(text(ok('nop ; nop the kernel does not care\nnop ; jmp back to the loop\nnop; nop\nnop ; .data is where it goes\n')).length).toBe(5);
    expect(text(ok('nop ; jmp here ; jump to the end\nhere: nop\n'))).toEqual([0x90, 0xeb, 0, 0x90]);
  });

  it('treats ; as separator before a statement and as a comment otherwise', () => {
    expect(text(ok('nop; nop ; this is a comment\nnop # hash comment\nnop // slash comment\n/* block\n nop */ nop'))).toEqual([0x90, 0x90, 0x90, 0x90, 0x90]);
  });

  it('allocates .comm / .lcomm symbols in .bss with their alignment', () => {
    const img = ok('.bss\n.skip 3\n.text\n.comm shared, 16, 8\n.lcomm mine, 4\nnop\n');
    expect(img.sections.find((s) => s.name === '.bss')?.size).toBe(28);
    expect(img.symbols.find((s) => s.name === 'shared')).toMatchObject({ section: '.bss', offset: 8n, global: true });
    expect(img.symbols.find((s) => s.name === 'mine')).toMatchObject({ section: '.bss', offset: 24n, global: false });
    expect(text(img)).toEqual([0x90]);
  });

  it('repeats .rept bodies with local labels and keeps source lines', () => {
    const img = ok('.rept 3\n1: jmp 1b\n.endr\n');
    expect(text(img)).toEqual([0xeb, 0xfe, 0xeb, 0xfe, 0xeb, 0xfe]);
    expect(img.sourceMap.map((m) => m.line)).toEqual([2, 2, 2]);
    const bad = assemble('.rept 2\nnop\n', toy);
    expect(bad.ok ? [] : bad.errors).toEqual([{ line: 1, column: 1, message: '.rept without .endr' }]);
  });

  it('rejects initialised data in bss at the offending line', () => {
    expect(assemble('.bss\n.skip 4\n.byte 0\n.byte 1\n', toy)).toEqual({
      ok: false,
      errors: [{ line: 4, column: 1, message: "attempt to store non-zero value in section '.bss'" }],
    });
  });

  it('ignores a byte-order mark and accepts CRLF line ends', () => {
    const img = ok('\uFEFFnop\r\n  nop\r\n');
    expect(img.sourceMap.map((m) => [m.line, m.column])).toEqual([
      [1, 1],
      [2, 3],
    ]);
  });

  it('builds a source map per instruction', () => {
    const img = ok('\n  nop\nl: jmp l\n');
    expect(img.sourceMap).toEqual([
      { section: '.text', offset: 0, length: 1, line: 2, column: 3 },
      { section: '.text', offset: 1, length: 2, line: 3, column: 4 },
    ]);
  });

  it('places literal pool entries at the end of the section', () => {
    const img = ok('ldl r0, =0x1122\nnop\nldl r1, =0x1122\n');
    const t = text(img);
    expect(t.slice(0, 4)).toEqual([0x11, 16, 0, 0]);
    expect(t.slice(16)).toEqual([0x22, 0x11, 0, 0, 0, 0, 0, 0]);
    expect(t.slice(5, 9)).toEqual([0x11, 16, 0, 0]);
  });

  it('collects several positioned errors without throwing', () => {
    const r = assemble('nop\n mvo eax\n.fooo 1\njmp nowhere\n.att_syntax\n.byte (1\ndup: nop\ndup: nop\n.byte 1/0\ndup = 3\n', toy);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toEqual([
      { line: 2, column: 2, message: "unknown mnemonic 'mvo'" },
      { line: 3, column: 1, message: "unknown directive '.fooo'" },
      { line: 4, column: 5, message: "undefined symbol 'nowhere'" },
      { line: 5, column: 1, message: "AT&T syntax is not supported: write Intel syntax ('.intel_syntax noprefix')" },
      { line: 6, column: 7, message: "missing ')'" },
      { line: 8, column: 1, message: "symbol 'dup' is already defined" },
      { line: 9, column: 8, message: 'division by zero' },
      { line: 10, column: 1, message: "symbol 'dup' is already defined" },
    ]);
  });
});
