// `ldr =` literal pools against GNU as: placement at .ltorg/.pool and at the
// end of each section, 4-byte pool before 8-byte pool, alignment padding and
// de-duplication of equal values. Constants only, so the object's .text and
// .data bytes can be compared directly.

import { describe, expect, it } from 'vitest';
import { assembleArm64 } from '../../../../../core/arch/arm64/assembler/assembler.js';
import { withTempDir, gasObject, sectionBytes } from './gas.js';

function both(source: string, section: string): { ours: string; gas: string } {
  const r = assembleArm64(source);
  if (!r.ok) throw new Error(r.errors.map((e) => `${e.line}:${e.column}: ${e.message}`).join('\n'));
  const ours = Buffer.from(r.image.sections.find((s) => s.name === section)?.bytes ?? []).toString('hex');
  const gas = withTempDir((dir) => {
    gasObject(source, dir, 'p');
    return Buffer.from(sectionBytes(`${dir}/p.gas.o`, section, dir)).toString('hex');
  });
  return { ours, gas };
}

const SCENARIOS: Record<string, string> = {
  'x then w at section end': 'ldr x1, =0x2222222222\nldr w0, =0x11111111\nldr x2, =0x33\n',
  'dedup of equal values (not across signedness)': 'ldr x0, =5\nldr x1, =0x5\nldr w2, =5\nldr w3, =2+3\nldr x4, =-1\nldr x5, =0xffffffffffffffff\n',
  '.ltorg with both sizes and padding': 'ldr w0, =1\nldr x1, =2\nnop\n.ltorg\nldr x2, =2\nldr w3, =3\n.pool\nnop\n',
  'several .ltorg then the section end': 'ldr x0, =1\n.ltorg\nldr x0, =1\n.ltorg\nldr x1, =9\nldr w2, =8\nret\n',
  'ldrsw uses the 4-byte pool': 'ldr x2, =0x80000000\nldrsw x0, =0x80000000\nldr w1, =0x80000000\n',
  'align 3 after a pool keeps nop fill': 'ldr w0, =1\n.ltorg\n.align 3\nnop\n.align 4\nret\n',
};

describe('literal pools vs GNU as', () => {
  for (const [name, source] of Object.entries(SCENARIOS)) {
    it(name, () => {
      const { ours, gas } = both(source, '.text');
      expect(ours).toBe(gas);
    });
  }
  it('pools in .data as well as .text, each at its own section end', () => {
    const source = 'ldr x0, =7\n.data\n.word 1\nldr w1, =3\n.text\nldr x2, =8\n';
    for (const sec of ['.text', '.data']) {
      const { ours, gas } = both(source, sec);
      expect(ours).toBe(gas);
    }
  });
  // core/asm dumps end-of-section pools newest first; GNU as always dumps the
  // 4-byte pool before the 8-byte one (literal-pools.ts orderEndPools).
  it('w then x at section end: 4-byte pool still first', () => {
    const { ours, gas } = both('ldr w0, =0x11111111\nldr x1, =0x2222222222\nldr w2, =3\nldr x3, =0x2222222222\nldr x4, =5\n', '.text');
    expect(ours).toBe(gas);
  });
  it('w-first pools in two sections plus an .ltorg', () => {
    const source = 'ldr w0, =1\nldr x1, =2\n.ltorg\nldr w2, =3\nldr x3, =4\n.data\nldr w4, =5\nldr x5, =6\nldr x6, =2\n.text\nldr x7, =8\n';
    for (const sec of ['.text', '.data']) {
      const { ours, gas } = both(source, sec);
      expect(ours).toBe(gas);
    }
  });
});
