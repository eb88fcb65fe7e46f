// Source lines → addresses, with the line table the real assembler and linker produce.

import { describe, expect, it } from 'vitest';
import { resolveBreakpoints } from '../../../../electron/host/emulator/breakpoint-lines.js';
import { build, CALLS } from '../../../core/stepping-fixture.js';

const lineOf = (text: string) => CALLS.split('\n').findIndex((l) => l.includes(text)) + 1;

describe('resolveBreakpoints', () => {
  const program = build(CALLS);
  const addrOf = (line: number) => Math.min(...[...program.lines].filter(([, l]) => l === line).map(([a]) => a));

  it('a line with code gets its first instruction; a label or directive moves to the next line with code', () => {
    const got = resolveBreakpoints({ user: [lineOf('call fact'), lineOf('fact:'), 1] }, program.lines, new Map());
    expect(got).toEqual([
      { where: 'user', requested: lineOf('call fact'), line: lineOf('call fact'), addr: addrOf(lineOf('call fact')) },
      { where: 'user', requested: lineOf('fact:'), line: lineOf('cmp rdi, 1'), addr: program.symbols.get('fact') },
      { where: 'user', requested: 1, line: lineOf('mov rdi, 5'), addr: program.symbols.get('_start') },
    ]);
  });

  it('lines after the last instruction are dropped; kernel lines use the kernel table', () => {
    const kernel = new Map([
      [-0x1000, 10],
      [-0xff0, 12],
    ]);
    const got = resolveBreakpoints({ user: [lineOf('msg:')], kernel: [11, 99] }, program.lines, kernel);
    expect(got).toEqual([{ where: 'kernel', requested: 11, line: 12, addr: -0xff0 }]);
  });
});
