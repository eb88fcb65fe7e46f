// Generates GNU as source covering each implemented form × register class ×
// width, with registers and immediates drawn from a seeded PRNG.
import { rng } from './gnu-tools.js';

export function generateCorpus(seed: number, perTemplate: number): string {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[r() % xs.length]!;
  const reg = (is64: boolean, allowZr = true): string => {
    const n = r() % (allowZr ? 32 : 31);
    return n === 31 ? (is64 ? 'xzr' : 'wzr') : `${is64 ? 'x' : 'w'}${n}`;
  };
  const regSp = (is64: boolean): string => {
    const n = r() % 32;
    return n === 31 ? (is64 ? 'sp' : 'wsp') : `${is64 ? 'x' : 'w'}${n}`;
  };
  const x = (): string => reg(true);
  const bits = (n: number): number => r() % (1 << n);
  const conds = ['eq', 'ne', 'cs', 'cc', 'mi', 'pl', 'vs', 'vc', 'hi', 'ls', 'ge', 'lt', 'gt', 'le', 'al'];
  const shifts = ['lsl', 'lsr', 'asr'];
  const logicImms64 = ['0xff', '0xff00', '0x5555555555555555', '0x1', '0xfffffffffffffffe', '0xf0f0f0f0f0f0f0f0', '0x7fffffffffffffff', '0x3ffc', '0xffff0000ffff0000', '0x8000000000000000'];
  const logicImms32 = ['0xff', '0xff00ff00', '0x1', '0xfffffffe', '0x55555555', '0x7fffffff', '0x80000000', '0xffff'];
  const templates: ((is64: boolean) => string)[] = [
    (w) => `${pick(['add', 'sub', 'adds', 'subs'])} ${w ? 'x' + (r() % 31) : 'w' + (r() % 31)}, ${regSp(w)}, #${bits(12)}${r() % 2 ? ', lsl #12' : ''}`,
    (w) => `${pick(['add', 'sub'])} ${regSp(w)}, ${regSp(w)}, #${bits(12)}`,
    (w) => `${pick(['cmp', 'cmn'])} ${regSp(w)}, #${bits(12)}`,
    (w) => `${pick(['and', 'orr', 'eor'])} ${regSp(w)}, ${reg(w)}, #${pick(w ? logicImms64 : logicImms32)}`,
    (w) => `ands ${reg(w)}, ${reg(w)}, #${pick(w ? logicImms64 : logicImms32)}`,
    (w) => `tst ${reg(w)}, #${pick(w ? logicImms64 : logicImms32)}`,
    (w) => `${pick(['movz', 'movn', 'movk'])} ${reg(w)}, #${bits(16)}, lsl #${16 * (r() % (w ? 4 : 2))}`,
    (w) => `mov ${reg(w)}, #${pick(['0', '1', '-1', '0x1234', '0x10000', '-2', '0xffff'])}`,
    (w) => `${pick(['and', 'orr', 'eor', 'ands', 'bic', 'orn', 'eon', 'bics'])} ${reg(w)}, ${reg(w)}, ${reg(w)}, ${pick([...shifts, 'ror'])} #${r() % (w ? 64 : 32)}`,
    (w) => `${pick(['mov', 'mvn'])} ${reg(w)}, ${reg(w)}`,
    (w) => `${pick(['add', 'sub', 'adds', 'subs'])} ${reg(w)}, ${reg(w)}, ${reg(w)}, ${pick(shifts)} #${r() % (w ? 64 : 32)}`,
    (w) => `${pick(['cmp', 'cmn', 'neg', 'negs'])} ${reg(w)}, ${reg(w)}${r() % 2 ? `, lsl #${r() % 8}` : ''}`,
    (w) => `${pick(['add', 'sub'])} ${regSp(w)}, ${regSp(w)}, w${r() % 31}, ${pick(['uxtb', 'uxth', 'uxtw', 'sxtb', 'sxth', 'sxtw'])} #${r() % 5}`,
    (w) => `${pick(['adds', 'subs'])} ${reg(w)}, ${regSp(w)}, w${r() % 31}, ${pick(['uxtb', 'uxth', 'uxtw', 'sxtb', 'sxth', 'sxtw'])}${pick(['', ` #${r() % 5}`])}`,
    () => `${pick(['add x3, sp', 'subs x4, x5', 'add x6, x7', 'cmp sp', 'cmn x9'])}, x${r() % 31}, sxtx #${r() % 5}`,
    (w) => `${pick(['add', 'sub'])} ${regSp(w)}, ${regSp(w)}, ${reg(w)}, ${w ? 'uxtx' : 'uxtw'} #${r() % 5}`,
    (w) => `${pick(['lsl', 'lsr', 'asr', 'ror'])} ${reg(w)}, ${reg(w)}, #${r() % (w ? 64 : 32)}`,
    (w) => `${pick(['lsl', 'lsr', 'asr', 'ror', 'lslv', 'lsrv', 'asrv', 'rorv', 'udiv', 'sdiv', 'mul', 'mneg'])} ${reg(w)}, ${reg(w)}, ${reg(w)}`,
    (w) => `${pick(['madd', 'msub'])} ${reg(w)}, ${reg(w)}, ${reg(w)}, ${reg(w)}`,
    () => `${pick(['umulh', 'smulh'])} ${x()}, ${x()}, ${x()}`,
    () => `${pick(['umull', 'smull', 'umnegl', 'smnegl'])} ${x()}, ${reg(false)}, ${reg(false)}`,
    () => `${pick(['umaddl', 'smaddl', 'umsubl', 'smsubl'])} ${x()}, ${reg(false)}, ${reg(false)}, ${x()}`,
    (w) => {
      const size = w ? 64 : 32;
      const lsb = r() % size;
      const width = 1 + (r() % (size - lsb));
      return `${pick(['ubfx', 'sbfx', 'ubfiz', 'sbfiz', 'bfi', 'bfxil'])} ${reg(w)}, ${reg(w)}, #${lsb}, #${width}`;
    },
    (w) => `${pick(['ubfm', 'sbfm', 'bfm'])} ${reg(w)}, ${reg(w)}, #${r() % (w ? 64 : 32)}, #${r() % (w ? 64 : 32)}`,
    (w) => (w ? `${pick(['sxtb', 'sxth', 'sxtw'])} ${x()}, ${reg(false)}` : `${pick(['sxtb', 'sxth', 'uxtb', 'uxth'])} ${reg(false)}, ${reg(false)}`),
    (w) => `extr ${reg(w)}, ${reg(w)}, ${reg(w)}, #${r() % (w ? 64 : 32)}`,
    (w) => `${pick(['csel', 'csinc', 'csinv', 'csneg'])} ${reg(w)}, ${reg(w)}, ${reg(w)}, ${pick(conds)}`,
    (w) => `${pick(['cset', 'csetm'])} ${reg(w)}, ${pick(conds.slice(0, 14))}`,
    (w) => `${pick(['cinc', 'cinv', 'cneg'])} ${reg(w)}, ${reg(w, false)}, ${pick(conds.slice(0, 14))}`,
    (w) => {
      const size = w ? 3 : 2;
      return `${pick(['ldr', 'str'])} ${reg(w)}, [${regSp(true)}, #${(r() % 4096) << size}]`;
    },
    () => `${pick(['ldrb', 'strb', 'ldrsb'])} ${reg(false)}, [${regSp(true)}, #${r() % 4096}]`,
    () => `${pick(['ldrh', 'strh', 'ldrsh'])} ${reg(false)}, [${regSp(true)}, #${(r() % 4096) * 2}]`,
    () => `${pick(['ldrsb', 'ldrsh', 'ldrsw'])} ${x()}, [${regSp(true)}, #${r() % 64}]`,
    (w) => `${pick(['ldur', 'stur'])} ${reg(w)}, [${regSp(true)}, #${(r() % 512) - 256}]`,
    () => `${pick(['ldurb', 'sturb', 'ldurh', 'sturh', 'ldursb', 'ldursh'])} ${reg(false)}, [${regSp(true)}, #${(r() % 512) - 256}]`,
    () => `ldursw ${x()}, [${regSp(true)}, #${(r() % 512) - 256}]`,
    (w) => `${pick(['ldtr', 'sttr'])} ${reg(w)}, [${regSp(true)}, #${(r() % 512) - 256}]`,
    () => `${pick(['ldtrb', 'sttrb', 'ldtrh', 'sttrh', 'ldtrsb', 'ldtrsh'])} ${reg(false)}, [${regSp(true)}${pick(['', `, #${(r() % 512) - 256}`])}]`,
    () => `${pick(['ldtrsw', 'ldtrsb', 'ldtrsh'])} ${x()}, [${regSp(true)}, #${(r() % 512) - 256}]`,
    (w) => `${pick(['ldr', 'str', 'ldrb', 'strb', 'ldrh', 'strh', 'ldrsb', 'ldrsh'])} ${reg(w && r() % 2 === 0 ? false : false)}, [${regSp(true)}, #${(r() % 512) - 256}]!`,
    (w) => `${pick(['ldr', 'str'])} ${reg(w)}, [${regSp(true)}], #${(r() % 512) - 256}`,
    (w) => `${pick(['ldr', 'str'])} ${reg(w)}, [${regSp(true)}, ${x()}${pick(['', `, lsl #${w ? 3 : 2}`])}]`,
    (w) => `${pick(['ldr', 'str'])} ${reg(w)}, [${regSp(true)}, ${reg(false)}, ${pick(['uxtw', 'sxtw'])}${pick(['', ` #${w ? 3 : 2}`])}]`,
    () => `${pick(['ldrb', 'strb', 'ldrsb'])} ${reg(false)}, [${regSp(true)}, ${x()}${pick(['', ', lsl #0'])}]`,
    () => `${pick(['ldrh', 'strh', 'ldrsh'])} ${reg(false)}, [${regSp(true)}, ${reg(false)}, ${pick(['uxtw', 'sxtw'])}${pick(['', ' #1'])}]`,
    () => `ldrsw ${x()}, [${regSp(true)}, ${x()}, sxtx #2]`,
    (w) => `${pick(['ldp', 'stp'])} ${reg(w)}, ${reg(w)}, [${regSp(true)}, #${((r() % 128) - 64) * (w ? 8 : 4)}]${pick(['', '!'])}`,
    (w) => `${pick(['ldp', 'stp'])} ${reg(w)}, ${reg(w)}, [${regSp(true)}], #${((r() % 128) - 64) * (w ? 8 : 4)}`,
    () => `ldpsw ${x()}, ${x()}, [${regSp(true)}, #${((r() % 128) - 64) * 4}]`,
    (w) => `ldr ${reg(w)}, .+${((r() % 2000) - 1000) * 4}`,
    () => `ldrsw ${x()}, .+${((r() % 2000) - 1000) * 4}`,
    // adrp to a label becomes a relocation in a .o; the random-word test covers it.
    () => `adr ${x()}, .+${((r() % 2000) - 1000) * 4}`,
    () => `${pick(['b', 'bl'])} .+${((r() % 20000) - 10000) * 4}`,
    () => `b.${pick(conds)} .+${((r() % 2000) - 1000) * 4}`,
    (w) => `${pick(['cbz', 'cbnz'])} ${reg(w)}, .+${((r() % 2000) - 1000) * 4}`,
    (w) => `${pick(['tbz', 'tbnz'])} ${reg(w)}, #${r() % (w ? 64 : 32)}, .+${((r() % 2000) - 1000) * 4}`,
    () => `${pick(['br', 'blr', 'ret'])} ${x()}`,
    () => pick(['ret', 'eret', 'nop', 'wfi', 'wfe', 'yield', 'isb', 'dsb sy', 'dsb ish', 'dmb ish', 'dmb ishld', 'dmb ishst', 'clrex']),
    () => `${pick(['svc', 'brk', 'hvc'])} #${bits(16)}`,
    () => `msr ${pick(['daifset', 'daifclr'])}, #${bits(4)}`,
    () => `msr spsel, #${bits(1)}`,
    () => pick([`msr pan, #${bits(1)}`, `mrs ${x()}, pan`, `msr pan, ${x()}`]),
    () => `mrs ${x()}, ${pick(['nzcv', 'daif', 'currentel', 'spsel', 'sp_el0', 'elr_el1', 'spsr_el1', 'esr_el1', 'far_el1', 'vbar_el1', 'ttbr0_el1', 'ttbr1_el1', 'tcr_el1', 'sctlr_el1', 'mair_el1', 'tpidr_el0', 'tpidrro_el0', 'tpidr_el1', 'cntvct_el0', 'cntfrq_el0', 'midr_el1', 'ctr_el0'])}`,
    () => `msr ${pick(['nzcv', 'daif', 'sp_el0', 'elr_el1', 'spsr_el1', 'vbar_el1', 'ttbr0_el1', 'ttbr1_el1', 'tcr_el1', 'sctlr_el1', 'mair_el1', 'tpidr_el0', 'tpidrro_el0'])}, ${x()}`,
    () => pick([`dc cvau, ${x()}`, `dc civac, ${x()}`, `dc cvac, ${x()}`, `dc zva, ${x()}`, `ic ivau, ${x()}`, 'ic iallu', 'ic ialluis', `dc isw, ${x()}`, `dc ivac, ${x()}`, `mrs ${x()}, dczid_el0`]),
    () => pick(['tlbi vmalle1', 'tlbi vmalle1is', `tlbi vae1, ${x()}`, `tlbi vale1is, ${x()}`, `tlbi aside1, ${x()}`]),
    () => `prfm ${pick(['pldl1keep', 'pstl2strm', 'plil3keep'])}, [${regSp(true)}, #${(r() % 4096) * 8}]`,
    (w) => `${pick(['adc', 'adcs', 'sbc', 'sbcs'])} ${reg(w)}, ${reg(w)}, ${reg(w)}`,
    (w) => `${pick(['ngc', 'ngcs'])} ${reg(w)}, ${reg(w)}`,
    (w) => `${pick(['ccmp', 'ccmn'])} ${reg(w)}, ${r() % 2 ? reg(w) : '#' + (r() % 32)}, #${r() % 16}, ${pick(conds)}`,
    (w) => `${pick(w ? ['rbit', 'rev16', 'rev32', 'rev', 'clz', 'cls'] : ['rbit', 'rev16', 'rev', 'clz', 'cls'])} ${reg(w)}, ${reg(w)}`,
    (w) => `${pick(['ldxr', 'ldaxr', 'ldar'])} ${reg(w)}, [${regSp(true)}]`,
    () => `${pick(['ldxrb', 'ldaxrh', 'ldarb', 'ldarh', 'stlrb', 'stlrh'])} ${reg(false)}, [${regSp(true)}]`,
    (w) => `stlr ${reg(w)}, [${regSp(true)}]`,
    (w) => `${pick(['stxr', 'stlxr'])} w${r() % 8}, ${w ? 'x' : 'w'}${8 + (r() % 8)}, [x${16 + (r() % 8)}]`,
    () => `${pick(['stxrb', 'stlxrh'])} w${r() % 8}, w${8 + (r() % 8)}, [x${16 + (r() % 8)}]`,
  ];
  const lines = ['.arch armv8.1-a', '.text', '.p2align 12'];
  for (const t of templates) for (let i = 0; i < perTemplate; i++) lines.push('\t' + t(r() % 2 === 0));
  return lines.join('\n') + '\n';
}
