// Mistakes in macros: each gives the error GNU as gives, on the line GNU gives it
// (GNU's wording, with the house quotes), and an error inside an expansion names
// the body line and the invocation, as GNU's "macro invoked from here" does.
import { describe, expect, it } from 'vitest';
import { MAX_MACRO_DEPTH } from '../../../core/asm/expand.js';
import { assembleX86 } from '../../../core/arch/x86_64/assembler/x86-backend.js';
import { gnuErrors, ourErrors, type Arch } from './macro-gnu.js';

/** GNU's `a.s:3: Error: Macro `m' was already defined` as `3: macro 'm' was already defined`. */
function gnuFirstError(arch: Arch, src: string): string {
  const line = gnuErrors(arch, src).find((l) => l.includes('Error'));
  const m = /:(\d+): Error: (.*)$/.exec(line ?? '');
  if (m === null) return `no error from GNU as: ${line}`;
  const text = (m[2] as string).replace(/`([^']*)'/g, "'$1'");
  return `${m[1]}: ${text[0]?.toLowerCase()}${text.slice(1)}`;
}

const CASES: Record<string, string> = {
  'missing :req argument': '.macro m a:req, b\n.byte \\a\n.endm\nm b=1\n',
  'too many positional arguments': '.macro m a\n.byte \\a\n.endm\nm 1, 2\n',
  'redefinition': '.macro m\n.endm\n.macro M\n.endm\n',
  'unknown keyword': '.macro m a\n.endm\nm b=1\n',
  'keyword then positional': '.macro m a, b\n.endm\nm a=1, 2\n',
  'bad qualifier': '.macro m q:foo\n.endm\n',
  'duplicate parameter': '.macro m y y\n.endm\n',
  'missing macro name': '.macro\n.endm\n',
  'bad parameter list': '.macro m a b:vararg c\n.endm\n',
};

describe('macro errors vs GNU as', () => {
  it.each(Object.entries(CASES))('%s', (_name, src) => {
    const theirs = gnuFirstError('x86_64', src);
    const mine = ourErrors('x86_64', src);
    expect(mine.length).toBe(1);
    // Ours may add detail after GNU's text (which macro, how many parameters).
    expect(mine[0]?.startsWith(theirs.replace(/\.$/, ''))).toBe(true);
  });

  it('an error inside a body is reported at the body line and names the invocation line', () => {
    const src = '.intel_syntax noprefix\n.macro print msg\n  movv eax, \\msg\n.endm\n  nop\n  print 1\n';
    const gnu = gnuErrors('x86_64', src);
    expect(gnu[0]).toMatch(/:3: Error: no such instruction/);
    expect(gnu[1]).toMatch(/:6: +Info: macro invoked from here/);
    const r = assembleX86(src);
    expect(r.ok ? [] : r.errors).toEqual([{ line: 3, column: 3, message: "in macro 'print' called at line 6: unknown mnemonic 'movv'" }]);
  });

  it('nested invocations are all named, innermost first, like GNU lists them', () => {
    const src = '.macro inner\n  movv eax, 1\n.endm\n.macro outer\n  inner\n.endm\n  outer\n';
    const gnu = gnuErrors('x86_64', src).map((l) => /:(\d+):/.exec(l)?.[1]);
    expect(gnu).toEqual(['2', '5', '7']);
    expect(ourErrors('x86_64', src)).toEqual(["2: in macro 'inner' called at line 5, from macro 'outer' called at line 7: unknown mnemonic 'movv'"]);
  });

  it('errors found at layout time carry the invocation too', () => {
    expect(ourErrors('x86_64', '.macro m\n  .byte 1, nosuch\n.endm\n  m\n')).toEqual(["2: in macro 'm' called at line 4: undefined symbol 'nosuch'"]);
  });

  it('errors in .irp bodies inside a macro keep the macro as their origin (AArch64)', () => {
    const src = '.macro m\n  .irp r, x0, x99\n  mov \\r, #1\n  .endr\n.endm\n  m\n';
    expect(gnuErrors('arm64', src).some((l) => /:3: Error/.test(l))).toBe(true);
    const mine = ourErrors('arm64', src);
    expect(mine.length).toBe(1);
    expect(mine[0]).toMatch(/^3: in macro 'm' called at line 6: /);
  });

  it(`a chain of ${MAX_MACRO_DEPTH + 1} calls works in both assemblers, and one more is an error in both`, () => {
    const chain = (n: number): string => {
      let s = '';
      for (let k = 1; k < n; k++) s += `.macro m${k}\n  m${k + 1}\n.endm\n`;
      return `${s}.macro m${n}\n  .byte ${n}\n.endm\n  m1\n`;
    };
    expect(gnuErrors('x86_64', chain(MAX_MACRO_DEPTH + 1))).toEqual([]);
    expect(ourErrors('x86_64', chain(MAX_MACRO_DEPTH + 1))).toEqual([]);
    expect(gnuErrors('x86_64', chain(MAX_MACRO_DEPTH + 2)).join('\n')).toMatch(/macros nested too deeply/);
    expect(ourErrors('x86_64', chain(MAX_MACRO_DEPTH + 2))[0]).toMatch(/macros nested too deeply \(more than 100 levels\)/);
  });

  it('unterminated blocks, stray ends and unknown .purgem are errors at their line', () => {
    expect(gnuErrors('x86_64', '.macro m\nnop\n').join('\n')).toMatch(/unexpected end of file in macro `m' definition/);
    expect(ourErrors('x86_64', 'nop\n.macro m\nnop\n')).toEqual(['2: .macro without .endm']);
    expect(ourErrors('x86_64', '.irp r, 1\n.byte \\r\n')).toEqual(['1: .irp without .endr']);
    expect(ourErrors('x86_64', '.irpc\n.endr\n')).toEqual(['1: missing model parameter']);
    // GNU only warns about these three; here they are errors, as they are always slips.
    expect(ourErrors('x86_64', 'nop\n.endm\n')).toEqual(['2: .endm without .macro']);
    expect(ourErrors('x86_64', '.exitm\n')).toEqual(['1: .exitm outside a macro']);
    expect(ourErrors('x86_64', '.purgem nosuch\n')).toEqual(["1: .purgem: there is no macro named 'nosuch'"]);
  });

  it('a macro is gone after .purgem', () => {
    expect(ourErrors('x86_64', '.macro m\nnop\n.endm\nm\n.purgem m\nm\n')).toEqual(["6: unknown mnemonic 'm'"]);
  });
});

describe('source map of expansions', () => {
  it('expanded instructions map to the body lines they came from', () => {
    const src = '.intel_syntax noprefix\n.macro exit code\n  mov edi, \\code\n  mov eax, 60\n  syscall\n.endm\n  exit 0\n.irp r, eax, ebx\n  inc \\r\n.endr\n';
    const r = assembleX86(src);
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(r.image.sourceMap.map((m) => [m.offset, m.line, m.column])).toEqual([
      [0, 3, 3],
      [5, 4, 3],
      [10, 5, 3],
      [12, 9, 3],
      [14, 9, 3],
    ]);
  });
});
