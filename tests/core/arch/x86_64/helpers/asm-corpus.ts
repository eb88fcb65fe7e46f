// Generates GNU as (Intel syntax) source covering every opcode-table row × operand
// size × register × addressing mode, plus raw encodings of each row with random
// ModRM/SIB/displacement/immediate bytes. objdump is the judge of both.

import { OPCODE_ROWS } from '../../../../../core/arch/x86_64/opcode-table.js';
import type { OpRow } from '../../../../../core/arch/x86_64/inst.js';
import { regName } from '../../../../../core/arch/x86_64/registers.js';

/** A small seeded PRNG (mulberry32) so the corpus is the same on every run. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PTR: Record<number, string> = { 1: 'BYTE PTR ', 2: 'WORD PTR ', 4: 'DWORD PTR ', 8: 'QWORD PTR ' };
const MEMS = [
  '[rax]',
  '[rbp-0x4]',
  '[rsp+0x8]',
  '[r12]',
  '[r13+0x0]',
  '[rax+rbx*4+0x10]',
  '[rcx+rdx*1]',
  '[r15+r14*2-0x80]',
  '[rsi+r9*8+0x12345678]',
  '[rip+0x100]',
  '[rbx*8+0x20]',
  '[rsp+rbp*2+0x7f]',
  '[r8-0x80000000]',
  'ds:0x1234',
  'fs:0x28',
  'gs:[rax+0x8]',
  'fs:[rdi]',
  '[eax]',
  '[ebx+ecx*4+0x8]',
];

function sizesOf(row: OpRow): number[] {
  const f = row.form;
  if (typeof row.mn !== 'string') return Object.keys(row.mn).map(Number);
  if (/y/.test(f)) return [4, 8];
  if (row.f64) return [8];
  if (!/v|rAX|Iz/.test(f) && typeof row.mn === 'string') return [f.includes('b') || f.includes('AL') ? 1 : 4];
  if (row.d64) return [2, 8];
  return [2, 4, 8];
}

function mnemonicFor(row: OpRow, size: number): string {
  return typeof row.mn === 'string' ? row.mn : row.mn[size]!;
}

function regsFor(size: number): string[] {
  const n = size === 1 ? 20 : 16;
  const out: string[] = [];
  for (let r = 0; r < n; r++) out.push(regName(size, r));
  return out;
}

function immFor(kind: string, size: number, k: number): string {
  const byte = ['0x0', '0x1', '0x7f', '0x80', '0xff', '0x5'];
  const word = ['0x0', '0x1', '0x7fff', '0x8000', '0xffff', '0x1234'];
  const dword = ['0x0', '0x1', '0x7fffffff', '-0x80000000', '-0x1', '0x12345678'];
  const qword = ['0x0', '0x1', '0x7fffffffffffffff', '0x8000000000000000', '-0x1', '0x123456789abcdef0'];
  if (kind === 'Ib' || size === 1) return byte[k % byte.length]!;
  if (kind === 'Ibs') return ['0x0', '0x1', '0x7f', '-0x80', '-0x1', '0x10'][k % 6]!;
  if (kind === 'Iw' || size === 2) return word[k % word.length]!;
  if (kind === 'Iv' && size === 8) return qword[k % qword.length]!;
  return dword[k % dword.length]!;
}

/** Source lines: each row × size × a spread of operands. Rows GNU spells specially are listed by hand. */
export function sourceCorpus(): string[] {
  const lines: string[] = [];
  for (const row of OPCODE_ROWS) {
    const ops = row.form === '' ? [] : row.form.split(',');
    if (ops.some((o) => o[0] === 'J' || o[0] === 'X' || o[0] === 'Y' || o === 'Cd' || o === 'Rq')) continue;
    for (const size of sizesOf(row)) {
      const mn = mnemonicFor(row, size);
      if (ops.length === 0) {
        lines.push(mn);
        continue;
      }
      const eSize = (o: string): number => (o.endsWith('v') || o.endsWith('y') ? size : o.endsWith('b') ? 1 : o.endsWith('w') ? 2 : o.endsWith('d') ? 4 : 8);
      const eChoices: string[] = [];
      const ePos = ops.findIndex((o) => o[0] === 'E' || o[0] === 'M' || o[0] === 'W');
      if (ePos >= 0) {
        const o = ops[ePos]!;
        if (o[0] === 'E') eChoices.push(...regsFor(eSize(o)));
        if (o[0] === 'W') for (let x = 0; x < 16; x++) eChoices.push('xmm' + x);
        const ptr = o === 'M' ? '' : o === 'W' ? 'XMMWORD PTR ' : o === 'Wq' ? 'QWORD PTR ' : o === 'Wd' ? 'DWORD PTR ' : PTR[o === 'Mb' ? 1 : eSize(o)]!;
        for (const m of MEMS) eChoices.push(ptr + m);
      } else eChoices.push('');
      const gRegs = ops.find((o) => o[0] === 'G' || o[0] === 'Z');
      const gList = gRegs ? regsFor(eSize(gRegs)) : [''];
      const n = Math.max(eChoices.length, gList.length);
      for (let k = 0; k < n; k++) {
        const parts = ops.map((o) => {
          const c = o[0]!;
          if (c === 'E' || c === 'M' || c === 'W') return eChoices[k % eChoices.length]!;
          if (c === 'V') return 'xmm' + ((k * 7) % 16);
          if (c === 'G' || c === 'Z') return gList[k % gList.length]!;
          if (o === 'AL') return 'al';
          if (o === 'rAX') return regName(size, 0);
          if (o === 'CL') return 'cl';
          if (o === '1') return '1';
          if (c === 'I') return immFor(o, size, k);
          return '?';
        });
        // High-byte registers cannot be combined with a REX prefix: let GNU reject those.
        lines.push(`${mn} ${parts.join(',')}`);
      }
    }
  }
  // Forms GNU spells without operands or with fixed registers.
  for (const s of ['movsb', 'movsw', 'movsd', 'movsq', 'stosb', 'stosw', 'stosd', 'stosq', 'rep movsb', 'rep movsq', 'rep stosb', 'rep stosd', 'rep stosq', 'fs movsb'])
    lines.push(s);
  for (let cr = 0; cr < 5; cr++) if (cr !== 1) for (const r of ['rax', 'rdi', 'r8', 'r15']) lines.push(`mov ${r},cr${cr}`, `mov cr${cr},${r}`);
  lines.push('nop WORD PTR cs:[rax+rax*1+0x0]', 'xchg ax,ax', 'xchg r8,rax', 'data16 nop', 'sysretq', '.byte 0x0f,0x07');
  return lines;
}

/** Raw encodings: every row with random prefixes, ModRM, SIB, displacement and immediates. */
export function byteCorpus(perRow: number, seed = 1): Uint8Array[] {
  const rnd = prng(seed);
  const byte = (): number => Math.floor(rnd() * 256);
  const out: Uint8Array[] = [];
  for (const row of OPCODE_ROWS) {
    const ops = row.form === '' ? [] : row.form.split(',');
    const hasModrm = row.ext !== undefined || row.modrm !== undefined || ops.some((o) => /^[EGMRVW]/.test(o) || o === 'Cd');
    for (let k = 0; k < perRow; k++) {
      const b: number[] = [];
      let p66 = false;
      if (row.pfx !== undefined) b.push(row.pfx);
      else if (rnd() < 0.2 && !row.no66 && !/^[XYJ]/.test(row.form) && row.form !== '' && row.form !== 'Ib' && row.form !== 'Iw' && row.mn !== 'bswap') {
        b.push(0x66);
        p66 = true;
      }
      if (rnd() < 0.15 && ops.some((o) => o[0] === 'E' || o[0] === 'M' || o[0] === 'W')) b.push(rnd() < 0.5 ? 0x64 : 0x65);
      let rex = 0;
      if (row.rexW) rex = 0x48 | (byte() & 7);
      else if (rnd() < 0.6) rex = 0x40 | (byte() & 15);
      if (rex !== 0) b.push(rex);
      if (row.map === 1) b.push(0x0f);
      b.push(row.opcode);
      let modrm = -1;
      if (hasModrm) {
        if (row.modrm !== undefined) modrm = row.modrm;
        else {
          modrm = byte();
          if (row.ext !== undefined) modrm = (modrm & 0xc7) | (row.ext << 3);
          const memOnly = row.mod === 'mem' || ops.some((o) => o[0] === 'M');
          if (memOnly && modrm >= 0xc0) modrm &= 0x3f;
          if (row.mod === 'reg') modrm |= 0xc0;
          if (ops.includes('Cd') && [1, 5, 6, 7].includes((modrm >> 3) & 7)) modrm = (modrm & 0xc7) | (3 << 3);
          if (ops.includes('Cd')) modrm |= 0xc0;
        }
        b.push(modrm);
        const mod = modrm >> 6;
        const rm = modrm & 7;
        if (mod !== 3 && !ops.includes('Cd')) {
          let base = -1;
          if (rm === 4) {
            const sib = byte();
            b.push(sib);
            base = sib & 7;
          }
          if (mod === 1) b.push(byte());
          else if (mod === 2 || (mod === 0 && (rm === 5 || base === 5))) b.push(byte(), byte(), byte(), byte());
        }
      }
      for (const o of ops) {
        let n = 0;
        const size = rex & 8 ? 8 : p66 ? 2 : 4;
        if (o === 'Ib' || o === 'Ibs' || o === 'Jb') n = 1;
        else if (o === 'Iw') n = 2;
        else if (o === 'Iz') n = size === 2 ? 2 : 4;
        else if (o === 'Jz') n = 4;
        else if (o === 'Iv') n = size;
        for (let j = 0; j < n; j++) b.push(byte());
      }
      out.push(Uint8Array.from(b));
    }
  }
  return out;
}
