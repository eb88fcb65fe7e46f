// The arm64 vDSO image against Debian's AArch64 binutils: readelf reads it as Linux's
// linux-vdso.so.1 (EM_AARCH64, the four __kernel_* symbols at LINUX_2.6.39), and the
// code in it is byte for byte what aarch64-linux-gnu-as makes of the same source.
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { arm64VdsoImage } from '../../../../core/kernel/vdso/arm64-vdso-image.js';
import { ARM64_VDSO_SOURCE } from '../../../../core/kernel/vdso/arm64-vdso-source.js';
import { VDSO_TEXT_OFFSET } from '../../../../core/kernel/vdso/vdso-source.js';
import { elfHash } from '../../../../core/kernel/vdso/vdso-elf.js';
import { parseElf } from '../../../../core/elf/parse.js';
import { withTmp } from '../../arch/arm64/gnu-tools.js';

const readelf = (file: string, ...flags: string[]) => execFileSync('aarch64-linux-gnu-readelf', ['-W', ...flags, file], { encoding: 'utf8' });

describe('arm64 vDSO image', () => {
  const img = arm64VdsoImage();

  it('is linux-vdso.so.1 for EM_AARCH64 with versioned __kernel_* symbols (readelf)', () => {
    withTmp((dir) => {
      const so = join(dir, 'vdso.so');
      writeFileSync(so, img.bytes);
      expect(readelf(so, '-h')).toMatch(/Type:\s+DYN \(Shared object file\)[\s\S]*Machine:\s+AArch64/);
      const syms = new Map<string, number>();
      for (const line of readelf(so, '--dyn-syms').split('\n')) {
        const m = /^\s*\d+: ([0-9a-f]{16})\s+0 FUNC\s+GLOBAL DEFAULT\s+\d+ (\S+)@@LINUX_2\.6\.39$/.exec(line);
        if (m) syms.set(m[2]!, parseInt(m[1]!, 16));
      }
      expect(syms).toEqual(new Map([...img.symbols]));
      expect([...syms.keys()].sort()).toEqual(['__kernel_clock_getres', '__kernel_clock_gettime', '__kernel_gettimeofday', '__kernel_rt_sigreturn']);
      const versions = readelf(so, '-V');
      expect(versions).toMatch(/Flags: BASE\s+Index: 1\s+Cnt: 1\s+Name: linux-vdso\.so\.1/);
      expect(versions).toMatch(/Flags: none\s+Index: 2\s+Cnt: 1\s+Name: LINUX_2\.6\.39/);
      expect(readelf(so, '-d')).toContain('Library soname: [linux-vdso.so.1]');
      // Every symbol sits in .text, which is the code at VDSO_TEXT_OFFSET.
      expect(readelf(so, '-S')).toMatch(new RegExp(`\\.text\\s+PROGBITS\\s+0*${VDSO_TEXT_OFFSET.toString(16)} 0*${VDSO_TEXT_OFFSET.toString(16)} `));
    });
  });

  it('writes the Verdef entries GNU ld writes for the same soname and version', () => {
    withTmp((dir) => {
      // A one-function library linked with the arm64 vDSO's version script and soname.
      writeFileSync(join(dir, 'f.s'), '.text\n.global foo\nfoo: ret\n');
      writeFileSync(join(dir, 'v.map'), 'LINUX_2.6.39 { global: foo; local: *; };\n');
      execFileSync('aarch64-linux-gnu-as', ['-o', join(dir, 'f.o'), join(dir, 'f.s')]);
      execFileSync('aarch64-linux-gnu-ld', ['-shared', '-soname', 'linux-vdso.so.1', '--version-script', join(dir, 'v.map'), '-o', join(dir, 'ref.so'), join(dir, 'f.o')]);
      writeFileSync(join(dir, 'vdso.so'), img.bytes);
      // Elf64_Verdef minus vd_name's string-table offset: version, flags, index, count, hash, aux, next.
      const verdefs = (file: string) => {
        const hex = readelf(file, '-x', '.gnu.version_d')
          .split('\n')
          .flatMap((l) => /^\s+0x[0-9a-f]+ ((?:[0-9a-f]{8} ?){1,4})/.exec(l)?.[1]?.trim().split(' ') ?? [])
          .join('');
        const b = Uint8Array.from(hex.match(/../g)!.map((x) => parseInt(x, 16)));
        return [b.subarray(0, 20), b.subarray(28, 48)].map((x) => Array.from(x));
      };
      expect(verdefs(join(dir, 'vdso.so'))).toEqual(verdefs(join(dir, 'ref.so')));
      expect(elfHash('LINUX_2.6.39')).toBe(0x075fcb89);
    });
  });

  it('holds the code aarch64-linux-gnu-as assembles from the same source', () => {
    withTmp((dir) => {
      const s = join(dir, 'vdso.S');
      writeFileSync(s, ARM64_VDSO_SOURCE);
      execFileSync('aarch64-linux-gnu-as', ['-o', join(dir, 'vdso.o'), s]);
      execFileSync('aarch64-linux-gnu-objcopy', ['-O', 'binary', '-j', '.text', join(dir, 'vdso.o'), join(dir, 'text.bin')]);
      const gnu = new Uint8Array(readFileSync(join(dir, 'text.bin')));
      expect(gnu.length).toBeGreaterThan(100);
      expect(img.bytes.subarray(VDSO_TEXT_OFFSET, VDSO_TEXT_OFFSET + gnu.length)).toEqual(gnu);
      // objdump names the functions at the offsets the kernel uses.
      writeFileSync(join(dir, 'vdso.so'), img.bytes);
      const dump = execFileSync('aarch64-linux-gnu-objdump', ['-d', join(dir, 'vdso.so')], { encoding: 'utf8' });
      for (const [name, off] of img.symbols) expect(dump).toContain(`${off.toString(16).padStart(16, '0')} <${name}@@LINUX_2.6.39>:`);
      expect(dump).toMatch(/mrs\s+x14, cntvct_el0/);
    });
  });

  it('parses with the lab ELF reader as a shared object', () => {
    const parsed = parseElf(img.bytes);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.elf.type).toBe('dyn');
    expect(parsed.elf.programHeaders.map((p) => p.type)).toEqual([1, 2]);
  });
});
