import { describe, expect, it } from 'vitest';
import { assembleX86 } from '../../../core/arch/x86_64/assembler/x86-backend.js';
import { linkExecutable, type LinkResult } from '../../../core/elf/link.js';
import { gnuBuild, runElf, sectionOf, tool } from './native.js';

// The book's chapter 1 listing (x86-64 raw write + exit), verbatim apart from the comments.
const BOOK_WRITE = `// Writes a string to standard output (file descriptor 1)
.global _start
.text
_start:
mov rax, 1
mov rdi, 1
lea rsi, [rip + message]
mov rdx, 17
syscall
mov rax, 60
mov rdi, 0
syscall
.data
message:
.ascii "Direct write call\\n"
`;

function build(src: string, opts: { pie?: boolean; base?: number } = {}): Extract<LinkResult, { ok: true }> {
  const a = assembleX86(src);
  if (!a.ok) throw new Error(JSON.stringify(a.errors));
  const l = linkExecutable(a.image, { arch: 'x86_64', ...opts });
  if (!l.ok) throw new Error(JSON.stringify(l.errors));
  return l;
}

describe('linkExecutable (x86-64) against GNU ld and the real kernel', () => {
  it('runs the book listing natively with the same output, status and syscalls as as+ld', () => {
    const ours = build(BOOK_WRITE);
    const gnu = gnuBuild('.intel_syntax noprefix\n' + BOOK_WRITE);
    const a = runElf(ours.elf, { strace: true });
    const b = runElf(gnu, { strace: true });
    expect(a.stdout).toBe('Direct write call');
    expect(a.stdout).toBe(b.stdout);
    expect(a.status).toBe(0);
    expect(a.status).toBe(b.status);
    expect(a.strace).toEqual(b.strace);
    expect(a.strace?.some((l) => l.startsWith('write(1, "Direct write call", 17) = 17'))).toBe(true);
  });

  it('lays out segments like ld: R headers, R+X text at 0x401000, RW data, GNU_STACK', () => {
    const l = build(BOOK_WRITE);
    expect(l.entry).toBe(0x401000n);
    expect(l.segments.map((s) => [s.type, s.vaddr, s.flags])).toEqual([
      ['load', 0x400000n, { r: true, w: false, x: false }],
      ['load', 0x401000n, { r: true, w: false, x: true }],
      ['load', 0x402000n, { r: true, w: true, x: false }],
      ['gnu-stack', 0n, { r: true, w: true, x: false }],
    ]);
    const phdrs = tool('readelf', ['-lW'], l.elf);
    expect(phdrs).toContain('Entry point 0x401000');
    expect(phdrs).toMatch(/LOAD\s+0x001000 0x0000000000401000 0x0000000000401000 0x00002e 0x00002e R E 0x1000/);
  });

  it('writes a .symtab that objdump uses to label the disassembly', () => {
    const l = build(BOOK_WRITE);
    const dis = tool('objdump', ['-d', '-M', 'intel'], l.elf);
    expect(dis).toContain('0000000000401000 <_start>:');
    expect(dis).toMatch(/lea\s+rsi,\[rip\+0xfeb\]\s+# 402000 <message>/);
    const syms = tool('nm', [], l.elf);
    expect(syms).toContain('0000000000401000 T _start');
    expect(syms).toContain('0000000000402000 d message');
  });

  it('keeps bss as memsz > filesz', () => {
    const l = build('.globl _start\n_start: mov eax, 60\nsyscall\n.data\nx: .quad 1\n.bss\nbuf: .skip 0x3000\n');
    const rw = l.segments.find((s) => s.flags.w && s.type === 'load');
    expect(rw?.filesz).toBe(8);
    expect(rw?.memsz).toBe(0x3008);
    expect(l.symbols.find((s) => s.name === 'buf')?.value).toBe(0x402008n);
    expect(runElf(l.elf).status).toBe(0);
  });

  it('maps every instruction to its final virtual address', () => {
    const l = build(BOOK_WRITE);
    expect(l.sourceMap[0]).toEqual({ address: 0x401000n, length: 7, line: 5, column: 1 });
    expect(l.sourceMap.map((m) => m.line)).toEqual([5, 6, 7, 8, 9, 10, 11, 12]);
    expect(l.sourceMap[2]?.address).toBe(0x40100en);
  });

  it('produces a static PIE (ET_DYN) the kernel runs, and refuses absolute relocations in PIE', () => {
    const l = build(BOOK_WRITE, { pie: true });
    expect(tool('readelf', ['-h'], l.elf)).toMatch(/Type:\s+DYN/);
    expect(runElf(l.elf).stdout).toBe('Direct write call');
    const a = assembleX86('_start: mov rsi, OFFSET msg\n.data\nmsg: .byte 1\n');
    if (!a.ok) throw new Error('assemble');
    const r = linkExecutable(a.image, { arch: 'x86_64', pie: true });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0]?.message).toContain("relocation R_X86_64_32S against 'msg' can not be used when making a PIE object");
  });

  it('matches ld byte-for-byte for code with labels, branches and RIP-relative data', () => {
    const src = `.intel_syntax noprefix
.globl _start
_start:
  xor ecx, ecx
1: inc ecx
  cmp ecx, 10
  jl 1b
  lea rsi, [rip + msg]
  mov rdi, OFFSET msg
  mov eax, DWORD PTR [rip + counter]
  mov rax, QWORD PTR table[rip]
  call helper
  jmp done
helper:
  ret
.skip 300, 0x90
done:
  jne helper
  mov eax, 60
  xor edi, edi
  syscall
.data
msg: .ascii "hey"
counter: .long 7
table: .quad _start, msg, done
`;
    const ours = build(src);
    const text = ours.sections.find((s) => s.name === '.text')?.address ?? 0n;
    const data = ours.sections.find((s) => s.name === '.data')?.address ?? 0n;
    const gnu = gnuBuild(src, [`-Ttext=0x${text.toString(16)}`, `-Tdata=0x${data.toString(16)}`]);
    expect(Buffer.from(sectionOf(ours.elf, '.text')).toString('hex')).toBe(Buffer.from(sectionOf(gnu, '.text')).toString('hex'));
    expect(Buffer.from(sectionOf(ours.elf, '.data')).toString('hex')).toBe(Buffer.from(sectionOf(gnu, '.data')).toString('hex'));
    expect(runElf(ours.elf).status).toBe(0);
  });
});

describe('linkExecutable errors and options', () => {
  it('reports a relocation that does not fit, with the source position', () => {
    const a = assembleX86('_start:\n  mov eax, OFFSET msg\n.data\nmsg: .byte 0\n');
    if (!a.ok) throw new Error('assemble');
    const r = linkExecutable(a.image, { arch: 'x86_64', base: 0x100000000n });
    expect(r).toEqual({ ok: false, errors: [{ line: 2, column: 3, message: "relocation truncated to fit: R_X86_64_32 against 'msg'" }] });
  });

  it('warns like ld when the entry symbol is missing and uses the start of .text', () => {
    const l = build('main:\n  ret\n');
    expect(l.entry).toBe(0x401000n);
    expect(l.warnings).toEqual(['cannot find entry symbol _start; defaulting to 0x401000']);
  });

  it('honours base and entry options and places .rodata in its own read-only segment', () => {
    const a = assembleX86('.section .rodata\nk: .quad 42\n.text\nboot: mov rax, QWORD PTR [rip + k]\n  ret\n');
    if (!a.ok) throw new Error('assemble');
    const l = linkExecutable(a.image, { arch: 'x86_64', base: 0x10000, entry: 'boot' });
    if (!l.ok) throw new Error('link');
    expect(l.entry).toBe(0x11000n);
    expect(l.segments.filter((s) => s.type === 'load').map((s) => [s.vaddr, s.flags.w, s.flags.x])).toEqual([
      [0x10000n, false, false],
      [0x11000n, false, true],
      [0x12000n, false, false],
    ]);
    expect(l.symbols.find((s) => s.name === 'k')?.value).toBe(0x12000n);
    expect(tool('readelf', ['-SW'], l.elf)).toMatch(/\.rodata\s+PROGBITS\s+0000000000012000/);
  });

  it('refuses an image for the other architecture', () => {
    const a = assembleX86('nop\n');
    if (!a.ok) throw new Error('assemble');
    const r = linkExecutable(a.image, { arch: 'arm64' });
    expect(r.ok).toBe(false);
  });
});
