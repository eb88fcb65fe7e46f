// Results and defined flags of ALU, shift, multiply/divide, move and condition-code
// instructions, compared with the same instruction executed natively on the host CPU
// (popfq in, pushfq out) on edge values and seeded random inputs.

import { describe, expect, it } from 'vitest';
import { decode } from '../../../../core/arch/x86_64/decoder.js';
import { assemble } from './helpers/gnu.js';
import { CODE, DATA, makeMachine } from './helpers/machine.js';
import { prng } from './helpers/asm-corpus.js';
import { runNative, type NativeCase } from './helpers/native-harness.js';

const CF = 1n;
const PF = 4n;
const AF = 0x10n;
const ZF = 0x40n;
const SF = 0x80n;
const OF = 0x800n;
const ALL = CF | PF | AF | ZF | SF | OF;
const M64 = (1n << 64n) - 1n;

interface Spec {
  insn: string;
  /** Status flags defined for these inputs. */
  mask: (c: NativeCase) => bigint;
  gen?: 'div' | 'idiv' | 'shift';
  bits: number;
}

const A = { 8: 'al', 16: 'ax', 32: 'eax', 64: 'rax' } as Record<number, string>;
const B = { 8: 'bl', 16: 'bx', 32: 'ebx', 64: 'rbx' } as Record<number, string>;
const SIZES = [8, 16, 32, 64];
const all = (): bigint => ALL;

function specs(): Spec[] {
  const s: Spec[] = [];
  for (const bits of SIZES) {
    const a = A[bits]!;
    const b = B[bits]!;
    for (const op of ['add', 'adc', 'sub', 'sbb', 'cmp', 'neg']) {
      s.push({ insn: op === 'neg' ? `neg ${a}` : `${op} ${a},${b}`, mask: all, bits });
    }
    for (const op of ['and', 'or', 'xor', 'test']) s.push({ insn: `${op} ${a},${b}`, mask: () => ALL & ~AF, bits });
    s.push({ insn: `add ${a},0x7f`, mask: all, bits }, { insn: `sub ${a},-1`.replace(',-1', bits === 8 ? ',0xff' : ',-1'), mask: all, bits });
    s.push({ insn: `inc ${a}`, mask: all, bits }, { insn: `dec ${a}`, mask: all, bits }, { insn: `not ${a}`, mask: all, bits });
    for (const op of ['shl', 'shr', 'sar', 'rol', 'ror']) {
      const rot = op === 'rol' || op === 'ror';
      const mask = (c: NativeCase): bigint => {
        const cnt = Number(c.rcx & (bits === 64 ? 0x3fn : 0x1fn));
        if (cnt === 0) return ALL;
        if (rot) return cnt === 1 ? ALL : ALL & ~OF;
        let m = ALL & ~AF;
        if (cnt !== 1) m &= ~OF;
        if (cnt >= bits) m &= ~CF;
        return m;
      };
      s.push({ insn: `${op} ${a},cl`, mask, gen: 'shift', bits });
      s.push({ insn: `${op} ${a},1`, mask: (c) => mask({ ...c, rcx: 1n }), bits });
      s.push({ insn: `${op} ${a},5`, mask: (c) => mask({ ...c, rcx: 5n }), bits });
    }
    s.push({ insn: `mul ${b}`, mask: () => CF | OF, bits }, { insn: `imul ${b}`, mask: () => CF | OF, bits });
    s.push({ insn: `div ${b}`, mask: () => 0n, gen: 'div', bits }, { insn: `idiv ${b}`, mask: () => 0n, gen: 'idiv', bits });
    if (bits !== 8) {
      s.push({ insn: `imul ${a},${b}`, mask: () => CF | OF, bits });
      s.push({ insn: `imul ${a},${b},0x7f`, mask: () => CF | OF, bits }, { insn: `imul ${a},${b},-3`, mask: () => CF | OF, bits });
      s.push({ insn: `bt ${a},${B[bits]!.replace('b', 'c')}`, mask: () => CF, bits }, { insn: `bt ${a},0x${(bits - 3).toString(16)}`, mask: () => CF, bits });
      s.push({ insn: `xchg ${a},${b}`, mask: all, bits }, { insn: `mov ${a},${b}`, mask: all, bits });
    }
  }
  for (const insn of ['cbw', 'cwde', 'cdqe', 'cwd', 'cdq', 'cqo', 'movzx eax,bl', 'movzx eax,bx', 'movzx rax,bl', 'movzx ax,bh', 'movsx eax,bl', 'movsx rax,bx', 'movsx ax,bl', 'movsxd rax,ebx', 'mov al,bh', 'mov ah,bl', 'xchg al,bh', 'lea rax,[rbx+rcx*4+0x10]', 'lea eax,[rbx+rcx*8-0x80]', 'lea rax,[rbx+rcx*1-0x1]'])
    s.push({ insn, mask: all, bits: 64 });
  // Memory operands: QWORD PTR [r8+80] is the harness's scratch slot (read-modify-write paths).
  const MEM = { 8: 'BYTE PTR [r8+80]', 16: 'WORD PTR [r8+80]', 32: 'DWORD PTR [r8+80]', 64: 'QWORD PTR [r8+80]' } as Record<number, string>;
  for (const bits of SIZES) {
    const mem = MEM[bits]!;
    for (const op of ['add', 'adc', 'sub', 'sbb', 'cmp']) s.push({ insn: `${op} ${mem},${B[bits]!}`, mask: all, bits }, { insn: `${op} ${A[bits]!},${mem}`, mask: all, bits });
    for (const op of ['and', 'or', 'xor', 'test']) s.push({ insn: `${op} ${mem},${B[bits]!}`, mask: () => ALL & ~AF, bits });
    s.push({ insn: `add ${mem},0x7f`, mask: all, bits }, { insn: `sub ${mem},1`, mask: all, bits }, { insn: `and ${mem},0x55`, mask: () => ALL & ~AF, bits });
    s.push({ insn: `inc ${mem}`, mask: all, bits }, { insn: `neg ${mem}`, mask: all, bits }, { insn: `not ${mem}`, mask: all, bits });
    s.push({ insn: `mov ${mem},${B[bits]!}`, mask: all, bits }, { insn: `mov ${A[bits]!},${mem}`, mask: all, bits });
    s.push({ insn: `shl ${mem},cl`, mask: (c) => (Number(c.rcx & 0x1fn) === 0 ? ALL : Number(c.rcx & 0x1fn) >= bits ? PF | ZF | SF : CF | PF | ZF | SF), gen: 'shift', bits });
    if (bits !== 8) s.push({ insn: `imul ${A[bits]!},${mem}`, mask: () => CF | OF, bits }, { insn: `xchg ${mem},${B[bits]!}`, mask: all, bits });
  }
  // Bit, exchange and carry-flag instructions.
  for (const bits of [16, 32, 64]) {
    const a = A[bits]!;
    const b = B[bits]!;
    const c = b.replace('b', 'c');
    for (const op of ['bts', 'btr', 'btc']) s.push({ insn: `${op} ${a},${c}`, mask: () => CF, bits }, { insn: `${op} ${a},0x${(bits - 1).toString(16)}`, mask: () => CF, bits });
    s.push({ insn: `bsf ${a},${b}`, mask: () => ZF, bits }, { insn: `bsr ${a},${b}`, mask: () => ZF, bits });
    s.push({ insn: `tzcnt ${a},${b}`, mask: () => CF | ZF, bits }, { insn: `lzcnt ${a},${b}`, mask: () => CF | ZF, bits }, { insn: `popcnt ${a},${b}`, mask: all, bits });
    s.push({ insn: `cmpxchg ${b},${c}`, mask: all, bits }, { insn: `xadd ${a},${b}`, mask: all, bits });
    s.push({ insn: `cmpxchg ${MEM[bits]!},${c}`, mask: all, bits }, { insn: `xadd ${MEM[bits]!},${b}`, mask: all, bits });
    if (bits !== 16) s.push({ insn: `bswap ${a}`, mask: all, bits });
  }
  for (const bits of SIZES) {
    for (const op of ['rcl', 'rcr']) {
      const mask = (c: NativeCase): bigint => (Number(c.rcx & (bits === 64 ? 0x3fn : 0x1fn)) <= 1 ? ALL : ALL & ~OF);
      s.push({ insn: `${op} ${A[bits]!},cl`, mask, gen: 'shift', bits }, { insn: `${op} ${A[bits]!},1`, mask: all, bits });
    }
    if (bits >= 32)
      for (const op of ['shld', 'shrd']) {
        const mask = (c: NativeCase): bigint => {
          const cnt = Number(c.rcx & (bits === 64 ? 0x3fn : 0x1fn));
          return cnt === 0 ? ALL : cnt === 1 ? ALL & ~AF : ALL & ~AF & ~OF;
        };
        s.push({ insn: `${op} ${A[bits]!},${B[bits]!},cl`, mask, gen: 'shift', bits }, { insn: `${op} ${A[bits]!},${B[bits]!},7`, mask: () => ALL & ~AF & ~OF, bits });
      }
  }
  s.push({ insn: 'pushf; pop rax; and eax,0x8d5', mask: all, bits: 64 }, { insn: 'mov rax,rbx; and eax,0x8d5; push rax; popf', mask: all, bits: 64 });
  s.push({ insn: 'sahf', mask: all, bits: 64 }, { insn: 'lahf', mask: all, bits: 64 });
  s.push({ insn: 'cmpxchg bl,cl', mask: all, bits: 8 }, { insn: 'stc', mask: all, bits: 8 }, { insn: 'clc', mask: all, bits: 8 }, { insn: 'cmc', mask: all, bits: 8 });
  // SSE moves, checked by round trips through general registers (';' separates instructions).
  for (const seq of [
    'movq xmm1,rbx; movq rax,xmm1',
    'movd xmm2,ebx; pxor xmm3,xmm3; pxor xmm3,xmm2; movq rax,xmm3',
    'movq xmm0,rbx; movups xmm1,xmm0; movaps xmm2,xmm1; movdqa xmm3,xmm2; movdqu xmm4,xmm3; movq rax,xmm4',
    'movq xmm0,rax; movq xmm1,rbx; xorps xmm0,xmm1; movq rdx,xmm0',
    'movq xmm4,QWORD PTR [r8+80]; movd eax,xmm4',
    'movq xmm5,rbx; movq QWORD PTR [r8+80],xmm5',
    'movq xmm5,rbx; movq xmm6,xmm5; movd DWORD PTR [r8+80],xmm6',
    'movq xmm7,rbx; movq xmm8,xmm7; movq xmm9,xmm8; movq rax,xmm9',
  ])
    s.push({ insn: seq, mask: all, bits: 64 });
  // SSE2 scalar floating point, through general registers.
  const fpBin = (op: string, t: 'sd' | 'ss'): string =>
    t === 'sd' ? `movq xmm0,rax; movq xmm1,rbx; ${op}sd xmm0,xmm1; movq rax,xmm0` : `movd xmm0,eax; movd xmm1,ebx; ${op}ss xmm0,xmm1; movd eax,xmm0`;
  for (const t of ['sd', 'ss'] as const) for (const op of ['add', 'sub', 'mul', 'div', 'min', 'max', 'sqrt']) s.push({ insn: fpBin(op, t), mask: all, bits: 64 });
  for (const seq of [
    'cvtsi2sd xmm0,rbx; movq rax,xmm0',
    'cvtsi2sd xmm0,ebx; movq rax,xmm0',
    'cvtsi2ss xmm0,rbx; movd eax,xmm0',
    'cvtsi2ss xmm0,ebx; movd eax,xmm0',
    'movq xmm0,rbx; cvttsd2si rax,xmm0',
    'movq xmm0,rbx; cvtsd2si rax,xmm0',
    'movq xmm0,rbx; cvttsd2si eax,xmm0',
    'movq xmm0,rbx; cvtsd2si eax,xmm0',
    'movd xmm0,ebx; cvttss2si rax,xmm0',
    'movd xmm0,ebx; cvtss2si eax,xmm0',
    'movq xmm0,rbx; cvtsd2ss xmm1,xmm0; movd eax,xmm1',
    'movd xmm0,ebx; cvtss2sd xmm1,xmm0; movq rax,xmm1',
    'movq xmm0,rax; movq xmm1,rbx; ucomisd xmm0,xmm1',
    'movq xmm0,rax; movq xmm1,rbx; comisd xmm0,xmm1',
    'movd xmm0,eax; movd xmm1,ebx; ucomiss xmm0,xmm1',
    'movq xmm0,rax; movq xmm1,rbx; andpd xmm0,xmm1; movq rax,xmm0',
    'movq xmm0,rax; movq xmm1,rbx; andnpd xmm0,xmm1; movq rax,xmm0',
    'movq xmm0,rax; movq xmm1,rbx; orps xmm0,xmm1; movq rax,xmm0',
    'movq xmm0,rax; movq xmm1,rbx; xorpd xmm0,xmm1; movq rax,xmm0',
    'movq xmm0,rax; movq xmm1,rbx; movsd xmm0,xmm1; movq rax,xmm0',
    'movq xmm0,rax; movd xmm1,ebx; movss xmm0,xmm1; movq rax,xmm0',
    'movsd xmm2,QWORD PTR [r8+80]; movq rax,xmm2',
    'movq xmm3,rbx; movsd QWORD PTR [r8+80],xmm3',
    'movss xmm2,DWORD PTR [r8+80]; movq rax,xmm2',
    'movq xmm0,rbx; movapd xmm1,xmm0; movq rax,xmm1',
    ...[0, 1, 2, 3, 4, 5, 6, 7].map((p) => `movq xmm0,rax; movq xmm1,rbx; cmpsd xmm0,xmm1,${p}; movq rax,xmm0`),
    ...[1, 6].map((p) => `movd xmm0,eax; movd xmm1,ebx; cmpss xmm0,xmm1,${p}; movq rax,xmm0`),
  ])
    s.push({ insn: seq, mask: all, bits: 64 });
  const cc = ['o', 'no', 'b', 'ae', 'e', 'ne', 'be', 'a', 's', 'ns', 'p', 'np', 'l', 'ge', 'le', 'g'];
  for (const c of cc) s.push({ insn: `set${c} al`, mask: all, bits: 8 }, { insn: `cmov${c} rax,rbx`, mask: all, bits: 64 }, { insn: `cmov${c} eax,ebx`, mask: all, bits: 32 });
  return s;
}

const EDGES = [0n, 1n, 2n, M64, 0x7fn, 0x80n, 0xffn, 0x7fffn, 0x8000n, 0xffffn, 0x7fffffffn, 0x80000000n, 0xffffffffn, 0x7fffffffffffffffn, 0x8000000000000000n, 0x123456789abcdef0n];

function cases(spec: Spec, k: number, rnd: () => number): NativeCase[] {
  const r64 = (): bigint => (BigInt(Math.floor(rnd() * 2 ** 32)) << 32n) | BigInt(Math.floor(rnd() * 2 ** 32));
  const flags = (): bigint => {
    let f = 2n;
    for (const b of [CF, PF, AF, ZF, SF, OF]) if (rnd() < 0.5) f |= b;
    return f;
  };
  const out: NativeCase[] = [];
  const pairs: [bigint, bigint][] = [];
  for (const x of EDGES) for (const y of EDGES) pairs.push([x, y]);
  for (let n = 0; n < 80; n++) pairs.push([r64(), r64()]);
  const bits = BigInt(spec.bits);
  const mask = (1n << bits) - 1n;
  for (const [x, y] of pairs) {
    const c: NativeCase = { insn: k, rax: x, rbx: y, rcx: r64(), rdx: r64(), rflags: flags(), mem: rnd() < 0.5 ? y ^ x : r64() };
    if (spec.gen === 'shift') c.rcx = (c.rcx & ~0xffn) | BigInt(Math.floor(rnd() * 80));
    if (spec.gen === 'div' || spec.gen === 'idiv') {
      // Keep the quotient in range: natively a #DE would kill the harness.
      const signed = spec.gen === 'idiv';
      const sx = (v: bigint, b: bigint): bigint => BigInt.asIntN(Number(b), v);
      let d = y & mask;
      if (d === 0n) d = 7n;
      const lowA = x & mask;
      const hiPart = signed ? (sx(lowA, bits) < 0n ? mask : 0n) : (c.rdx & mask) % d;
      const dividend = signed ? sx((hiPart << bits) | lowA, bits * 2n) : (hiPart << bits) | lowA;
      const dv = signed ? sx(d, bits) : d;
      const q = dividend / dv;
      const lim = signed ? 1n << (bits - 1n) : 1n << bits;
      if (signed ? q < -lim || q >= lim : q >= lim) continue;
      c.rbx = (y & ~mask) | d;
      if (spec.bits === 8) c.rax = (x & ~0xffffn) | (hiPart << 8n) | lowA;
      else c.rdx = (c.rdx & ~mask) | hiPart;
    }
    if (/cl$|,c[lxh]$|ecx$|rcx$/.test(spec.insn) && spec.insn.startsWith('bt')) c.rcx = BigInt(Math.floor(rnd() * 256));
    out.push(c);
  }
  return out;
}

describe('x86-64 executor vs native execution', () => {
  it('matches results and defined flags of the host CPU', () => {
    const list = specs();
    const rnd = prng(2024);
    const all: NativeCase[] = [];
    list.forEach((s, k) => all.push(...cases(s, k, rnd)));
    const native = runNative(
      list.map((s) => s.insn),
      all,
    );

    // The same instructions, assembled by GNU as, each placed at its own address.
    const bytes = assemble(list.map((s) => s.insn).join('\n'));
    const m = makeMachine();
    const MEMSLOT = DATA + 0x100; // plays the harness's [r8+80]
    const starts: number[] = [];
    let p = 0;
    const counts: number[] = [];
    for (let k = 0; k < list.length; k++) {
      const n = list[k]!.insn.split(';').length;
      const begin = p;
      for (let j = 0; j < n; j++) {
        const inst = decode(bytes, p, bytes.length);
        if (inst === null) throw new Error(`cannot decode ${list[k]!.insn}`);
        p += inst.len;
      }
      const at = CODE + k * 64;
      m.write(at, bytes.subarray(begin, p));
      starts.push(at);
      counts.push(n);
    }
    expect(p).toBe(bytes.length);

    const cpu = m.cpu;
    const failures: string[] = [];
    all.forEach((c, n) => {
      const spec = list[c.insn]!;
      cpu.setReg(0, c.rax);
      cpu.setReg(3, c.rbx);
      cpu.setReg(1, c.rcx);
      cpu.setReg(2, c.rdx);
      cpu.setRflags(Number(c.rflags));
      cpu.setRegNum(8, MEMSLOT - 80);
      const mb = new Uint8Array(8);
      new DataView(mb.buffer).setBigUint64(0, c.mem, true);
      m.write(MEMSLOT, mb);
      cpu.rip = starts[c.insn]!;
      const stop = cpu.run(counts[c.insn]!);
      const want = native[n]!;
      const fm = spec.mask(c);
      const back = m.read(MEMSLOT, 8);
      const gotMem = new DataView(back.buffer, back.byteOffset).getBigUint64(0, true);
      const got = { rax: cpu.getReg(0), rbx: cpu.getReg(3), rcx: cpu.getReg(1), rdx: cpu.getReg(2), rflags: BigInt(cpu.getRflags()) };
      const bad =
        stop.kind !== 'budget' ||
        got.rax !== want.rax ||
        got.rbx !== want.rbx ||
        got.rcx !== want.rcx ||
        got.rdx !== want.rdx ||
        gotMem !== want.mem ||
        (got.rflags & fm) !== (want.rflags & fm);
      if (bad && failures.length < 30) {
        const h = (v: bigint): string => v.toString(16);
        failures.push(
          `${spec.insn} rax=${h(c.rax)} rbx=${h(c.rbx)} rcx=${h(c.rcx)} rdx=${h(c.rdx)} fl=${h(c.rflags)}: ` +
            `want rax=${h(want.rax)} rdx=${h(want.rdx)} rcx=${h(want.rcx)} rbx=${h(want.rbx)} fl=${h(want.rflags & fm)}; ` +
            `got rax=${h(got.rax)} rdx=${h(got.rdx)} rcx=${h(got.rcx)} rbx=${h(got.rbx)} fl=${h(got.rflags & fm)} (${stop.kind}); mem want ${h(want.mem)} got ${h(gotMem)}`,
        );
      }
    });
    expect(all.length).toBeGreaterThan(40000);
    expect(failures).toEqual([]);
  }, 180_000);
});
