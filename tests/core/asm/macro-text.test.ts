// The text rules of gas/macro.c, one function at a time (the byte-level
// agreement with GNU as is in macro-vs-gnu.test.ts).
import { describe, expect, it } from 'vitest';
import { bindArguments, parseIrp, parseMacroHeader, readArgument, substitute } from '../../../core/asm/macro-text.js';

describe('macro text rules', () => {
  it('an argument ends at a comma, or a blank outside () and []; quotes are removed from a quoted one', () => {
    expect(readArgument(' [rbx + 8], x', 0)).toEqual({ value: '[rbx + 8]', end: 10 });
    expect(readArgument('(1 + 2) y', 0)).toEqual({ value: '(1 + 2)', end: 7 });
    expect(readArgument('"a b", c', 0)).toEqual({ value: 'a b', end: 5 });
    expect(readArgument('"say ""hi"""', 0).value).toBe('say "hi"');
    expect(readArgument('"a\\"b"', 0).value).toBe('a\\"b');
    expect(readArgument('x"1 2"y z', 0).value).toBe('x"1 2"y');
  });

  it('reads headers with defaults and qualifiers, and lower-cases the name', () => {
    expect(parseMacroHeader(' Print msg, len=0 fd:req rest:vararg')).toEqual({
      name: 'print',
      formals: [
        { name: 'msg', kind: 'optional', def: '' },
        { name: 'len', kind: 'optional', def: '0' },
        { name: 'fd', kind: 'req', def: '' },
        { name: 'rest', kind: 'vararg', def: '' },
      ],
    });
    expect(parseMacroHeader('m, a')).toMatchObject({ name: 'm', formals: [{ name: 'a' }] });
    expect(parseMacroHeader('m a,')).toEqual({ name: 'm', error: "bad parameter list for macro 'm'" });
  });

  it('binds positional, keyword and vararg arguments, with defaults for blanks', () => {
    const m = parseMacroHeader('m a=1, b, c:vararg');
    if ('error' in m) throw new Error(m.error);
    expect(bindArguments(m, ' , 2, x,  y')).toEqual({ values: new Map([['a', '1'], ['b', '2'], ['c', 'x,  y']]) });
    expect(bindArguments(m, 'b = 5')).toEqual({ values: new Map([['a', '1'], ['b', '5'], ['c', '']]) });
    expect(bindArguments(m, 'b=5 7')).toEqual({ error: "can't mix positional and keyword arguments (macro 'm')" });
  });

  it('substitutes \\name, &name&, \\@ and \\() and leaves unknown names alone', () => {
    const v = new Map([['n', '7'], ['name', 'loop']]);
    expect(substitute('\\name\\()_end: .byte \\n, &n&0, \\@, \\x, "\\n"', v, 3)).toEqual({ text: 'loop_end: .byte 7, 70, 3, \\x, "7"' });
    expect(substitute('a && b, \\&x', v, 0)).toEqual({ text: 'a && b, \\&x' });
    expect(substitute('\\(oops', v, 0)).toEqual({ error: "missing ')' after '\\('" });
  });

  it('.irp takes arguments, .irpc characters; no values means one empty pass', () => {
    expect(parseIrp(' r, eax, [rbx + 4]', false)).toEqual({ symbol: 'r', values: ['eax', '[rbx + 4]'] });
    expect(parseIrp('c, 1 2', true)).toEqual({ symbol: 'c', values: ['1', '2'] });
    expect(parseIrp('c, "1 2"', true)).toEqual({ symbol: 'c', values: ['1', ' ', '2'] });
    expect(parseIrp('r', false)).toEqual({ symbol: 'r', values: [''] });
    expect(parseIrp(', 1', false)).toEqual({ error: 'missing model parameter' });
  });
});
