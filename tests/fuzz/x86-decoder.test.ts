// Fuzzing the x86-64 decoder: random and mutated byte strings never make decode() or the
// disassembler throw, and decode → disassemble → our assembler → decode never disagrees.
// Forms the assembler deliberately does not take (objdump-only spellings such as
// `rex.W push` or `scas al,BYTE PTR es:[rdi]`) are skipped, counted and printed.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assembleX86 } from '../../core/arch/x86_64/assembler/x86-backend.js';
import { decode, TRUNCATED } from '../../core/arch/x86_64/decoder.js';
import { disassemble } from '../../core/arch/x86_64/disassembler.js';
import { byteCorpus } from '../core/arch/x86_64/helpers/asm-corpus.js';
import { FUZZ_TIMEOUT_MS, fuzzParams, Tally } from './fuzz-budget.js';

// objdump prints a branch target as an absolute address; decoding at 0, `. ± n` names it.
const BRANCH = /^(j\w+|call|jmp)\s+0x([0-9a-f]+)$/;
const PREFIX_WORD = /^(rex(\.[WRXB]+)?|data16|addr32|bnd|notrack|ds|ss|cs|es|fs|gs|lock|repz|repnz|rep|xacquire|xrelease)\s/;

/** Why the assembler may refuse this disassembly, or null when it must take it. */
function unsupported(text: string): string | null {
  if (PREFIX_WORD.test(text)) return 'prefix spelled as its own word (rex.*, segment, data16, lock/rep on a non-string op)';
  const mn = text.split(/\s/)[0]!;
  if (/^(movs|cmps|scas|lods|stos|ins|outs)$/.test(mn)) return 'string instruction with explicit operands';
  if (/^(loop|loope|loopne|jrcxz|jecxz)$/.test(mn)) return 'loop/jrcxz (not in the assembler)';
  if (mn === 'movsxd' && !/^movsxd\s+(r[a-z]{2}|r\d+),/.test(text)) return 'movsxd with a 32-bit destination';
  if (/\bxmm\d+\b/.test(text)) return 'SSE register operand (the assembler has no SSE forms)';
  if (/^(call|jmp)\s+(WORD PTR|[abcd]x$|[sd]i$|[sb]p$|r\d+w$)/.test(text)) return '16-bit indirect call/jmp (66 prefix, which Intel CPUs ignore)';
  if (/\bcr(1|5|6|7|9|1\d)\b/.test(text)) return 'reserved control register';
  return null;
}

/** Spellings that mean the same instruction: objdump's "+0x0]" for a zero disp8, the
 * "# target" comment after rip-relative operands, `int 0x3` (GNU as emits int3),
 * shift-by-one written `,0x1` (C0 /r ib) or `,1` (D0 /r), xchg's operand order, and
 * `xchg rax,rax` (48 87 C0), which GNU as, like ours, writes as the one-byte nop (90). */
function sameMeaning(text: string): string {
  let t = text.replace(/\s+#.*$/, '').replace(/\+0x0\]/g, ']').replace(/\s+/g, ' ').trim();
  if (t === 'int 0x3') t = 'int3';
  if (t === 'xchg rax,rax') t = 'nop';
  t = t.replace(/^(rol|ror|rcl|rcr|shl|sal|shr|sar) (.*),0x1$/, '$1 $2,1');
  const x = /^xchg (\w+),(\w+)$/.exec(t);
  if (x) t = `xchg ${[x[1], x[2]].sort().join(',')}`;
  return t;
}

function toSource(text: string): string {
  const m = BRANCH.exec(text);
  if (m === null) return text.replace(/\s+#.*$/, '');
  const target = BigInt.asIntN(64, BigInt(`0x${m[2]}`));
  return `${m[1]} . ${target < 0n ? '-' : '+'} ${target < 0n ? -target : target}`;
}

const corpus = byteCorpus(4, 7);
const mutated = fc
  .tuple(fc.constantFrom(...corpus), fc.array(fc.tuple(fc.nat(15), fc.nat(255)), { maxLength: 3 }), fc.nat(16))
  .map(([bytes, flips, cut]) => {
    const b = bytes.slice(0, Math.max(1, Math.min(bytes.length, cut === 0 ? bytes.length : cut)));
    for (const [at, v] of flips) if (at < b.length) b[at] = v;
    return b;
  });
const bytesInput = fc.oneof(fc.uint8Array({ minLength: 1, maxLength: 15 }), mutated);

describe('x86-64 decoder fuzz', () => {
  it('decodes any bytes without throwing, within any window', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 0, maxLength: 40 }), fc.nat(40), fc.nat(40), (b, s, e) => {
        const start = Math.min(s, b.length);
        const end = Math.min(Math.max(start, e), b.length);
        const i = decode(b, start, end);
        if (i !== null && i !== TRUNCATED) {
          expect(i.len).toBeGreaterThanOrEqual(1);
          expect(i.len).toBeLessThanOrEqual(16);
          expect(start + Math.min(i.len, 15)).toBeLessThanOrEqual(end);
        }
      }),
      fuzzParams(),
    );
  }, FUZZ_TIMEOUT_MS);

  it('decode → disassemble → assemble → decode never disagrees', () => {
    const tally = new Tally();
    const disagreements: string[] = [];
    const missing = new Set<string>();
    fc.assert(
      fc.property(bytesInput, (bytes) => {
        const first = disassemble(bytes, 0);
        if (first.text === '(bad)') return void tally.add('undefined or truncated');
        const skip = unsupported(first.text);
        if (skip !== null) return void tally.add(`skipped: ${skip}`, first.text);
        if (BRANCH.test(first.text) === false && /^(j\w+|call)\s+0x/.test(first.text)) return void tally.add('skipped: prefixed branch', first.text);
        const source = toSource(first.text);
        const r = assembleX86(`.intel_syntax noprefix\n${source}\n`);
        if (!r.ok && /^unknown mnemonic/.test(r.errors[0]!.message)) {
          // The executor runs more of the ISA (SSE, bsr, xadd…) than the teaching assembler spells.
          missing.add(first.text.split(/\s/)[0]!);
          return void tally.add('skipped: mnemonic the assembler does not implement', first.text);
        }
        if (!r.ok) {
          disagreements.push(`${first.text}: assembler refused: ${r.errors[0]!.message}`);
          return;
        }
        const again = r.image.sections.find((s) => s.name === '.text')!.bytes;
        const second = disassemble(again, 0);
        expect(second.length, `${first.text} re-encoded as ${Buffer.from(again).toString('hex')}`).toBe(again.length);
        if (sameMeaning(second.text) !== sameMeaning(first.text)) disagreements.push(`${first.text} → ${second.text} (${Buffer.from(bytes.subarray(0, first.length)).toString('hex')} → ${Buffer.from(again).toString('hex')})`);
        else tally.add(second.length === first.length ? 'round trip: same length' : 'round trip: shorter/longer encoding, same instruction');
      }),
      fuzzParams(),
    );
    console.log(`${tally.report('x86-64 decode → assemble → decode')}\n  mnemonics decoded but not assembled: ${[...missing].sort().join(' ')}`);
    expect(disagreements.slice(0, 20)).toEqual([]);
    expect(tally.get('round trip: same length')).toBeGreaterThan(2000);
  }, FUZZ_TIMEOUT_MS);
});
