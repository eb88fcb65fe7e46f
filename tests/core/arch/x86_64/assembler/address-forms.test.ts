// Address forms found by tests/fuzz/x86-decoder with random seeds, against GNU as:
// objdump's `[eip+…]` (RIP-relative under 0x67), `[ecx+eiz*2]` / `[riz*2+…]` (SIB with
// no index), absolute addresses printed sign-extended (`ds:0xffffffffe9ce6577`),
// 32-bit addressing wrapping at 2^32, `mov eax, ds:0x80000000` (only movabs reaches
// it) and `xchg rax,rax`. GNU as wants `.allow_index_reg` before eiz/riz; we take it
// (and need it not).
import { describe, expect, it } from 'vitest';
import { assembleX86 } from '../../../../../core/arch/x86_64/assembler/x86-backend.js';
import { disassemble } from '../../../../../core/arch/x86_64/disassembler.js';
import { gnuErrors, gnuSectionBytes, hex } from './gnu-as.js';

const HEADER = '.intel_syntax noprefix\n.allow_index_reg\n';

const ACCEPTED = [
  'add eax, DWORD PTR [eip+0x10]',
  'add eax, DWORD PTR [eip+0x80000000]',
  'add eax, DWORD PTR [eip+0xffffffff]',
  'lea rax, [eip+0]',
  'add eax, DWORD PTR [ecx+eiz*2]',
  'add eax, DWORD PTR [ecx+eiz*1]',
  'add eax, DWORD PTR [ecx+2*eiz]',
  'add eax, DWORD PTR [esp+eiz*1]',
  'add eax, DWORD PTR [ebp+eiz*4]',
  'add eax, DWORD PTR [r13d+eiz*8-0x3]',
  'add eax, DWORD PTR [eiz*1+0x5]',
  'add eax, DWORD PTR [eiz*2+0xe9ce6577]',
  'add eax, DWORD PTR [riz*2+0x5]',
  'add eax, DWORD PTR [rcx+riz*1]',
  'add eax, DWORD PTR [r12+riz*4+0x100]',
  'add eax, DWORD PTR ds:0xffffffffe9ce6577',
  'add eax, DWORD PTR ds:0xffffffff80000000',
  'add eax, DWORD PTR ds:0x7fffffff',
  'add eax, DWORD PTR [-0x80000000]',
  'cmp BYTE PTR ds:0xfffffffffffffff0, 1',
  'add eax, DWORD PTR [rax+0xffffffff80000000]',
  'add eax, DWORD PTR [rax+0xffffffffffffffff]',
  'add eax, DWORD PTR [rip+0xffffffff80000000]',
  'add eax, DWORD PTR [eax+0x80000000]',
  'add eax, DWORD PTR [eax+0xffffffff]',
  'add eax, DWORD PTR [eax*2+0x80000000]',
  'add eax, DWORD PTR [eax+0xffffffff80000000]',
  'mov eax, DWORD PTR ds:0x80000000',
  'mov ds:0x80000000, eax',
  'mov ds:0x80000000, al',
  'mov ax, ds:0xffffffff00000000',
  'mov rax, QWORD PTR ds:0xffffffff00000000',
  'mov fs:0x80000000, eax',
  'mov eax, DWORD PTR ds:0xffffffff80000000',
  'xchg rax, rax',
  'xchg eax, eax',
];

/** GNU as refuses these (or only warns and truncates, for the 32-bit-addressing ones); we refuse them all. */
const REFUSED: [string, RegExp][] = [
  ['add eax, DWORD PTR ds:0x80000000', /address 0x80000000 does not fit a sign-extended 32-bit displacement/],
  ['add eax, DWORD PTR [0x100000000]', /address 0x100000000 does not fit/],
  ['mov ebx, DWORD PTR ds:0x80000000', /address 0x80000000 does not fit/],
  ['add eax, DWORD PTR [rax*2+0x80000000]', /displacement 0x80000000 out of range/],
  ['add eax, DWORD PTR [rax+0x80000000]', /displacement 0x80000000 out of range/],
  ['add eax, DWORD PTR [rip+0x80000000]', /displacement 0x80000000 out of range/],
  ['add eax, DWORD PTR [rax+0xffffffff7fffffff]', /displacement 0xffffffff7fffffff out of range/],
  ['add eax, DWORD PTR [eax+0x100000000]', /displacement 0x100000000 out of range/],
  ['add eax, DWORD PTR [rax+eiz*1]', /not a valid base\/index expression/],
  ['add eax, DWORD PTR [ecx+eiz*2+edx]', /not a valid base\/index expression/],
  ['mov eax, eiz', /invalid use of register 'eiz'/],
  ['mov rax, rip', /invalid use of register 'rip'/],
];

function ours(line: string): string {
  const r = assembleX86(`${HEADER}${line}\n`);
  if (!r.ok) return `error: ${r.errors[0]!.message}`;
  return hex(r.image.sections.find((s) => s.name === '.text')!.bytes);
}

describe('x86-64 address forms objdump prints', () => {
  it.each(ACCEPTED)('%s encodes like GNU as', (line) => {
    expect(ours(line)).toBe(hex(gnuSectionBytes(`${HEADER}${line}\n`)));
  });

  it.each(REFUSED)('%s is refused with a clear message', (line, message) => {
    const r = assembleX86(`${HEADER}${line}\n`);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0]).toMatchObject({ line: 3, message: expect.stringMatching(message) });
  });

  it('GNU as refuses the 64-bit-addressing lines above (32-bit ones it truncates with a warning)', () => {
    const strict = REFUSED.filter(([l]) => !/\[eax\+0x100000000\]|eiz|rip$|mov eax, eiz/.test(l));
    for (const [line] of strict) expect(gnuErrors(`${HEADER}${line}\n`), line).not.toEqual([]);
  });

  it('accepts .allow_index_reg / .disallow_index_reg and eiz without them', () => {
    const plain = assembleX86('.intel_syntax noprefix\n.disallow_index_reg\nadd eax, DWORD PTR [ecx+eiz*2]\n');
    expect(plain.ok && hex(plain.image.sections.find((s) => s.name === '.text')!.bytes)).toBe('67 03 04 61');
  });

  // The disassembler side of the same inputs: under 0x67 a SIB without base or index keeps
  // eiz and a zero-extended disp32 (`ds:0x5` would be a different instruction).
  it('prints 67-prefixed SIB-only addresses as objdump does and reassembles them', () => {
    const cases: [string, string][] = [
      ['6703042505000000', 'add    eax,DWORD PTR [eiz*1+0x5]'],
      ['670304657765cee9', 'add    eax,DWORD PTR [eiz*2+0xe9ce6577]'],
      ['0304257765cee9', 'add    eax,DWORD PTR ds:0xffffffffe9ce6577'],
      ['67030461', 'add    eax,DWORD PTR [ecx+eiz*2]'],
      ['4887c0', 'xchg   rax,rax'],
    ];
    for (const [bytes, text] of cases) {
      const b = Uint8Array.from(Buffer.from(bytes, 'hex'));
      expect(disassemble(b, 0).text).toBe(text);
      const back = assembleX86(`.intel_syntax noprefix\n${text}\n`);
      expect(back.ok).toBe(true);
      if (back.ok && bytes !== '4887c0') expect(hex(back.image.sections.find((s) => s.name === '.text')!.bytes)).toBe(hex(b));
    }
  });
});
