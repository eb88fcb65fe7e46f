// GNU as AArch64 source rules through the whole assembler: `//` and `/* */`
// comments, `#` comments at line start, `;` separators, case-insensitive
// mnemonics and registers, `# imm` with a space, `.align N` = 2^N with NOP
// fill in code, `.word` = 4 bytes, `.inst`, `.xword`/`.dword`, `.equ`
// constants and label differences as immediates.

import { describe, expect, it } from 'vitest';
import { assembleArm64 } from '../../../../../core/arch/arm64/assembler/assembler.js';
import { gasObject, gasText, sectionBytes, withTempDir } from './gas.js';

const SNIPPETS: Record<string, string> = {
  comments: '# c1\n  # c2\nMOV X0, #1 // c3\nmov x1, 2; mov x2, 3 /* c4 */ ; nop\n/* multi\n line */ ret\n',
  'data directives': 'nop\n.align 3\n.word 0x11223344\n.inst 0xd503201f\n.xword 5\n.dword 6, 7\n.quad 8\n.short 1\n.byte 2\n.align 2\nnop\n',
  'case and spacing': 'add X3, SP, #0x10\nLdR w4, [SP, #4]\nb.EQ .\nmov x5, #(1 << 4) | 3\nmov x6, # 7\nSTP X29, X30, [SP, #-16]!\n',
  'align fills code with nops': 'nop\n.align 4\nret\n.balign 16\nnop\n.p2align 5\nnop\n.align 3, 0\nnop\n',
  'equ and label arithmetic': '.equ N, 12\nBUF = 0x40\nmov x0, #N\nadd x1, x2, #N*2\nldr x3, [x4, #BUF]\nstart: nop\nnop\nend_:\nmov x5, #(end_ - start)\nsub sp, sp, #(end_ - start) * 8\n',
  'local labels and dot': '1: b 1f\nb 1b\n1: cbz x0, 1b\nb .+8\nnop\nadr x1, .\ntbz x2, #3, 2f\n2: ret\n',
  'instructions after odd-sized data are realigned': '.byte 1\nnop\n.ascii "abc"\nb 1f\n.short 7\nret\n1: ret\n.byte 2\nadr x0, 1b\ncbz x1, 1b\n',
  'kernel vector table and entry path': '.equ S_FRAME, 272\n.align 11\nvectors:\n.align 7\nb el1_entry_0\n.align 7\nb el1_entry_1\n.align 7\nb el1_entry_2\n.align 7\nb el1_entry_3\n.align 7\nb el1_entry_4\n.align 7\nb el1_entry_5\n.align 7\nb el1_entry_6\n.align 7\nb el1_entry_7\n.align 7\nb el1_entry_8\n.align 7\nb el1_entry_9\n.align 7\nb el1_entry_10\n.align 7\nb el1_entry_11\n.align 7\nb el1_entry_12\n.align 7\nb el1_entry_13\n.align 7\nb el1_entry_14\n.align 7\nb el1_entry_15\n.align 2\nel1_entry_0: b kernel_entry\nel1_entry_1: b kernel_entry\nel1_entry_2: b kernel_entry\nel1_entry_3: b kernel_entry\nel1_entry_4: b kernel_entry\nel1_entry_5: b kernel_entry\nel1_entry_6: b kernel_entry\nel1_entry_7: b kernel_entry\nel1_entry_8: b kernel_entry\nel1_entry_9: b kernel_entry\nel1_entry_10: b kernel_entry\nel1_entry_11: b kernel_entry\nel1_entry_12: b kernel_entry\nel1_entry_13: b kernel_entry\nel1_entry_14: b kernel_entry\nel1_entry_15: b kernel_entry\nkernel_entry:\nsub sp, sp, #S_FRAME\nstp x0, x1, [sp, #16 * 0]\nstp x2, x3, [sp, #16 * 1]\nstp x28, x29, [sp, #16 * 14]\nmrs x21, sp_el0\nmrs x22, elr_el1\nmrs x23, spsr_el1\nstp x30, x21, [sp, #16 * 15]\nstp x22, x23, [sp, #16 * 16]\nmrs x25, esr_el1\nlsr x24, x25, #26\ncmp x24, #0x15\nb.ne 1f\nmov x0, sp\nbl do_syscall\n1: ldp x22, x23, [sp, #16 * 16]\nldp x30, x21, [sp, #16 * 15]\nmsr sp_el0, x21\nmsr elr_el1, x22\nmsr spsr_el1, x23\nldp x0, x1, [sp, #16 * 0]\nadd sp, sp, #S_FRAME\neret\ndo_syscall: ldr x8, [x0, #8 * 8]\ncmp x8, #450\nb.hs 2f\nadrp x9, table\nadd x9, x9, :lo12:table\nldr x10, [x9, x8, lsl #3]\nbr x10\n2: mov x0, #-38\nret\ntable: .quad do_syscall, kernel_entry\n',
  'ldr literal within text': 'ldr x0, val\nldr w1, val\nldrsw x2, val\nb skip\nval: .word -2\nskip: ret\n',
};

describe('AArch64 syntax vs aarch64-linux-gnu-as', () => {
  for (const [name, source] of Object.entries(SNIPPETS)) {
    it(name, () => {
      const r = assembleArm64(source);
      if (!r.ok) throw new Error(r.errors.map((e) => `${e.line}:${e.column}: ${e.message}`).join('\n'));
      const ours = Buffer.from(r.image.sections.find((s) => s.name === '.text')?.bytes ?? []).toString('hex');
      expect(ours.length).toBeGreaterThan(0);
      expect(ours).toBe(Buffer.from(gasText(source)).toString('hex'));
    });
  }
  it('comment markers inside strings, tabs, CRLF and cpp line markers', () => {
    const source = '.data\nmsg: .ascii "http://x; y /* z */ #w"\n.asciz "a\\tb"\r\n.text\r\n\tmov\tx0,\t#1\r\n# 1 "file.S"\n';
    const r = assembleArm64(source);
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    withTempDir((dir) => {
      gasObject(source, dir, 's');
      for (const sec of ['.text', '.data']) {
        const ours = Buffer.from(r.image.sections.find((x) => x.name === sec)?.bytes ?? []).toString('hex');
        expect(ours).toBe(Buffer.from(sectionBytes(`${dir}/s.gas.o`, sec, dir)).toString('hex'));
      }
    });
  });
  it('maps every instruction to its source line and column', () => {
    const r = assembleArm64('  nop\nlab: mov x0, #1 ; ret\n');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.image.sourceMap.map((m) => [m.offset, m.line, m.column])).toEqual([[0, 1, 3], [4, 2, 6], [8, 2, 19]]);
  });
});
