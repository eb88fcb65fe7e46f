// Diagnostics: exact messages with 1-based line/column, several per run, and
// every rejected line is also rejected by GNU as (the reference).
import { describe, expect, it } from 'vitest';
import { assembleX86 } from '../../../../../core/arch/x86_64/assembler/x86-backend.js';
import { formatAsmError } from '../../../../../core/asm/assemble.js';
import { gnuErrors } from './gnu-as.js';

const CASES: [string, string, number, string][] = [
  ['unknown mnemonic', '  mvo eax, 1', 3, "unknown mnemonic 'mvo'"],
  ['size mismatch', 'mov eax, bx', 1, "operand size mismatch for 'mov'"],
  ['ambiguous size', 'mov [rax], 1', 1, "ambiguous operand size for 'mov'"],
  ['imm too wide for 64-bit ALU', 'add rax, 0x100000000', 1, "operand type mismatch for 'add'"],
  ['high byte with REX', 'mov ah, r8b', 1, "can't encode register 'ah' in an instruction requiring REX prefix"],
  ['rsp as index', 'mov eax, [rax+rsp*2]', 10, "'[rax+rsp*2]' is not a valid base/index expression"],
  ['mixed address widths', 'lea rax, [rax + ebx]', 10, "'[rax+ebx]' is not a valid base/index expression"],
  ['bad scale', 'mov rax, QWORD PTR [rbx*3]', 10, "'[rbx*3]' is not a valid base/index expression"],
  ['operand count', 'ret 1, 2', 1, "number of operands mismatch for 'ret'"],
  ['bare sysret', 'sysret', 1, "ambiguous operand size for 'sysret' (write sysretq to return to 64-bit code)"],
  ['push 32-bit', 'push eax', 1, "operand size mismatch for 'push'"],
  ['unknown directive', '.fooo 1', 1, "unknown directive '.fooo'"],
  ['lea of immediate', 'lea eax, 5', 1, "operand type mismatch for 'lea'"],
  ['shift by bl', 'shl eax, bl', 1, "operand type mismatch for 'shl'"],
  ['cr from 32-bit', 'mov cr3, eax', 1, "operand type mismatch for 'mov'"],
  ['movzx without size', 'movzx eax, [rax]', 1, "ambiguous operand size for 'movzx'"],
  ['undefined symbol', 'jmp nowhere', 5, "undefined symbol 'nowhere'"],
  ['missing bracket', 'mov eax, [rax', 10, "missing ']'"],
  ['AT&T immediate', 'mov rax, $60', 10, "AT&T immediate syntax '$60': in Intel syntax write '60'"],
  ['AT&T l suffix', 'movl eax, 1', 1, "unknown mnemonic 'movl' (AT&T size suffix: in Intel syntax write 'mov')"],
['unterminated string', '.ascii "abc', 8, 'missing closing `"\''],
  ['AT&T syntax', '.att_syntax', 1, "AT&T syntax is not supported: write Intel syntax ('.intel_syntax noprefix')"],
];

describe('x86-64 assembler diagnostics', () => {
  it.each(CASES)('%s', (_name, line, column, message) => {
    const r = assembleX86(`.intel_syntax noprefix\nnop\n${line}\nnop\n`);
    expect(r).toEqual({ ok: false, errors: [{ line: 3, column, message }] });
  });

  it('GNU as rejects every one of these lines too', () => {
    const src = '.intel_syntax noprefix\n' + CASES.filter((c) => c[0] !== 'AT&T syntax').map((c) => c[1]).join('\n') + '\n';
    const rejected = new Set(gnuErrors(src).map((e) => Number(/:(\d+): Error/.exec(e)?.[1])));
    const n = CASES.length - 1;
    // gas reports an unterminated string as a warning, undefined symbols only at link
    // time, and reads `$60` as a symbol name (so also a link-time error).
    const expected = Array.from({ length: n }, (_, i) => i + 2).filter((l) => ![18, 20, 22].includes(l));
    expect(CASES[16]?.[0]).toBe('undefined symbol');
    expect(CASES[18]?.[0]).toBe('AT&T immediate');
    expect(CASES[20]?.[0]).toBe('unterminated string');
    expect([...rejected].sort((a, b) => a - b)).toEqual(expected);
  });

  it('collects several errors in one run, in line order, and formats them like GNU tools', () => {
    const r = assembleX86('mov eax, bx\nnop\nfoo:\nfoo:\n  jmp 1f\n.byte 1/0\n');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.map((e) => formatAsmError(e, 'prog.s'))).toEqual([
      "prog.s:1:1: error: operand size mismatch for 'mov'",
      "prog.s:4:1: error: symbol 'foo' is already defined",
      "prog.s:5:7: error: undefined local label '1'",
      'prog.s:6:8: error: division by zero',
    ]);
  });

  it('accepts the optional % register prefix like gas does in noprefix mode', () => {
    const r = assembleX86('mov %rax, QWORD PTR [%rbx + 8]\n');
    expect(r.ok && [...(r.image.sections[0]?.bytes ?? [])]).toEqual([0x48, 0x8b, 0x43, 0x08]);
  });

  it('accepts ; as separator before a statement and as a comment otherwise', () => {
    const r = assembleX86('mov eax, 1; ret ; return to caller\nnop ; this is not an instruction\n');
    expect(r.ok).toBe(true);
    if (r.ok) expect([...(r.image.sections[0]?.bytes ?? [])]).toEqual([0xb8, 1, 0, 0, 0, 0xc3, 0x90]);
  });
});
