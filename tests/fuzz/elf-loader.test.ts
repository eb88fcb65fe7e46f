// Fuzzing the ELF reader and loader: mutated valid executables (ours, gcc's, musl-gcc's,
// the AArch64 cross gcc's) and random bytes. parseElf answers ok or a reason; the
// loader (exec's loadImage, on one long-lived kernel: booting a kernel per input costs
// ~30 ms) maps the image or throws ExecError with a reason; every 10th image it maps is
// also booted with Machine.fromElf and must stop within its instruction budget.
// Nothing else may escape, and nothing may hang (FUZZ_TRACE=DIR names a hanging input).
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assembleX86 } from '../../core/arch/x86_64/assembler/x86-backend.js';
import { linkExecutable } from '../../core/elf/link.js';
import { parseElf } from '../../core/elf/parse.js';
import { ExecError, loadImage } from '../../core/kernel/exec.js';
import { Kernel } from '../../core/kernel/kernel.js';
import { Machine } from '../../core/machine.js';
import { withTempDir } from '../core/elf/native.js';
import { FUZZ_TIMEOUT_MS, fuzzParams, Tally, traceInput } from './fuzz-budget.js';

const C = 'static const char m[] = "hi\\n";\nvoid _start(void){ __asm__ volatile("mov $1,%%eax; mov $1,%%edi; mov %0,%%rsi; mov $3,%%edx; syscall; mov $60,%%eax; xor %%edi,%%edi; syscall" :: "r"(m) : "rax","rdi","rsi","rdx"); }\nint data = 1; char bss[100];\n';
const C_ARM = 'void _start(void){ __asm__ volatile("mov x8, #93\\n mov x0, #0\\n svc #0"); }\nint data = 1;\n';

function build(compiler: string, flags: string[], src: string): Uint8Array {
  return withTempDir((dir) => {
    writeFileSync(join(dir, 'a.c'), src);
    execFileSync(compiler, [...flags, '-o', join(dir, 'a.out'), join(dir, 'a.c')], { stdio: ['ignore', 'ignore', 'pipe'] });
    return new Uint8Array(readFileSync(join(dir, 'a.out')));
  });
}

function ours(pie: boolean): Uint8Array {
  const a = assembleX86('.intel_syntax noprefix\n.globl _start\n_start:\n lea rsi, [rip + msg]\n mov eax, 1\n mov edi, 1\n mov edx, 3\n syscall\n mov eax, 60\n xor edi, edi\n syscall\n.data\nmsg: .ascii "hi\\n"\n.bss\nb: .skip 64\n');
  if (!a.ok) throw new Error('assemble');
  const l = linkExecutable(a.image, { arch: 'x86_64', pie });
  if (!l.ok) throw new Error('link');
  return l.elf;
}

// The AArch64 binary goes to an x86-64 machine too (the arm64 kernel is not built yet): it must be refused by e_machine.
const SEEDS: { name: string; arch: 'x86_64' | 'arm64'; elf: Uint8Array }[] = [
  { name: 'ours', arch: 'x86_64', elf: ours(false) },
  { name: 'ours-pie', arch: 'x86_64', elf: ours(true) },
  { name: 'gcc-static', arch: 'x86_64', elf: build('gcc', ['-static', '-nostdlib', '-O1', '-fno-stack-protector'], C) },
  { name: 'gcc-static-pie', arch: 'x86_64', elf: build('gcc', ['-static-pie', '-nostdlib', '-O1', '-fno-stack-protector'], C) },
  { name: 'musl-gcc', arch: 'x86_64', elf: build('musl-gcc', ['-static', '-nostdlib', '-O1'], C) },
  { name: 'aarch64-gcc', arch: 'x86_64', elf: build('aarch64-linux-gnu-gcc', ['-static', '-nostdlib', '-O1'], C_ARM) },
];

// Offsets of the header fields a loader trusts (ELF-64, System V gABI ch. 4 and 5).
const EHDR_FIELDS: [number, number][] = [[4, 1], [5, 1], [16, 2], [18, 2], [24, 8], [32, 8], [40, 8], [52, 2], [54, 2], [56, 2], [58, 2], [60, 2], [62, 2]];
const PHDR_FIELDS: [number, number][] = [[0, 4], [4, 4], [8, 8], [16, 8], [24, 8], [32, 8], [40, 8], [48, 8]];
const INTERESTING = [0n, 1n, 2n, 7n, 0x38n, 0x40n, 0xfffn, 0x1000n, 0x7fffn, 0xffffn, 0x10000n, 0x7fffffffn, 0xffffffffn, 0x400000n, 0x7ffffffff000n, 0x800000000000n, 0x7fffffffffffffffn, 0xffffffffffffffffn, 0xfffffffffffff000n];

function setField(b: Uint8Array, at: number, size: number, value: bigint): void {
  for (let i = 0; i < size && at + i < b.length; i++) b[at + i] = Number((value >> BigInt(8 * i)) & 0xffn);
}

const fieldEdit = fc.tuple(fc.boolean(), fc.nat(12), fc.nat(7), fc.nat(7), fc.oneof(fc.constantFrom(...INTERESTING), fc.bigInt({ min: 0n, max: (1n << 64n) - 1n })));
const mutatedElf = fc
  .tuple(fc.nat(SEEDS.length - 1), fc.array(fieldEdit, { maxLength: 3 }), fc.array(fc.tuple(fc.nat(), fc.nat(255)), { maxLength: 4 }), fc.oneof(fc.constant(-1), fc.nat()))
  .map(([seed, fields, flips, cut]) => {
    const { elf, arch } = SEEDS[seed]!;
    let b = elf.slice();
    const view = new DataView(b.buffer);
    const phoff = Number(view.getBigUint64(32, true));
    const phnum = view.getUint16(56, true);
    for (const [inPhdr, f, ph, g, value] of fields) {
      if (!inPhdr) {
        const [at, size] = EHDR_FIELDS[f % EHDR_FIELDS.length]!;
        setField(b, at, size, value);
      } else if (phnum > 0) {
        const [at, size] = PHDR_FIELDS[g % PHDR_FIELDS.length]!;
        setField(b, phoff + (ph % phnum) * 56 + at, size, value);
      }
    }
    for (const [at, v] of flips) b[at % b.length] = v;
    if (cut >= 0) b = b.slice(0, cut % (b.length + 1));
    return { bytes: b, arch };
  });
const randomBytes = fc.tuple(fc.uint8Array({ maxLength: 256 }), fc.boolean()).map(([b, magic]) => {
  const out = b.slice();
  if (magic && out.length >= 4) out.set([0x7f, 0x45, 0x4c, 0x46]);
  return { bytes: out, arch: 'x86_64' as const };
});

describe('ELF loader fuzz', () => {
  it('every seed executable is sound before mutation', () => {
    for (const s of SEEDS) expect(parseElf(s.elf), s.name).toMatchObject({ ok: true });
    const m = Machine.fromElf(SEEDS[0]!.elf, '/home/student/a.out', { arch: 'x86_64' });
    expect(m.run(10_000).kind).toBe('exit');
  });

  it('parseElf and Machine.fromElf answer every input with a result or a reason', () => {
    const tally = new Tally();
    const parses = new Tally();
    const kernel = new Kernel({ arch: 'x86_64', seed: 1, aslr: true, costs: {}, limits: { memoryBytes: 64 << 20 }, io: { output: () => undefined, terminal: false }, record: false });
    let loaded = 0;
    fc.assert(
      fc.property(fc.oneof({ arbitrary: mutatedElf, weight: 4 }, { arbitrary: randomBytes, weight: 1 }), ({ bytes, arch }) => {
        traceInput('elf', bytes);
        const parsed = parseElf(bytes);

        if (!parsed.ok) {
          expect(parsed.error.length).toBeGreaterThan(0);
          parses.add(`parseElf refused: ${parsed.error.replace(/\b(0x[0-9a-f]+|\d+)\b/g, 'N').slice(0, 60)}`);
        } else parses.add('parseElf accepted');
        try {
          const { mm } = loadImage(kernel, { bytes, path: '/home/student/a.out', inode: 1_048_577 }, ['a.out'], []);
          mm.destroy();
        } catch (err) {
          if (!(err instanceof ExecError)) throw err;
          expect(err.message.length).toBeGreaterThan(0);
          return void tally.add(`exec refused: ${err.message.replace(/\b(0x[0-9a-f]+|\d+)\b/g, 'N').slice(0, 60)}`);
        }
        if (++loaded % 10 !== 0) return void tally.add('exec mapped it');
        const m = Machine.fromElf(bytes, '/home/student/a.out', { arch, output: () => undefined, record: false, limits: { memoryBytes: 64 << 20 } });
        const stop = m.run(2_000);
        expect(['exit', 'panic', 'limit', 'budget', 'blocked', 'breakpoint']).toContain(stop.kind);
        tally.add(`booted, then ${stop.kind}`);
      }),
      fuzzParams(),
    );
    console.log(`${parses.report('parseElf')}\n${tally.report('exec (loadImage, every 10th mapped image booted)')}`);
    expect(parses.get('parseElf accepted')).toBeGreaterThan(1000);
    expect(tally.get('booted, then exit')).toBeGreaterThan(10);
  }, FUZZ_TIMEOUT_MS);
});
