// The header format the programs declare their runs and expectations in.
import { describe, expect, it } from 'vitest';
import { parseProgramHeader, unescapeBytes } from './program-header.js';

describe('unescapeBytes', () => {
  it('decodes C escapes to bytes and text to UTF-8', () => {
    expect([...unescapeBytes('a\\n\\t\\0\\\\\\"\\xff')]).toEqual([97, 10, 9, 0, 92, 34, 255]);
    expect([...unescapeBytes('é')]).toEqual([0xc3, 0xa9]);
  });

  it('rejects unknown and short escapes', () => {
    expect(() => unescapeBytes('\\q')).toThrow(/unknown escape/);
    expect(() => unescapeBytes('\\x4')).toThrow(/bad \\x/);
  });
});

describe('parseProgramHeader', () => {
  const src = [
    '# Copies stdin to stdout.',
    '# More words: not a key.',
    '# stdin: hi\\n',
    '# args: one  two',
    '# expect-stdout:',
    '# expect-exit: 139',
    '# expect-trace: read(0, "hi\\n", 8) = 3',
    '# expect-trace: +++ exited with 0 +++',
    '# requires: ia32-emulation',
    '.intel_syntax noprefix',
    '# stdin: ignored, the header has ended',
  ].join('\n');

  it('reads every key of the leading comment block and nothing after it', () => {
    const spec = parseProgramHeader('cat', src);
    expect(spec.summary).toBe('Copies stdin to stdout.');
    expect([...(spec.stdin ?? [])]).toEqual([104, 105, 10]);
    expect(spec.args).toEqual(['one', 'two']);
    expect([...(spec.expectStdout ?? [1])]).toEqual([]);
    expect(spec.expectExit).toBe(139);
    expect(spec.expectTrace).toEqual(['read(0, "hi\\n", 8) = 3', '+++ exited with 0 +++']);
    expect(spec.requires).toEqual(['ia32-emulation']);
  });

  it('leaves stdin null (→ /dev/null) and expectations unset when not declared', () => {
    const spec = parseProgramHeader('bare', '# Just exits.\n.text\n');
    expect(spec).toMatchObject({ stdin: null, expectStdout: null, expectExit: null, expectTrace: [], args: [] });
  });

  it('rejects bad values instead of ignoring them', () => {
    expect(() => parseProgramHeader('x', '# expect-exit: 256\n')).toThrow(/0\.\.255/);
    expect(() => parseProgramHeader('x', '# requires: vsyscall\n')).toThrow(/unknown requirement/);
  });
});
