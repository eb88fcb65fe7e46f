// Found by tests/fuzz/elf-loader: a PT_LOAD at 0x800000000000 with a huge p_memsz was
// mapped first and only then refused, and tearing the mapping down walked it page by
// page (2^50 iterations: a hung worker). Such segments are now refused before mapping.
import { describe, expect, it } from 'vitest';
import { assembleX86 } from '../../../core/arch/x86_64/assembler/x86-backend.js';
import { linkExecutable } from '../../../core/elf/link.js';
import { ExecError, Machine } from '../../../core/machine.js';

function exe(pie: boolean): Uint8Array {
  const a = assembleX86('.intel_syntax noprefix\n.globl _start\n_start:\n mov eax, 60\n xor edi, edi\n syscall\n.data\nd: .quad 1\n');
  if (!a.ok) throw new Error('assemble');
  const l = linkExecutable(a.image, { arch: 'x86_64', pie });
  if (!l.ok) throw new Error('link');
  return l.elf.slice();
}

/** Patch the first PT_LOAD that is not executable (the data segment). */
function patchData(elf: Uint8Array, vaddr: bigint | null, memsz: bigint): Uint8Array {
  const v = new DataView(elf.buffer, elf.byteOffset);
  const phoff = Number(v.getBigUint64(32, true));
  for (let i = 0; i < v.getUint16(56, true); i++) {
    const o = phoff + i * 56;
    if (v.getUint32(o, true) === 1 && (v.getUint32(o + 4, true) & 1) === 0) {
      if (vaddr !== null) {
        v.setBigUint64(o + 8, vaddr & 0xfffn, true);
        v.setBigUint64(o + 16, vaddr, true);
        v.setBigUint64(o + 24, vaddr, true);
      }
      v.setBigUint64(o + 40, memsz, true);
      return elf;
    }
  }
  throw new Error('no data segment');
}

function execError(elf: Uint8Array): string {
  try {
    Machine.fromElf(elf, '/home/student/a.out', { arch: 'x86_64' });
  } catch (err) {
    if (err instanceof ExecError) return err.message;
    throw err;
  }
  return 'loaded';
}

describe('exec refuses impossible segments before mapping them', () => {
  it.each([false, true])('pie=%s: a segment past the user half', (pie) => {
    // A static PIE is placed first (staticPieBias), which already finds no room for such a span.
    const refused = pie ? /lies outside the user address space|no room in the address space/ : /lies outside the user address space/;
    expect(execError(patchData(exe(pie), 0x800000000000n, 0x11494e69ec131f0an))).toMatch(refused);
    expect(execError(patchData(exe(pie), 0x7ffffffff000n, 0x2000n))).toMatch(refused);
  });

  it('a segment bigger than the run memory limit', () => {
    expect(execError(patchData(exe(false), 0x100000000000n, 1n << 40n))).toBe('the program is larger than the run memory limit');
  });

  it('the unpatched program still runs', () => {
    const m = Machine.fromElf(exe(false), '/home/student/a.out', { arch: 'x86_64' });
    expect(m.run(10_000)).toMatchObject({ kind: 'exit', code: 0 });
  });
});
