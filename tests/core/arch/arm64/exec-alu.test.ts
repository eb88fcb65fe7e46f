// Execution semantics against real execution: every ALU / flag-setting / bitfield /
// multiply / divide / conditional form over edge and seeded-random inputs, run
// under qemu-aarch64 and on Arm64Cpu; results and NZCV must match bit for bit.
import { describe, expect, it } from 'vitest';
import { buildAndRunQemu, rng } from './gnu-tools.js';
import { diffOutputs, harnessSource, type HarnessCase } from './harness.js';
import { runFlat } from './flat-runner.js';

const LOAD = 0x100000;

const EDGES: bigint[] = [
  0n, 1n, 2n, 0x7fn, 0x80n, 0xffn, 0x7fffn, 0x8000n, 0xffffn, 0x7fffffffn, 0x80000000n, 0xffffffffn, 0x100000000n,
  0x7fffffffffffffffn, 0x8000000000000000n, 0xffffffffffffffffn, 0xfffffffffffffffen, 0x123456789abcdef0n,
];

const OPS: string[] = [];
for (const w of ['x', 'w']) {
  const r = (n: number): string => w + n;
  const size = w === 'x' ? 64 : 32;
  for (const op of ['add', 'adds', 'sub', 'subs']) {
    OPS.push(`${op} ${r(0)}, ${r(1)}, #0`, `${op} ${r(0)}, ${r(1)}, #4095`, `${op} ${r(0)}, ${r(1)}, #1, lsl #12`);
    for (const sh of ['lsl', 'lsr', 'asr']) OPS.push(`${op} ${r(0)}, ${r(1)}, ${r(2)}, ${sh} #${size - 1}`, `${op} ${r(0)}, ${r(1)}, ${r(2)}, ${sh} #3`);
    OPS.push(`${op} ${r(0)}, ${r(1)}, ${r(2)}`);
    for (const ext of ['uxtb', 'uxth', 'uxtw', 'sxtb', 'sxth', 'sxtw']) OPS.push(`${op} ${r(0)}, ${r(1)}, w2, ${ext} #2`);
    if (w === 'x') OPS.push(`${op} x0, x1, x2, sxtx #4`);
  }
  OPS.push(`cmp ${r(1)}, ${r(2)}`, `cmn ${r(1)}, ${r(2)}`, `cmp ${r(1)}, #17`, `cmn ${r(1)}, #1`, `neg ${r(0)}, ${r(1)}`, `negs ${r(0)}, ${r(1)}`);
  for (const op of ['and', 'orr', 'eor', 'ands', 'bic', 'orn', 'eon', 'bics']) {
    OPS.push(`${op} ${r(0)}, ${r(1)}, ${r(2)}`, `${op} ${r(0)}, ${r(1)}, ${r(2)}, ror #7`, `${op} ${r(0)}, ${r(1)}, ${r(2)}, asr #${size - 1}`);
  }
  const imms = w === 'x' ? ['0xff', '0x5555555555555555', '0xfffffffffffffffe', '0xffff0000ffff0000', '0x8000000000000000'] : ['0xff', '0x55555555', '0xfffffffe', '0x80000000'];
  for (const op of ['and', 'orr', 'eor', 'ands']) for (const i of imms) OPS.push(`${op} ${r(0)}, ${r(1)}, #${i}`);
  OPS.push(`tst ${r(1)}, ${r(2)}`, `tst ${r(1)}, #0xff`);
  OPS.push(`movz ${r(0)}, #0x1234, lsl #16`, `movn ${r(0)}, #0x1234`, `movk ${r(0)}, #0xbeef, lsl #16`, `movk ${r(0)}, #0xbeef`);
  if (w === 'x') OPS.push('movk x0, #0xcafe, lsl #48', 'movn x0, #0x5, lsl #32', 'movz x0, #0xffff, lsl #48');
  for (const op of ['lsl', 'lsr', 'asr', 'ror']) OPS.push(`${op} ${r(0)}, ${r(1)}, #1`, `${op} ${r(0)}, ${r(1)}, #${size - 1}`, `${op} ${r(0)}, ${r(1)}, ${r(2)}`);
  for (const op of ['ubfx', 'sbfx', 'ubfiz', 'sbfiz', 'bfi', 'bfxil']) OPS.push(`${op} ${r(0)}, ${r(1)}, #3, #7`, `${op} ${r(0)}, ${r(1)}, #${size - 9}, #9`, `${op} ${r(0)}, ${r(1)}, #0, #${size}`);
  OPS.push(`sxtb ${r(0)}, w1`, `sxth ${r(0)}, w1`, `uxtb w0, w1`, `uxth w0, w1`, `extr ${r(0)}, ${r(1)}, ${r(2)}, #5`, `extr ${r(0)}, ${r(1)}, ${r(2)}, #0`);
  if (w === 'x') OPS.push('sxtw x0, w1');
  for (const op of ['mul', 'mneg', 'udiv', 'sdiv']) OPS.push(`${op} ${r(0)}, ${r(1)}, ${r(2)}`);
  OPS.push(`madd ${r(0)}, ${r(1)}, ${r(2)}, ${r(4)}`, `msub ${r(0)}, ${r(1)}, ${r(2)}, ${r(4)}`);
  for (const op of ['csel', 'csinc', 'csinv', 'csneg']) for (const c of ['eq', 'hs', 'mi', 'vs', 'hi', 'ge', 'gt', 'le']) OPS.push(`${op} ${r(0)}, ${r(1)}, ${r(2)}, ${c}`);
  OPS.push(`cset ${r(0)}, lt`, `csetm ${r(0)}, ls`, `cinc ${r(0)}, ${r(1)}, ne`, `cneg ${r(0)}, ${r(1)}, pl`, `cinv ${r(0)}, ${r(1)}, vc`);
}
for (const w of ['x', 'w']) {
  for (const op of ['adc', 'adcs', 'sbc', 'sbcs']) OPS.push(`${op} ${w}0, ${w}1, ${w}2`);
  OPS.push(`ngcs ${w}0, ${w}1`);
  for (const c of ['eq', 'ne', 'hi', 'lt']) OPS.push(`ccmp ${w}1, ${w}2, #5, ${c}`, `ccmn ${w}1, #7, #10, ${c}`, `ccmp ${w}1, #31, #0, ${c}`);
  for (const op of ['rbit', 'rev16', 'clz', 'cls', 'rev']) OPS.push(`${op} ${w}0, ${w}1`);
}
OPS.push('rev32 x0, x1');
OPS.push('umulh x0, x1, x2', 'smulh x0, x1, x2', 'umull x0, w1, w2', 'smull x0, w1, w2', 'umaddl x0, w1, w2, x4', 'smsubl x0, w1, w2, x4');
OPS.push('adr x0, .', 'mov x6, sp\nadd x0, sp, #16\nsub x0, x0, x6');
// Branches: x0 records which way each went.
for (const br of ['cbz x1', 'cbnz x1', 'cbz w1', 'cbnz w1', 'tbz x1, #63', 'tbnz x1, #0', 'tbz w1, #31', 'tbnz x1, #33', 'b.eq', 'b.ne', 'b.cs', 'b.cc', 'b.mi', 'b.pl', 'b.vs', 'b.vc', 'b.hi', 'b.ls', 'b.ge', 'b.lt', 'b.gt', 'b.le', 'b.al']) {
  OPS.push(`mov x0, #1\n${br}, 1f\nmov x0, #2\n1:`.replace(', 1f', br.startsWith('b.') ? ' 1f' : ', 1f'));
}

function cases(seed: number, randomPerOp: number): HarnessCase[] {
  const r = rng(seed);
  const rand64 = (): bigint => (BigInt(r()) << 32n) | BigInt(r());
  const pickEdge = (): bigint => EDGES[r() % EDGES.length]!;
  const out: HarnessCase[] = [];
  for (const body of OPS) {
    for (let i = 0; i < randomPerOp; i++) {
      const mode = i % 3;
      const a = mode === 0 ? pickEdge() : rand64();
      const b = mode === 1 ? pickEdge() : i % 5 === 0 ? BigInt(r() % 70) : rand64();
      out.push({ body, a, b, c: rand64(), flags: r() % 16, label: body.replace(/\n/g, '; ') });
    }
  }
  return out;
}

describe('arm64 executor vs qemu-aarch64 (ALU, flags, branches)', () => {
  it('matches results and NZCV for every op over edge and random inputs', () => {
    const all = cases(2024, 24);
    expect(all.length).toBeGreaterThan(10000);
    const src = harnessSource(all);
    const { image, qemuStdout: ref } = buildAndRunQemu(src, LOAD);
    const ours = runFlat(image, LOAD);
    expect(ours.exitCode).toBe(0);
    expect(ref.length).toBe(all.length * 16);
    expect(diffOutputs(all, ref, ours.stdout).slice(0, 25)).toEqual([]);
  });
});
