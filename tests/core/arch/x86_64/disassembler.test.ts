// Decoder and disassembler against GNU objdump: every instruction GNU as produces from
// the generated corpus, and random encodings of every opcode-table row, must decode
// to the same length and (whitespace-normalised) text as `objdump -d -M intel`.

import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decode, TRUNCATED } from '../../../../core/arch/x86_64/decoder.js';
import { disassemble, disassembleInst } from '../../../../core/arch/x86_64/disassembler.js';
import { OPCODE_ROWS } from '../../../../core/arch/x86_64/opcode-table.js';
import type { OpRow } from '../../../../core/arch/x86_64/inst.js';
import { byteCorpus, sourceCorpus } from './helpers/asm-corpus.js';
import { normalize, objdump } from './helpers/gnu.js';

/** Assemble, dropping the lines GNU rejects (e.g. ah with a REX register); returns bytes and kept lines. */
function assembleTolerant(lines: string[]): { bytes: Uint8Array; kept: number } {
  const dir = mkdtempSync(join(tmpdir(), 'x86-corpus-'));
  try {
    let cur = lines.slice();
    for (let attempt = 0; attempt < 5; attempt++) {
      const s = join(dir, 'a.s');
      writeFileSync(s, '.intel_syntax noprefix\n.text\n' + cur.join('\n') + '\n');
      try {
        execFileSync('as', ['--64', '-o', join(dir, 'a.o'), s], { stdio: ['ignore', 'ignore', 'pipe'] });
        execFileSync('objcopy', ['-O', 'binary', '-j', '.text', join(dir, 'a.o'), join(dir, 'a.bin')]);
        return { bytes: new Uint8Array(readFileSync(join(dir, 'a.bin'))), kept: cur.length };
      } catch (e) {
        const err = String((e as { stderr?: Buffer }).stderr ?? '');
        const bad = new Set([...err.matchAll(/a\.s:(\d+): Error/g)].map((m) => Number(m[1]) - 3));
        if (bad.size === 0) throw e;
        cur = cur.filter((_, i) => !bad.has(i));
      }
    }
    throw new Error('could not assemble corpus');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** objdump prints RIP-relative targets as "# 0x…"; both sides use the same form. */
function compareAll(bytes: Uint8Array, vma: number, starts?: Set<number>): { checked: number; mismatches: string[]; rows: Set<OpRow> } {
  const mismatches: string[] = [];
  const rows = new Set<OpRow>();
  let checked = 0;
  const seen = new Set<number>();
  for (const line of objdump(bytes, vma)) {
    const off = line.addr - vma;
    if (starts !== undefined && !starts.has(off)) continue;
    seen.add(off);
    const inst = decode(bytes, off, Math.min(bytes.length, off + 15));
    const want = normalize(line.text);
    if (want.startsWith('(bad)') || want.startsWith('.byte')) continue;
    checked++;
    if (inst === null || inst === TRUNCATED) {
      mismatches.push(`${want} [${line.bytes.map((b) => b.toString(16)).join(' ')}]: not decoded`);
      continue;
    }
    if (inst.row !== null) rows.add(inst.row);
    const got = normalize(disassembleInst(inst, line.addr));
    if (inst.len !== line.bytes.length || got !== want)
      mismatches.push(`[${line.bytes.map((b) => b.toString(16).padStart(2, '0')).join(' ')}] objdump "${want}" (${line.bytes.length}) vs "${got}" (${inst.len})`);
  }
  if (starts !== undefined) for (const s of starts) if (!seen.has(s)) mismatches.push(`objdump does not start an instruction at generated offset ${s}`);
  return { checked, mismatches, rows };
}

describe('x86-64 decoder/disassembler vs objdump', () => {
  it('decodes the generated GNU as corpus exactly as objdump does', () => {
    const lines = sourceCorpus();
    const { bytes, kept } = assembleTolerant(lines);
    expect(kept).toBeGreaterThan(3000);
    const r = compareAll(bytes, 0x401000);
    expect(r.checked).toBeGreaterThan(3000);
    expect(r.mismatches.slice(0, 40)).toEqual([]);
  }, 120_000);

  it('decodes random encodings of every opcode-table row as objdump does', () => {
    const encs = byteCorpus(40, 7);
    const all = new Uint8Array(encs.reduce((n, e) => n + e.length, 0));
    let p = 0;
    const starts = new Set<number>();
    for (const e of encs) {
      all.set(e, p);
      starts.add(p);
      p += e.length;
    }
    const r = compareAll(all, 0, starts);
    expect(r.checked).toBeGreaterThan(OPCODE_ROWS.length * 20);
    expect(r.mismatches.slice(0, 40)).toEqual([]);
    const missing = OPCODE_ROWS.filter((row) => !r.rows.has(row)).map((row) => `${row.map ? '0f ' : ''}${row.opcode.toString(16)} ${JSON.stringify(row.mn)}`);
    expect(missing).toEqual([]);
  }, 120_000);

  it('spells CET and MPX prefixes as objdump does (notrack, bnd)', () => {
    const bytes = Uint8Array.from([0x3e, 0xff, 0xe0, 0x3e, 0xff, 0x10, 0xf2, 0xff, 0xe0, 0xf2, 0xc3, 0xf2, 0x75, 0x00, 0x3e, 0x75, 0x00, 0x2e, 0x75, 0x00]);
    const lines = objdump(bytes, 0);
    expect(lines.length).toBe(7);
    for (const l of lines) {
      const inst = decode(bytes, l.addr, bytes.length)!;
      expect(normalize(disassembleInst(inst, l.addr))).toBe(normalize(l.text));
    }
  });

  it('disassemble() reports length and text of a single instruction', () => {
    expect(disassemble(Uint8Array.from([0x8b, 0x45, 0xfc]), 0)).toEqual({ length: 3, text: 'mov    eax,DWORD PTR [rbp-0x4]' });
    expect(disassemble(Uint8Array.from([0x0f, 0xff]), 0).text).toBe('(bad)');
  });
});
