// The arm64 user half with 4 KiB pages and 48-bit VAs (arch/arm64/include/asm/processor.h
// and elf.h): TASK_SIZE = STACK_TOP = 2^48, a static PIE's brk moved to ELF_ET_DYN_BASE
// = 2/3 of 2^48, and 18 bits of page randomisation for the stack and the mmap base.
// The x86-64 layout (2^47 less a page) is checked alongside: it must not move.
import { describe, expect, it } from 'vitest';
import { assembleArm64 } from '../../../../core/arch/arm64/assembler/assembler.js';
import { linkExecutable } from '../../../../core/elf/link.js';
import { Machine } from '../../../../core/machine.js';
import type { AddressSpace } from '../../../../core/kernel/mm/address-space.js';
import { bootGuest, runGuest } from '../run-guest.js';

const EXIT = `.global _start
.text
_start:
        mov     x0, #0
        mov     x8, #93
        svc     #0
`;

// mmap(0x900000000000, 4096, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS|MAP_FIXED):
// above 2^47, so only a 48-bit user half has room for it. Stores to it, exits 0.
const MMAP_HIGH = `.global _start
.text
_start:
        mov     x0, #0x900000000000
        mov     x1, #4096
        mov     x2, #3
        mov     x3, #0x32
        mov     x4, #-1
        mov     x5, #0
        mov     x8, #222                // mmap
        svc     #0
        mov     x1, #7
        str     x1, [x0]
        mov     x0, #0
        mov     x8, #93
        svc     #0
`;

function boot(pie: boolean, aslr: boolean, seed = 1): Machine {
  const asm = assembleArm64(EXIT, { fileName: 'exit.s' });
  if (!asm.ok) throw new Error(JSON.stringify(asm.errors));
  const linked = linkExecutable(asm.image, { arch: 'arm64', pie });
  if (!linked.ok) throw new Error(JSON.stringify(linked.errors));
  return Machine.fromElf(linked.elf, '/home/student/a.out', { arch: 'arm64', aslr, seed });
}

const mmOf = (m: Machine): AddressSpace => m.kernel.init!.mm;
const stackEnd = (mm: AddressSpace): number => mm.vmas.areas.find((v) => v.name === '[stack]')!.end;
const TOP = 2 ** 48;
const GiB = 2 ** 30;

describe('arm64 user address space (48-bit VA)', () => {
  it('without randomisation the stack ends at 2^48 and the first SP is just below it', () => {
    const m = boot(false, false);
    const mm = mmOf(m);
    expect(mm.userTop).toBe(TOP);
    expect(stackEnd(mm)).toBe(TOP);
    expect(m.loaded.sp).toBeLessThan(TOP);
    expect(m.loaded.sp).toBeGreaterThan(TOP - 4096);
    // The mmap base sits below the stack, past the 128 MiB gap.
    expect(mm.mmapBase).toBe(TOP - 128 * 2 ** 20);
  });

  it('randomises the stack within 1 GiB below 2^48 (STACK_RND_MASK 0x3ffff pages) and the mmap base within 1 GiB more', () => {
    const tops = new Set<number>();
    for (let seed = 1; seed <= 8; seed++) {
      const mm = mmOf(boot(false, true, seed));
      const end = stackEnd(mm);
      expect(end).toBeLessThanOrEqual(TOP);
      expect(end).toBeGreaterThan(TOP - GiB);
      expect(end % 4096).toBe(0);
      expect(end - mm.mmapBase).toBeGreaterThanOrEqual(128 * 2 ** 20);
      expect(end - mm.mmapBase).toBeLessThan(128 * 2 ** 20 + GiB);
      tops.add(end);
    }
    expect(tops.size).toBeGreaterThan(1);
  });

  it('moves a static PIE’s brk to ELF_ET_DYN_BASE = 2 * 2^48 / 3, page aligned (0xaaaaaaaaa000)', () => {
    expect(mmOf(boot(true, false)).brkStart).toBe(0xaaaaaaaaa000);
    // With randomisation, within arch_randomize_brk's 1 GiB above it.
    const brk = mmOf(boot(true, true, 3)).brkStart;
    expect(brk).toBeGreaterThanOrEqual(0xaaaaaaaaa000);
    expect(brk).toBeLessThan(0xaaaaaaaaa000 + GiB);
  });

  it('refuses MAP_FIXED below vm.mmap_min_addr with EPERM: the guest is not CAP_SYS_RAWIO (cap_mmap_addr)', () => {
    const r = runGuest(`
    mov x0, #0x1000
    mov x1, #4096
    mov x2, #3
    mov x3, #0x32
    mov x4, #-1
    mov x5, #0
    mov x8, #222
    svc #0
    mov x8, #93
    mov x0, #0
    svc #0
`.replace(/^/, '.globl _start\n_start:'), { arch: 'arm64' });
    expect(r.lines[0]).toBe('mmap(0x1000, 4096, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_FIXED|MAP_ANONYMOUS, -1, 0) = -1 EPERM (Operation not permitted)');
  });

  it('maps and uses a page above 2^47 with MAP_FIXED', () => {
    const r = runGuest(MMAP_HIGH, { arch: 'arm64', aslr: false });
    expect(r.stop).toMatchObject({ kind: 'exit', code: 0 });
    expect(r.lines[0]).toBe('mmap(0x900000000000, 4096, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_FIXED|MAP_ANONYMOUS, -1, 0) = 0x900000000000');
  });
});

describe('x86-64 user address space (unchanged)', () => {
  it('keeps the stack at 0x7ffffffff000 and refuses a fixed mapping past 2^47', () => {
    const source = `.intel_syntax noprefix
.global _start
.text
_start:
    mov eax, 9
    mov rdi, 0x900000000000
    mov esi, 4096
    mov edx, 3
    mov r10d, 0x32
    mov r8, -1
    xor r9d, r9d
    syscall
    mov eax, 60
    xor edi, edi
    syscall
`;
    const mm = mmOf(bootGuest(source, { aslr: false }));
    expect(mm.userTop).toBe(2 ** 47);
    expect(stackEnd(mm)).toBe(0x7ffffffff000);
    expect(mm.mmapBase).toBe(0x7ffffffff000 - 128 * 2 ** 20);
    // Refused as Linux does, from get_unmapped_area: past TASK_SIZE is ENOMEM.
    expect(runGuest(source, { aslr: false }).lines[0]).toMatch(/^mmap\(0x900000000000, 4096, .*\) = -1 ENOMEM \(Cannot allocate memory\)$/);
  });
});
