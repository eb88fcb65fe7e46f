// The copyByte row: every byte a syscall copies between user memory and the kernel
// (AddressSpace.read / write, the one place both architectures copy through) is charged
// once, a faulting copy for the bytes it moved, and a tracer's reads for nothing.

import { describe, expect, it } from 'vitest';
import { DEFAULT_COSTS, type CostTable } from '../../../core/cost/cost-table.js';
import type { RunEvent } from '../../../core/trace/events.js';
import { runGuest } from './run-guest.js';

const PATH = '/data/1mib.bin';
/** The path as open copies it in (strncpy_from_user stops after the NUL). */
const PATH_BYTES = PATH.length + 1;

/** open the 1 MiB file, read `n` bytes into a page-aligned buffer, exit 0 (exit 1 on a short read). */
function readX86(n: number): string {
  return `.intel_syntax noprefix
.global _start
.text
_start:
    mov eax, 2
    lea rdi, [rip + path]
    xor esi, esi
    syscall
    mov edi, eax
    xor eax, eax
    lea rsi, [rip + buf]
    mov edx, ${n}
    syscall
    cmp rax, ${n}
    setne dil
    movzx edi, dil
    mov eax, 60
    syscall
.section .rodata
path: .asciz "${PATH}"
.bss
.balign 4096
buf: .skip ${Math.max(n, 16)}
`;
}

function readArm64(n: number): string {
  return `.global _start
.text
_start:
    mov x0, #-100
    adr x1, path
    mov x2, #0
    mov x8, #56
    svc #0
    ldr x1, =buf
    ldr x2, =${n}
    mov x8, #63
    svc #0
    ldr x2, =${n}
    cmp x0, x2
    cset x0, ne
    mov x8, #93
    svc #0
path: .asciz "${PATH}"
.bss
.balign 4096
buf: .skip ${Math.max(n, 16)}
`;
}

const ARCHES = [
  { arch: 'x86_64' as const, program: readX86 },
  { arch: 'arm64' as const, program: readArm64 },
];

function run(arch: 'x86_64' | 'arm64', source: string, costs: Partial<CostTable> = {}, record = true) {
  const r = runGuest(source, { arch, costs, record });
  expect(r.stop).toMatchObject({ kind: 'exit', code: 0 });
  return r.machine.stats();
}

describe.each(ARCHES)('copyByte on $arch', ({ arch, program }) => {
  it('counts every byte copied: the path open reads and the n bytes read returns', () => {
    for (const n of [1, 4096, 65536]) {
      const s = run(arch, program(n));
      expect(s.countsByEvent.copyByte).toBe(PATH_BYTES + n);
      expect(s.cyclesByEvent.copyByte).toBeCloseTo((PATH_BYTES + n) * DEFAULT_COSTS.copyByte, 9);
    }
  });

  it('raising the row by k raises a run with an n-byte read by exactly (n + path) × k cycles', () => {
    const n = 16384;
    const k = 0.75;
    const base = run(arch, program(n));
    const dearer = run(arch, program(n), { copyByte: DEFAULT_COSTS.copyByte + k });
    expect(dearer.countsByEvent).toEqual(base.countsByEvent);
    expect(dearer.cycles - base.cycles).toBeCloseTo((n + PATH_BYTES) * k, 6);
    // And between two sizes the row alone separates the reads: n more bytes, n × row more cycles.
    const twice = run(arch, program(2 * n), { copyByte: DEFAULT_COSTS.copyByte + k });
    expect(twice.cyclesByEvent.copyByte! - dearer.cyclesByEvent.copyByte!).toBeCloseTo(n * (DEFAULT_COSTS.copyByte + k), 6);
  });

  it('a traced run costs the same as an untraced one (the strace printer reads memory uncharged)', () => {
    const traced = run(arch, program(64), {}, true);
    const quiet = run(arch, program(64), {}, false);
    expect(traced.cyclesByEvent).toEqual(quiet.cyclesByEvent);
  });

  it("the read's syscall event carries its copy: the fixed rows plus n × copyByte", () => {
    const n = 512;
    const r = runGuest(program(n), { arch });
    const read = r.machine.events.find((e): e is Extract<RunEvent, { type: 'syscall' }> => e.type === 'syscall' && e.name === 'read');
    const t = DEFAULT_COSTS;
    expect(read?.cycles).toBeCloseTo(t.modeSwitchEntry + t.dispatch + t.kernelCacheMisses + t.modeSwitchExit + n * t.copyByte, 9);
  });
});

describe('a faulting copy', () => {
  // write(1, p + 4096 - 100, 200) where the page at p + 4096 was unmapped: copy_from_user
  // moves the 100 bytes of the first page, then faults; write returns EFAULT.
  const STRADDLE = `.intel_syntax noprefix
.global _start
.text
_start:
    mov eax, 9
    xor edi, edi
    mov esi, 8192
    mov edx, 3
    mov r10d, 0x22
    mov r8, -1
    xor r9d, r9d
    syscall
    mov r12, rax
    mov eax, 11
    lea rdi, [r12 + 4096]
    mov esi, 4096
    syscall
    mov eax, 1
    mov edi, 1
    lea rsi, [r12 + 3996]
    mov edx, 200
    syscall
    cmp rax, -14
    setne dil
    movzx edi, dil
    mov eax, 60
    syscall
`;

  it('is charged for the bytes it moved before the fault', () => {
    const s = run('x86_64', STRADDLE);
    expect(s.countsByEvent.copyByte).toBe(100);
    expect(s.cyclesByEvent.copyByte).toBeCloseTo(100 * DEFAULT_COSTS.copyByte, 9);
  });
});
