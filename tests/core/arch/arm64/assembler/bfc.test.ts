// Found by tests/fuzz/arm64-roundtrip: the disassembler prints BFM from the zero register
// as `bfc`, which the assembler did not know. Reference: GNU as (-march=armv8.2-a).
import { describe, expect, it } from 'vitest';
import { assembleArm64 } from '../../../../../core/arch/arm64/assembler/assembler.js';
import { disassemble } from '../../../../../core/arch/arm64/disassembler.js';
import { gasText } from './gas.js';

const LINES = ['bfc x14, #19, #32', 'bfc w3, #0, #1', 'bfc w0, #31, #1', 'bfc x1, #0, #64', 'bfc xzr, #63, #1', 'bfc w7, #8, #24'];

function words(bytes: Uint8Array): number[] {
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return Array.from({ length: bytes.length / 4 }, (_, i) => v.getUint32(i * 4, true));
}

describe('bfc', () => {
  it('encodes like GNU as and disassembles back to the same text', () => {
    const src = `.arch armv8.2-a\n${LINES.join('\n')}\n`;
    const r = assembleArm64(LINES.join('\n') + '\n');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const ours = words(r.image.sections.find((s) => s.name === '.text')!.bytes);
    expect(ours).toEqual(words(gasText(src)));
    // With lsb 0 objdump (and ours) prefer the bfxil spelling of the same word.
    const back = LINES.map((l) => l.replace(/^bfc ([wx]\w+), #0, (#\d+)$/, (_m, rd: string, width: string) => `bfxil ${rd}, ${rd[0]}zr, #0, ${width}`));
    expect(ours.map((w) => disassemble(w, 0).replace(/\s+/g, ' '))).toEqual(back);
  });

  it('refuses a field that runs off the register', () => {
    const r = assembleArm64('bfc w0, #31, #2\n');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0]!.message).toMatch(/width/);
  });
});
