// Found by fuzzing: a character constant whose backslash ends the statement (`'\`) made
// BigInt(NaN) throw, reported as an internal assembler error.
import { describe, expect, it } from 'vitest';
import { tokenize } from '../../../core/asm/lexer.js';
import { assembleX86 } from '../../../core/arch/x86_64/assembler/x86-backend.js';
import { assembleArm64 } from '../../../core/arch/arm64/assembler/assembler.js';

describe('character constants', () => {
  it("'\\ at the end of a statement is a bad character constant", () => {
    expect(tokenize("'\\", 1).error).toEqual({ column: 1, message: 'bad character constant' });
    for (const r of [assembleX86(".byte '\\\n"), assembleArm64("AL9'\\\n"), assembleX86("AL9'\\")]) {
      expect(r.ok).toBe(false);
      if (!r.ok) for (const e of r.errors) expect(e.message).not.toMatch(/internal/);
    }
  });

  it('escaped constants still evaluate', () => {
    expect(tokenize("'\\n'", 1).tokens[0]).toMatchObject({ kind: 'number', value: 10n });
    expect(tokenize("'\\x41'", 1).tokens[0]).toMatchObject({ kind: 'number', value: 0x41n });
    expect(tokenize("'a", 1).tokens[0]).toMatchObject({ kind: 'number', value: 97n });
  });
});
