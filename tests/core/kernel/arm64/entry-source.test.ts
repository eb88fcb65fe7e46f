// The arm64 entry code is assembled by the project's own assembler at boot; GNU as
// must produce the same bytes from the same source, and the vector slots must sit
// where the architecture takes exceptions (ARM ARM D1.10.2).
import { describe, expect, it } from 'vitest';
import { assembleArm64 } from '../../../../core/arch/arm64/assembler/assembler.js';
import { ENTRY_SOURCE, HOOK_RETURNS, PT_REGS, PT_REGS_SIZE } from '../../../../core/kernel/arm64/entry-source.js';
import { assembleText } from '../../arch/arm64/gnu-tools.js';

function ours(): { bytes: Uint8Array; symbols: Map<string, number> } {
  const r = assembleArm64(ENTRY_SOURCE, { fileName: 'entry.S' });
  if (!r.ok) throw new Error(r.errors.map((e) => `${e.line}: ${e.message}`).join('\n'));
  const text = r.image.sections.find((s) => s.name === '.text')!;
  return { bytes: text.bytes, symbols: new Map(r.image.symbols.map((s) => [s.name, Number(s.offset)])) };
}

describe('arm64 kernel entry source', () => {
  it('assembles to the same bytes as aarch64-linux-gnu-as', () => {
    expect(Buffer.from(ours().bytes).toString('hex')).toBe(Buffer.from(assembleText(ENTRY_SOURCE)).toString('hex'));
  });

  it('puts the EL0 synchronous and IRQ vectors at +0x400 and +0x480, branching to their handlers', () => {
    const { bytes, symbols } = ours();
    const v = new DataView(bytes.buffer, bytes.byteOffset);
    const target = (slot: number) => {
      const w = v.getUint32(slot, true);
      expect(w >>> 26).toBe(0b000101); // B imm26
      return slot + (((w & 0x3ffffff) << 6) >> 4);
    };
    expect(target(0x400)).toBe(symbols.get('el0t_64_sync'));
    expect(target(0x480)).toBe(symbols.get('el0t_64_irq'));
    expect(target(0x200)).toBe(symbols.get('el1h_64_sync'));
  });

  it('has every hook label and its return label, and a 16-byte aligned pt_regs that holds x0-x30, sp, pc, pstate', () => {
    const { symbols } = ours();
    for (const [hook, ret] of Object.entries(HOOK_RETURNS)) {
      expect(symbols.has(hook), hook).toBe(true);
      expect(symbols.has(ret), ret).toBe(true);
    }
    expect(PT_REGS_SIZE % 16).toBe(0);
    expect(PT_REGS.x30).toBe(240);
    expect([PT_REGS.sp, PT_REGS.pc, PT_REGS.pstate]).toEqual([248, 256, 264]);
  });
});
