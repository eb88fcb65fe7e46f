import { describe, expect, it } from 'vitest';
import { buildFromSource, Machine } from '../../../core/machine.js';
import { vdsoImage } from '../../../core/kernel/vdso/vdso-image.js';
import { parseElf } from '../../../core/elf/parse.js';

// Finds AT_SYSINFO_EHDR in the auxv, calls the vDSO's clock_gettime, then the real
// syscall, then the vDSO again, and writes the three timespecs to stdout.
function program(fnOffset: number): string {
  return `.intel_syntax noprefix
.global _start
.text
_start:
    mov rax, QWORD PTR [rsp]          # argc
    lea rbx, [rsp + 8 + rax*8 + 8]    # envp
1:  cmp QWORD PTR [rbx], 0
    lea rbx, [rbx + 8]
    jne 1b                            # rbx = auxv
2:  mov rax, QWORD PTR [rbx]
    cmp rax, 33                       # AT_SYSINFO_EHDR
    je 3f
    add rbx, 16
    jmp 2b
3:  mov r12, QWORD PTR [rbx + 8]
    add r12, ${fnOffset}              # __vdso_clock_gettime
    mov edi, 1
    lea rsi, [rip + t1]
    call r12
    mov eax, 228                      # clock_gettime(CLOCK_MONOTONIC, &t2): the syscall
    mov edi, 1
    lea rsi, [rip + t2]
    syscall
    mov edi, 1
    lea rsi, [rip + t3]
    call r12
    mov eax, 1
    mov edi, 1
    lea rsi, [rip + t1]
    mov edx, 48
    syscall
    mov eax, 60
    xor edi, edi
    syscall
.bss
t1: .skip 16
t2: .skip 16
t3: .skip 16
`;
}

describe('vDSO', () => {
  it('is a real ELF shared object whose dynamic symbols name the functions', () => {
    const img = vdsoImage();
    const parsed = parseElf(img.bytes);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.elf.type).toBe('dyn');
    expect(parsed.elf.programHeaders.map((p) => p.type)).toEqual([1, 2]);
    expect(img.symbols.get('__vdso_clock_gettime')).toBe(img.symbols.get('clock_gettime'));
  });

  it('answers clock_gettime without a mode switch, consistent with the syscall', () => {
    const built = buildFromSource(program(vdsoImage().symbols.get('__vdso_clock_gettime')!), 'x86_64');
    if (!built.ok) throw new Error(JSON.stringify(built.errors));
    const out: number[] = [];
    const m = Machine.fromElf(built.program.elf, '/home/student/vdso', { arch: 'x86_64', output: (_fd, b) => out.push(...b) });
    const stop = m.run(1_000_000);
    expect(stop).toEqual({ kind: 'exit', code: 0, signal: null, coreDumped: false });
    const names = m.events.filter((e) => e.type === 'syscall').map((e) => (e.type === 'syscall' ? e.name : ''));
    expect(names).toEqual(['clock_gettime', 'write', 'exit']);
    const v = new DataView(Uint8Array.from(out).buffer);
    const ns = (i: number) => Number(v.getBigInt64(i * 16, true)) * 1e9 + Number(v.getBigInt64(i * 16 + 8, true));
    expect(out.length).toBe(48);
    expect(ns(0)).toBeGreaterThan(0);
    expect(ns(1)).toBeGreaterThanOrEqual(ns(0));
    expect(ns(2)).toBeGreaterThanOrEqual(ns(1));
    // The vDSO path is far cheaper than the syscall in the cost model (no mode switch).
    const s = m.stats();
    expect(s.syscalls).toBe(3);
  });
});
