// The named SYS operations (core/arch/arm64/sys-aliases.ts) and the generic SYS/SYSL
// forms against Debian's cross binutils 2.40: every alias assembles to the word
// aarch64-linux-gnu-as gives (with a .arch that enables it) and prints as objdump prints
// it; random SYS/SYSL words print as objdump prints them; at EL0 the operations the CPU
// does not model are UNDEFINED (EC 0, which Linux turns into SIGILL).
import { describe, expect, it } from 'vitest';
import { assembleArm64 } from '../../../../core/arch/arm64/assembler/assembler.js';
import { disassemble } from '../../../../core/arch/arm64/disassembler.js';
import { SYS_OPS, type SysAliasKind } from '../../../../core/arch/arm64/sys-aliases.js';
import { gasErrors, gasText, wordsLE } from './assembler/gas.js';
import { assembleAndDump, normalize, rng } from './gnu-tools.js';
import { buildMiniSystem, recordTraps, USER_CODE } from './mini-system.js';

// GNU as names the v8.2+ operations (MTE, TLBI ranges/OS, EL2/EL3, predres) only for a CPU that has them.
const ARCH = '.arch armv8.7-a+memtag+predres\n';

function ours(source: string): number[] {
  const r = assembleArm64(source);
  if (!r.ok) throw new Error(r.errors.map((e) => `${e.line}: ${e.message}`).join('\n'));
  return wordsLE(r.image.sections.find((s) => s.name === '.text')!.bytes);
}

const aliasLines = (Object.keys(SYS_OPS) as SysAliasKind[]).flatMap((kind) =>
  Object.values(SYS_OPS[kind]).flatMap((a) => (a.needsReg ? [`${kind} ${a.name}, x7`, `${kind} ${a.name}, xzr`] : [`${kind} ${a.name}`])),
);

describe('arm64 SYS aliases vs binutils', () => {
  it('assembles every named operation to the same word as GNU as', () => {
    expect(aliasLines.length).toBeGreaterThan(200);
    const src = ARCH + aliasLines.join('\n') + '\n';
    expect(ours(src)).toEqual(wordsLE(gasText(src)));
  });

  it('prints every named operation, with any Rt, as objdump does', () => {
    const src = ['.text'];
    for (const kind of Object.keys(SYS_OPS) as SysAliasKind[])
      for (const a of Object.values(SYS_OPS[kind]))
        for (const rt of [0, 5, 31]) src.push(`.inst 0x${((0xd5080000 | (a.op1 << 16) | (a.crn << 12) | (a.crm << 8) | (a.op2 << 5) | rt) >>> 0).toString(16)}`);
    const lines = assembleAndDump(src.join('\n') + '\n');
    expect(lines.length).toBe(src.length - 1);
    const bad = lines.filter((l) => normalize(disassemble(l.word, l.addr)) !== normalize(l.text)).map((l) => `${l.word.toString(16)}: ${l.text} / ours ${disassemble(l.word, l.addr)}`);
    expect(bad).toEqual([]);
  });

  it('prints random SYS and SYSL words as objdump does (generic sys/sysl where no alias exists)', () => {
    const r = rng(7);
    const words = Array.from({ length: 4000 }, (_, i) => (((i & 1 ? 0xd5280000 : 0xd5080000) | (r() & 0x7ffff)) >>> 0));
    const lines = assembleAndDump('.text\n' + words.map((w) => `.inst 0x${w.toString(16)}`).join('\n') + '\n');
    expect(lines.length).toBe(words.length);
    const bad = lines.filter((l) => normalize(disassemble(l.word, l.addr)) !== normalize(l.text)).map((l) => `${l.word.toString(16)}: ${l.text} / ours ${disassemble(l.word, l.addr)}`);
    expect(bad.slice(0, 20)).toEqual([]);
    expect(lines.filter((l) => l.text.startsWith('sysl')).length).toBe(2000);
  });

  // Fuzz regression (FUZZ_SEED=random): d5087505 is IC IALLU with Rt = 5. objdump and
  // llvm-objdump print plain `ic iallu`, and both assemblers refuse `ic iallu, x5`;
  // the generic form is the only text that gives the word back.
  it('ic iallu with an Rt: printed without it, written back only as generic sys', () => {
    expect(disassemble(0xd5087505, 0)).toBe('ic\tiallu');
    expect(ours('sys #0, C7, C5, #0, x5\n')).toEqual([0xd5087505]);
    expect(wordsLE(gasText('sys #0, C7, C5, #0, x5\n'))).toEqual([0xd5087505]);
    expect(gasErrors('ic iallu, x5\n')).toMatch(/extraneous register/);
    const r = assembleArm64('ic iallu, x5\n');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0]).toMatchObject({ line: 1, column: 11, message: expect.stringContaining("'sys #0, C7, C5, #0, Xt'") });
  });

  it('assembles sysl and prints it with its destination first, as objdump does', () => {
    const src = 'sysl x5, #3, C7, C5, #1\nsysl xzr, #0, c0, c0, #0\n';
    expect(ours(src)).toEqual(wordsLE(gasText(src)));
    expect(disassemble(0xd52b7525, 0)).toBe('sysl\tx5, #3, C7, C5, #1');
    expect(disassemble(0xd528001f, 0)).toBe('sysl\txzr, #0, C0, C0, #0');
  });
});

describe('arm64 SYS operations at EL0', () => {
  it('raises an undefined-instruction exception (SIGILL on Linux) for every operation it does not model', () => {
    // tlbi vmalle1os, dc gva, cfp rctx, an unnamed sys, sysl, ic iallu with an Rt (EL1-only), then one that runs.
    const { cpu } = buildMiniSystem(`
.text
  sys #0, C8, C1, #0
  sys #3, C7, C4, #3, x1
  sys #3, C7, C3, #4, x1
  sys #1, C2, C3, #4, x1
  sysl x0, #3, C7, C5, #1
  sys #0, C7, C5, #0, x5
  movz x1, #0x50, lsl #16
  ic ivau, x1
  svc #0
`);
    const log = recordTraps(cpu, true);
    for (let i = 0; i < 7; i++) cpu.run(100);
    expect(log.map((t) => [t.ec, Number(t.elr) - USER_CODE])).toEqual([
      [0, 0], [0, 4], [0, 8], [0, 12], [0, 16], [0, 20], [0x15, 36],
    ]);
  });
});
