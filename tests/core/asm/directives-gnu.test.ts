// Data directives and expressions: our .data/.rodata bytes vs GNU as.
import { describe, expect, it } from 'vitest';
import { assembleX86 } from '../../../core/arch/x86_64/assembler/x86-backend.js';
import { gnuSectionBytes, hex } from '../arch/x86_64/assembler/gnu-as.js';

const SRC = String.raw`.intel_syntax noprefix
.data
start:
  .byte 1, -1, 255, 'a', '\n', 0x7f, 010, 0b1010
  .short 0x1234, -2
  .hword 7
  .2byte 8
  .value 9
  .word 0xbeef
  .long 0x12345678, -1
  .int 5
  .4byte 6
  .quad 0x1122334455667788, -3
  .8byte 1
  .ascii "tab\there\n", "quote\"back\\slash"
  .asciz "octal\101\0end"
  .string "hex\x41\x4a"
  .byte 2+3*4, (2+3)*4, 1<<4|1, 0xf0&0x3c^0x0f, ~0&0xff, -7/2, 17%5, 100>>2, 1 - 2 - 3
  .p2align 3
  .byte 0xaa
  .balign 16, 0x55
  .align 4
  .skip 5
  .space 3, 0xee
  .zero 2
  .fill 3, 2, 0x0102
  .fill 2
  .p2align 4, 0x11, 3
  .byte 0x33
len = . - start
.equ twice, len * 2
.set counter, 1
.set counter, counter + 1
  .long len, twice, counter, later
  .uleb128 0, 127, 128, 624485, 0xffffffffffffffff
  .sleb128 0, -1, 63, 64, -64, -65, -123456, 0x7fffffffffffffff
  .rept 3
  .byte 0xab
  .rept 2
  .short 0x1234
  .endr
  .endr
  .rept 0
  .byte 0xff
  .endr
later = 0x77
.section .rodata
  .quad 0, 1
  .string "ro"
`;

describe('data directives vs GNU as', () => {
  it.each(['.data', '.rodata'])('%s bytes match', (section) => {
    const r = assembleX86(SRC);
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    const ours = r.image.sections.find((s) => s.name === section)?.bytes ?? new Uint8Array(0);
    expect(ours.length).toBeGreaterThan(10);
    expect(hex(ours)).toBe(hex(gnuSectionBytes(SRC, section)));
  });
});
