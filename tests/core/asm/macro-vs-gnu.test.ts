// Macros, .irp and .irpc: the same source through GNU as and through ours must give
// the same .text and .data bytes and the same labels (names and offsets).
import { describe, expect, it } from 'vitest';
import { gnu, ours } from './macro-gnu.js';

const X86: Record<string, string> = {
  'a syscall helper called with commas, blanks and keywords': `
.macro SYSCALL3 nr, a, b, c
  mov eax, \\nr
  mov edi, \\a
  lea rsi, [rip + \\b]
  mov edx, \\c
  syscall
.endm
.macro exit code=0
  mov eax, 60
  mov edi, \\code
  syscall
.endm
_start:
  SYSCALL3 1, 1, msg, len
  syscall3 1 1 msg len
  SysCall3 c=len, nr=1, a=2, b=msg
  exit
  exit 3
  exit code=7
  nop; exit 4; nop
.data
msg: .ascii "hi\\n"
len = . - msg
`,
  'unique labels from \\@ and names glued with \\()': `
.macro spin name
\\name\\()_top:
  dec ecx
  jnz \\name\\()_top
L\\@: jmp L\\@
1: jmp 1b
.endm
  spin first
  spin second
  .irp x, 1, 2
  .byte \\@, \\x
  .endr
  spin third
`,
  'defaults, :req, :vararg and quoted or bracketed arguments': `
.macro bytes first:req, rest:vararg
  .byte \\first, \\rest
.endm
.macro load reg=eax, mem=[rbx]
  mov \\reg, \\mem
.endm
.macro str s
  .ascii "\\s"
.endm
.macro op insn:vararg
  \\insn
.endm
  bytes 1, 2
  bytes 1, 2, 3, 4
  bytes 5 6, 7
  load
  load ecx
  load , [rbx + rcx*4 + 8]
  load mem=[rsp + 16], reg=edx
  load edi (1 + 2)
  str "a b"
  str ab
  op mov QWORD PTR [rax], 5
  op add eax, ebx
`,
  '.irp and .irpc, inside and around macros, and .rept in both directions': `
.macro pushall regs:vararg
  .irp r, \\regs
  push \\r
  .endr
.endm
.macro zeros n
  .rept \\n
  .byte 0
  .endr
.endm
.macro one v
  .byte \\v
.endm
  pushall rax, rbx, r12
  .irpc c, 0123
  mov eax, \\c
  .endr
  .irpc c, "4 5"
  .ascii "<\\c>"
  .endr
  .irp r
  .byte 9 \\r
  .endr
  zeros 3
  .rept 3
  one 7
  .endr
  .irp n, 1, 2
  zeros \\n
  .endr
`,
  '.exitm, .purgem and redefinition, &param, case-insensitive names, a macro named like a mnemonic': `
.macro early v
  .byte \\v
  .exitm
  .byte 0xff
.endm
.macro amp v
  .byte 1&v&, 2&v, 3&&1
.endm
.macro nop
  .byte 0x66, 0x90
.endm
  early 1
  EARLY 2
  .purgem early
.macro early v
  .byte \\v + 100
.endm
  early 3
  amp 5
  nop
  Nop
`,
  'a macro that defines a macro, labels before calls, and nesting': `
.macro maker name, val
.macro \\name
  .byte \\val
.endm
.endm
.macro twice m
  \\m
  \\m
.endm
  maker seven, 7
.macro twice_inner
  nop
.endm
start: seven
  twice seven
done: twice twice_inner
`,
};

const ARM64: Record<string, string> = {
  'an svc helper and a print macro': `
.macro SYSCALL nr
  mov x8, #\\nr
  svc #0
.endm
.macro print msg, len
  mov x0, #1
  adr x1, \\msg
  mov x2, #\\len
  SYSCALL 64
.endm
_start:
  print hello, 6
  print msg=hello, len=3
  mov x0, #0
  syscall 93
hello: .ascii "hello\\n"
  .align 2
`,
  '.irp over registers, .irpc, \\@ labels and literal pools': `
.macro save regs:vararg
  .irp pair, \\regs
  stp \\pair, [sp, #-16]!
  .endr
.endm
.macro count name, n
\\name\\()_loop\\@:
  subs x0, x0, #1
  b.ne \\name\\()_loop\\@
  ldr x1, =\\n
.endm
  save "x0, x1", "x2, x3"
  save "x4, x5"
  .irpc d, 123
  add x\\d, x\\d, #\\d
  .endr
  count a, 0x12345678
  count b, 0x1122334455667788
  .rept 2
  count c, 5
  .endr
`,
};

describe('macros vs GNU as (x86-64)', () => {
  it.each(Object.entries(X86))('%s', (_name, body) => {
    const src = `.intel_syntax noprefix\n${body}`;
    const theirs = gnu('x86_64', src);
    expect(theirs.sections['.text']?.length ?? 0).toBeGreaterThan(0);
    expect(ours('x86_64', src)).toEqual(theirs);
  });
});

describe('macros vs GNU as (AArch64)', () => {
  it.each(Object.entries(ARM64))('%s', (_name, body) => {
    const theirs = gnu('arm64', body);
    expect(theirs.sections['.text']?.length ?? 0).toBeGreaterThan(0);
    expect(ours('arm64', body)).toEqual(theirs);
  });
});
