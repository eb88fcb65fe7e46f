import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assembleX86 } from '../../../core/arch/x86_64/assembler/x86-backend.js';
import { linkExecutable } from '../../../core/elf/link.js';
import { parseElf, type ParsedElf } from '../../../core/elf/parse.js';
import { gnuBuild, withTempDir } from './native.js';

const SRC = '.intel_syntax noprefix\n.globl _start\n_start:\n mov eax, 60\n xor edi, edi\n syscall\n.data\nd: .quad 1\n.bss\nb: .skip 64\n';
const C_SRC = 'void _start(void){ __asm__ volatile("mov $60,%eax; xor %edi,%edi; syscall"); }\nint data = 1; char bss[100];\n';

function gcc(compiler: string, flags: string[], src = C_SRC): Uint8Array {
  return withTempDir((dir) => {
    writeFileSync(join(dir, 'a.c'), src);
    execFileSync(compiler, [...flags, '-o', join(dir, 'a.out'), join(dir, 'a.c')], { stdio: ['ignore', 'ignore', 'pipe'] });
    return new Uint8Array(readFileSync(join(dir, 'a.out')));
  });
}

/** What readelf says, to check our reading of the same file. */
function readelf(elf: Uint8Array): { entry: bigint; loads: { offset: bigint; vaddr: bigint; filesz: bigint; memsz: bigint; flags: string }[] } {
  return withTempDir((dir) => {
    writeFileSync(join(dir, 'x'), elf);
    const out = execFileSync('readelf', ['-hlW', join(dir, 'x')], { encoding: 'utf8' });
    const entry = BigInt(/Entry point address:\s+(0x[0-9a-f]+)/.exec(out)?.[1] ?? '0');
    const loads = [...out.matchAll(/LOAD\s+(0x[0-9a-f]+) (0x[0-9a-f]+) 0x[0-9a-f]+ (0x[0-9a-f]+) (0x[0-9a-f]+) ([RWE ]+?)\s+0x/g)].map((m) => ({
      offset: BigInt(m[1] ?? '0'),
      vaddr: BigInt(m[2] ?? '0'),
      filesz: BigInt(m[3] ?? '0'),
      memsz: BigInt(m[4] ?? '0'),
      flags: (m[5] ?? '').replace(/ /g, ''),
    }));
    return { entry, loads };
  });
}

function ok(bytes: Uint8Array): ParsedElf {
  const r = parseElf(bytes);
  if (!r.ok) throw new Error(r.error);
  return r.elf;
}

function flagString(p: ParsedElf['programHeaders'][0]): string {
  return (p.flags.r ? 'R' : '') + (p.flags.w ? 'W' : '') + (p.flags.x ? 'E' : '');
}

function agreesWithReadelf(bytes: Uint8Array): ParsedElf {
  const e = ok(bytes);
  const ref = readelf(bytes);
  expect(e.entry).toBe(ref.entry);
  expect(
    e.programHeaders.filter((p) => p.typeName === 'LOAD').map((p) => ({ offset: p.offset, vaddr: p.vaddr, filesz: p.filesz, memsz: p.memsz, flags: flagString(p) })),
  ).toEqual(ref.loads);
  return e;
}

const ours = (() => {
  const a = assembleX86(SRC);
  if (!a.ok) throw new Error('assemble');
  const l = linkExecutable(a.image, { arch: 'x86_64' });
  if (!l.ok) throw new Error('link');
  return l.elf;
})();

// Field offsets in an ELF64 header / program header (gABI).
const view = (b: Uint8Array): DataView => new DataView(b.buffer, b.byteOffset, b.byteLength);
function phdrAt(b: Uint8Array, i: number): number {
  return Number(view(b).getBigUint64(32, true)) + i * 56;
}
function mutate(f: (b: Uint8Array, v: DataView) => void, base = ours): Uint8Array {
  const b = base.slice();
  f(b, view(b));
  return b;
}

describe('parseElf on real executables', () => {
  it('reads as+ld output like readelf does', () => {
    const e = agreesWithReadelf(gnuBuild(SRC));
    expect(e).toMatchObject({ machine: 'x86_64', type: 'exec', interp: null, phoff: 64n });
    expect(e.phnum).toBe(e.programHeaders.length);
    expect(e.symbols.find((s) => s.name === '_start')).toMatchObject({ bind: 'global', value: e.entry });
  });

  it('reads our own linker output like readelf does', () => {
    const e = agreesWithReadelf(ours);
    expect(e.sections.map((s) => s.name)).toEqual(['', '.text', '.data', '.bss', '.symtab', '.strtab', '.shstrtab']);
    expect(e.symbols.find((s) => s.name === 'b')).toMatchObject({ bind: 'local', value: 0x402008n });
  });

  it('reads gcc -static -nostdlib and -static-pie executables', () => {
    const st = agreesWithReadelf(gcc('gcc', ['-static', '-nostdlib', '-O1']));
    expect(st.type).toBe('exec');
    const pie = agreesWithReadelf(gcc('gcc', ['-static-pie', '-nostdlib', '-fPIE', '-O1']));
    expect(pie.type).toBe('dyn');
    expect(pie.interp).toBeNull();
  });

  it('reads full static libc programs (glibc, musl, static-pie glibc) with TLS/RELRO/NOTE headers', () => {
    const hello = '#include <stdio.h>\nint main(void){ puts("hi"); return 0; }\n';
    const glibc = agreesWithReadelf(gcc('gcc', ['-static', '-O1'], hello));
    expect(glibc.programHeaders.map((p) => p.typeName)).toContain('TLS');
    expect(glibc.symbols.some((s) => s.name === 'main' && s.type === 'func')).toBe(true);
    agreesWithReadelf(gcc('musl-gcc', ['-static', '-O1'], hello));
    expect(agreesWithReadelf(gcc('gcc', ['-static-pie', '-O1'], hello)).type).toBe('dyn');
  });

  it('reports PT_INTERP of a dynamically linked executable', () => {
    const dyn = ok(gcc('gcc', ['-O1'], 'int main(void){return 0;}\n'));
    expect(dyn.interp).toBe('/lib64/ld-linux-x86-64.so.2');
  });

  it('reads AArch64 executables from the cross toolchain', () => {
    const e = agreesWithReadelf(gcc('aarch64-linux-gnu-gcc', ['-static', '-nostdlib', '-O1'], 'void _start(void){ for(;;); }\n'));
    expect(e.machine).toBe('arm64');
  });
});

describe('parseElf on hostile input', () => {
  const cases: [string, Uint8Array, string][] = [
    ['empty', new Uint8Array(0), 'file is empty'],
    ['truncated header', ours.slice(0, 40), 'file is 40 bytes, shorter than the 64-byte ELF header'],
    ['not ELF', new TextEncoder().encode('#!/bin/sh\necho hello\n'), 'not an ELF file (bad magic)'],
    ['32-bit', mutate((b) => (b[4] = 1)), '32-bit ELF (ELFCLASS32) is not supported, only ELF64'],
    ['big-endian', mutate((b) => (b[5] = 2)), 'big-endian ELF (ELFDATA2MSB) is not supported'],
    ['relocatable', mutate((_, v) => v.setUint16(16, 1, true)), 'unsupported ELF type 1 ET_REL (a relocatable object: link it first)'],
    ['ARM machine', mutate((_, v) => v.setUint16(18, 40, true)), 'unsupported machine 40 (ARM)'],
    ['no phdrs', mutate((_, v) => v.setUint16(56, 0, true)), 'no program headers: not an executable'],
    ['phdr past end', ours.slice(0, 64 + 56 * 3 + 10), 'program header 3 extends past end of file'],
    ['phoff huge', mutate((_, v) => v.setBigUint64(32, 0xfffffffffffffff0n, true)), 'program header 0 extends past end of file'],
    ['filesz > memsz', mutate((b, v) => v.setBigUint64(phdrAt(b, 2) + 40, 0x4n, true)), 'segment 2 has filesz 0x8 > memsz 0x4'],
    ['segment past end', mutate((b, v) => v.setBigUint64(phdrAt(b, 1) + 8, 0x100000n, true)), `segment 1 extends past end of file (offset 0x100000 + filesz 0x9 > file size 0x${ours.length.toString(16)})`],
    ['overlap', mutate((b, v) => v.setBigUint64(phdrAt(b, 2) + 16, 0x401000n, true)), 'overlapping PT_LOAD segments 1 and 2'],
    [
      'wrap',
      mutate((b, v) => {
        v.setBigUint64(phdrAt(b, 2) + 16, 0xfffffffffffff000n, true);
        v.setBigUint64(phdrAt(b, 2) + 40, 0x2000n, true);
      }),
      'segment 2 wraps around the address space (vaddr 0xfffffffffffff000 + memsz 0x2000)',
    ],
    ['bad align', mutate((b, v) => v.setBigUint64(phdrAt(b, 1) + 48, 0x1800n, true)), 'segment 1 has alignment 0x1800, not a power of two'],
    ['entry in data', mutate((_, v) => v.setBigUint64(24, 0x402000n, true)), 'entry point 0x402000 is outside every executable segment'],
    ['no loads', mutate((b, v) => [0, 1, 2].forEach((i) => v.setUint32(phdrAt(b, i), 4, true))), 'no PT_LOAD segments: nothing to map'],
  ];
  it.each(cases)('%s', (_name, bytes, message) => {
    expect(parseElf(bytes)).toEqual({ ok: false, error: message });
  });

  it('drops a broken section table with a warning but still loads', () => {
    const e = ok(mutate((_, v) => v.setBigUint64(40, 0xffffffn, true)));
    expect(e.sections).toEqual([]);
    expect(e.warnings).toEqual(['section header table extends past end of file; sections ignored']);
  });

  it('never throws on random corruption or truncation', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(0x2200), fc.nat(255)), { maxLength: 16 }), fc.nat(0x2200), (edits, cut) => {
        const b = ours.slice(0, Math.max(cut, 1));
        for (const [at, val] of edits) if (at < b.length) b[at] = val;
        const r = parseElf(b);
        expect(typeof r.ok).toBe('boolean');
        if (!r.ok) expect(r.error).not.toMatch(/^malformed ELF file/);
      }),
      { numRuns: 3000 },
    );
  });
});
