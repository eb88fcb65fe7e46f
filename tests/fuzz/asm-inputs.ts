// Source-text generators shared by the assembler fuzzers: token soup, arbitrary text,
// and valid lines from the reference corpora with small random edits applied.
import fc from 'fast-check';

const COMMON = [
  '[', ']', '+', '-', '*', '/', '%', '<<', '>>', '(', ')', ',', ':', ';', '#', '//', '/*', '*/', '"', "'", '=', '.', '$', '!', '~', '@', '\\',
  '0', '1', '-1', '0x80', '4096', '0xffffffffffffffff', '-0x8000000000000000', '1f', '1b', '1:', 'lbl', 'lbl:', '.', '. + 4',
  '.byte', '.short', '.word', '.long', '.quad', '.ascii', '.asciz', '.string', '.align', '.balign', '.p2align', '.skip', '.space', '.zero', '.fill',
  '.equ', '.set', '.section', '.text', '.data', '.bss', '.rodata', '.globl', '.global', '.type', '.size', '.comm', '.lcomm', '.uleb128', '.sleb128',
  '.rept 3', '.rept 0xffffffff', '.rept -1', '.endr', '.macro', '.endm', '.if', '.endif', '.incbin', '.include', '.org 16', '.ltorg', '.pool',
  '"str"', '"\\x41\\n"', "'a'", '\n', ' ', '\t',
  // Macros: definitions, calls and substitutions in any order, including recursive ones.
  '.macro m a, b=2', '.macro m a:req, b:vararg', '.macro M', 'm', 'm 1, 2', 'm b=1', 'm\n', '\\a', '\\b', '\\@', '\\()', '&a', '.exitm', '.purgem m',
  '.irp r, 1, 2', '.irpc c, 123', '\\r', '\\c',
];

/** A few lines of tokens that look like assembly, in random order. */
export function tokenSoup(words: readonly string[]): fc.Arbitrary<string> {
  return fc.array(fc.constantFrom(...words, ...COMMON), { maxLength: 30 }).map((w) => w.join(' '));
}

const EDITS = ['', ' ', ',', '[', ']', '+', '-', '*', ':', '#', '0', '9', '0x', 'ffffffffffffffff', '(', ')', '"', '\\', '\n', '.', '@', 'r', 'x', 'w', 'q'];

/** One edit to a line: delete a span, insert or overwrite a fragment, duplicate a span, or cut the line. */
function edit(line: string, kind: number, at: number, len: number, frag: string): string {
  const i = at % (line.length + 1);
  const j = Math.min(line.length, i + len);
  switch (kind) {
    case 0:
      return line.slice(0, i) + line.slice(j);
    case 1:
      return line.slice(0, i) + frag + line.slice(i);
    case 2:
      return line.slice(0, i) + frag + line.slice(j);
    case 3:
      return line.slice(0, j) + line.slice(i, j) + line.slice(j);
    default:
      return line.slice(0, i);
  }
}

/** A valid line from `lines` with one to three edits. */
export function mutatedLine(lines: readonly string[]): fc.Arbitrary<string> {
  const op = fc.tuple(fc.nat(4), fc.nat(200), fc.nat(8), fc.constantFrom(...EDITS));
  return fc.tuple(fc.constantFrom(...lines), fc.array(op, { minLength: 1, maxLength: 3 })).map(([line, ops]) => ops.reduce((l, [k, at, len, frag]) => edit(l, k, at, len, frag), line));
}

/** A short program: a few mutated lines, with a label and a directive or two between them. */
export function mutatedProgram(lines: readonly string[]): fc.Arbitrary<string> {
  return fc.array(fc.oneof(mutatedLine(lines), fc.constantFrom(...lines), fc.constantFrom('lbl:', '1:', '.data', '.text', '.byte 1', '.quad lbl', '.p2align 3')), { minLength: 1, maxLength: 6 }).map((l) => l.join('\n'));
}
