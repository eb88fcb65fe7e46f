// The back end keeps literal-pool state across layout passes; it must not
// leak between assembly runs, and the same source must give the same image.

import { describe, expect, it } from 'vitest';
import { assembleArm64 } from '../../../../../core/arch/arm64/assembler/assembler.js';

const A = 'ldr w0, =1\nldr x1, =msg\n.ltorg\nldr x2, =3\nb .\n.data\nmsg: .asciz "hi"\n';
const B = 'ldr x5, =0x1234\nldr w6, =7\nret\n';

describe('assembleArm64 determinism', () => {
  it('gives identical images for the same source, whatever ran in between', () => {
    const first = assembleArm64(A);
    assembleArm64(B);
    const second = assembleArm64(A);
    expect(first.ok).toBe(true);
    expect(second).toEqual(first);
    const b1 = assembleArm64(B);
    assembleArm64(A);
    expect(assembleArm64(B)).toEqual(b1);
  });
  it('places pool entries where the loads point', () => {
    const r = assembleArm64(B);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const text = r.image.sections.find((s) => s.name === '.text');
    if (!text) throw new Error('no .text');
    const dv = new DataView(text.bytes.buffer, text.bytes.byteOffset, text.bytes.byteLength);
    // ldr (literal): target = PC + imm19 * 4 (ARM ARM C6.2 "LDR (literal)").
    const target = (at: number): number => at + (((dv.getUint32(at, true) >> 5) & 0x7ffff) << 2);
    expect(dv.getBigUint64(target(0), true)).toBe(0x1234n);
    expect(dv.getUint32(target(4), true)).toBe(7);
  });
});
