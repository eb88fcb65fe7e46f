// Our assembler + core/elf/link.ts against GNU as + GNU ld with the sections
// pinned at the addresses link.ts chose: every linked byte of every section
// must match (this checks adrp page deltas from final addresses, :lo12:,
// :abs_gN:, branches across sections and literal pools), and the programs in
// tests/conformance/arm64 must behave identically under qemu-aarch64.

import { chmodSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { assembleArm64 } from '../../../../../core/arch/arm64/assembler/assembler.js';
import { linkExecutable } from '../../../../../core/elf/link.js';
import { entryPoint, readMemory } from './elf-memory.js';
import { gasObject, ldLinkAt, qemuRun, siAddrVaries, withTempDir } from './gas.js';
import { labelledCorpus, rangeEdgeCorpus } from './labelled-corpus.js';

const CONFORMANCE = join(import.meta.dirname, '../../../../conformance/arm64');

interface Built {
  ours: string;
  gas: string;
  oursElf: Uint8Array;
  gasElf: Uint8Array;
  sections: { name: string; address: bigint; size: number; kind: string }[];
}

function build(source: string, dir: string): Built {
  const r = assembleArm64(source);
  if (!r.ok) throw new Error(r.errors.slice(0, 5).map((e) => `${e.line}:${e.column}: ${e.message}`).join('\n'));
  const l = linkExecutable(r.image, { arch: 'arm64' });
  if (!l.ok) throw new Error(l.errors.map((e) => `${e.line}:${e.column}: ${e.message}`).join('\n'));
  const ours = join(dir, 'ours');
  writeFileSync(ours, l.elf);
  chmodSync(ours, 0o755);
  // GNU ld merges .text.* into .text; pin only the output sections it keeps.
  const pins: Record<string, bigint> = {};
  for (const s of l.sections) if (!s.name.startsWith('.text.') && s.size > 0) pins[s.name] = s.address;
  const gas = ldLinkAt(gasObject(source, dir, 'gas'), dir, 'gas', pins);
  return { ours, gas, oursElf: l.elf, gasElf: new Uint8Array(readFileSync(gas)), sections: l.sections };
}

function compareMemory(b: Built): string[] {
  const diffs: string[] = [];
  for (const s of b.sections) {
    if (s.kind === 'bss' || s.size === 0) continue;
    const a = readMemory(b.oursElf, s.address, s.size);
    const g = readMemory(b.gasElf, s.address, s.size);
    for (let i = 0; i < s.size && diffs.length < 20; i += 4) {
      const wa = Buffer.from(a.subarray(i, i + 4)).toString('hex');
      const wg = Buffer.from(g.subarray(i, i + 4)).toString('hex');
      if (wa !== wg) diffs.push(`${s.name}+0x${i.toString(16)} (0x${(s.address + BigInt(i)).toString(16)}): ours=${wa} gas=${wg}`);
    }
  }
  return diffs;
}

describe('assembleArm64 + core/elf/link.ts vs GNU as + GNU ld', () => {
  it('labelled corpus: identical memory image and entry point', () => {
    withTempDir((dir) => {
      const b = build(labelledCorpus(), dir);
      expect(compareMemory(b)).toEqual([]);
      expect(entryPoint(b.oursElf)).toBe(entryPoint(b.gasElf));
    });
  });
  it('branches and literals at exactly +-1 MiB: identical memory image', () => {
    withTempDir((dir) => {
      expect(compareMemory(build(rangeEdgeCorpus(), dir))).toEqual([]);
    });
  }, 180_000);
  for (const file of readdirSync(CONFORMANCE).filter((f) => f.endsWith('.s')).sort()) {
    it(`${file}: identical memory image and qemu-aarch64 behaviour`, () => {
      const source = readFileSync(join(CONFORMANCE, file), 'utf8');
      const stdinMatch = /^\/\/ stdin: (.*)$/m.exec(source);
      const stdin = stdinMatch ? (JSON.parse(stdinMatch[1] ?? '""') as string) : '';
      withTempDir((dir) => {
        const b = build(source, dir);
        expect(compareMemory(b)).toEqual([]);
        const mask = { maskSiAddr: siAddrVaries(source) };
        const a = qemuRun(b.ours, stdin, mask);
        const g = qemuRun(b.gas, stdin, mask);
        expect(a.stdout).toBe(g.stdout);
        expect(a.status).toBe(g.status);
        expect(a.strace).toEqual(g.strace);
      });
    });
  }
});
