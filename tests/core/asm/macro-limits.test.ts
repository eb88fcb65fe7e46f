// Hostile macro sources: runaway recursion, a macro that redefines itself, a
// million invocations, exponential fan-out and very deep nesting. Each must end
// quickly in one clear, positioned error (vitest's timeout catches a hang), never
// a JS stack overflow or a frozen assembler.
import { describe, expect, it } from 'vitest';
import { MAX_MACRO_DEPTH } from '../../../core/asm/expand.js';
import { MAX_REPT_STATEMENTS } from '../../../core/asm/rept.js';
import { ourErrors, type Arch } from './macro-gnu.js';

describe.each(['x86_64', 'arm64'] as Arch[])('hostile macros (%s)', (arch) => {
  const errors = (src: string): string[] => ourErrors(arch, src);

  it('a macro that calls itself stops at the nesting limit', () => {
    const e = errors('.macro r\n  nop\n  r\n.endm\n  r\n');
    expect(e).toHaveLength(1);
    expect(e[0]).toMatch(new RegExp(`^3: in macro 'r' called at line 3, .*macros nested too deeply \\(more than ${MAX_MACRO_DEPTH} levels\\): does 'r' call itself\\?$`));
  });

  it('two macros calling each other stop the same way', () => {
    expect(errors('.macro a\n  b\n.endm\n.macro b\n  a\n.endm\n  a\n')[0]).toMatch(/macros nested too deeply/);
  });

  it('a macro that defines itself again is a redefinition', () => {
    expect(errors('.macro m\n.macro m\n.endm\n.endm\n  m\n')).toEqual(["2: in macro 'm' called at line 5: macro 'm' was already defined"]);
  });

  it('a macro that purges and redefines itself, recursing, still stops', () => {
    const e = errors('.macro m\n.purgem m\n.macro m\n  m\n.endm\n  m\n.endm\n  m\n');
    expect(e).toHaveLength(1);
    expect(e[0]).toMatch(/macros nested too deeply/);
  });

  it('a macro that leaves early is still counted for the body it made', () => {
    const e = errors(`.macro m\n.exitm\n${'  nop\n'.repeat(1000)}.endm\n.rept 1000\n  m\n.endr\n`);
    expect(e).toHaveLength(1);
    expect(e[0]).toMatch(/^1005: expansion produces more than/);
  });

  it('a million invocations are refused before any is expanded', () => {
    expect(errors('.macro m\n  nop\n.endm\n.rept 1000000\n  m\n.endr\n')).toEqual([`4: .rept expands to more than ${MAX_REPT_STATEMENTS} statements`]);
    expect(errors('.macro m\n  nop\n.endm\n.rept 1000\n.irp x, 1, 2, 3\n  m\n.endr\n.endr\n')).toEqual([]);
    expect(errors('.macro m\n  nop\n.endm\n.rept 1000\n.rept 1000\n  m\n.endr\n.endr\n')).toEqual([`4: .rept expands to more than ${MAX_REPT_STATEMENTS} statements`]);
  });

  it('exponential fan-out hits the statement cap', () => {
    let src = '.macro m0\n  nop\n.endm\n';
    for (let k = 1; k <= 40; k++) src += `.macro m${k}\n  m${k - 1}\n  m${k - 1}\n.endm\n`;
    const e = errors(`${src}  m40\n`);
    expect(e).toHaveLength(1);
    expect(e[0]).toMatch(new RegExp(`expansion produces more than ${MAX_REPT_STATEMENTS} statements$`));
  });

  it('a macro whose body repeats a call many times hits the cap with the .rept line named', () => {
    const e = errors('.macro inner\n.rept 1000\n  nop\n.endr\n.endm\n.rept 1000\n  inner\n.endr\n');
    expect(e).toHaveLength(1);
    expect(e[0]).toMatch(/^2: in macro 'inner' called at line 7: \.rept expands to more than/);
  });

  it('deeply nested blocks and definitions in the source do not overflow the stack', () => {
    const deep = 20000;
    expect(errors(`${'.rept 1\n'.repeat(deep)}  nop\n${'.endr\n'.repeat(deep)}`)).toEqual([]);
    expect(errors(`${'.irp x, 1\n'.repeat(100)}  .byte \\x\n${'.endr\n'.repeat(100)}`)).toEqual([]);
    // Each .irp level substitutes all that it holds: 20000 levels is quadratic work, refused.
    expect(errors(`${'.irp x, 1\n'.repeat(deep)}  .byte \\x\n${'.endr\n'.repeat(deep)}`)[0]).toMatch(/expansion produces more than/);
    expect(errors(`${'.macro m\n'.repeat(deep)}${'.endm\n'.repeat(deep)}  m\n`)).toEqual([`2: in macro 'm' called at line ${2 * deep + 1}: macro 'm' was already defined`]);
    expect(errors(`${'.rept 2\n'.repeat(40)}  nop\n${'.endr\n'.repeat(40)}`)[0]).toMatch(/\.rept expands to more than/);
  });
});
