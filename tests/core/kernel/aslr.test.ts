import { describe, expect, it } from 'vitest';
import { buildFromSource } from '../../../core/machine.js';
import { bootGuest } from './run-guest.js';

// Prints its own /proc/self/maps.
const MAPS = `.intel_syntax noprefix
.global _start
.text
_start:
    mov eax, 2
    lea rdi, [rip + path]
    xor esi, esi
    syscall
    mov r12, rax
    xor eax, eax
    mov rdi, r12
    lea rsi, [rip + buf]
    mov edx, 8192
    syscall
    mov rdx, rax
    mov eax, 1
    mov edi, 1
    lea rsi, [rip + buf]
    syscall
    mov eax, 60
    xor edi, edi
    syscall
.data
path: .asciz "/proc/self/maps"
.bss
buf: .zero 8192
`;

// Optionally sets a persona, then execs /home/student/maps (the program above).
const launcher = (persona: number | null) => `.intel_syntax noprefix
.global _start
.text
_start:
${persona === null ? '' : `    mov eax, 135\n    mov edi, ${persona}\n    syscall\n`}    mov eax, 59
    lea rdi, [rip + path]
    lea rsi, [rip + argv]
    xor edx, edx
    syscall
    mov eax, 60
    mov edi, 99
    syscall
.data
path: .asciz "/home/student/maps"
argv: .quad path, 0
`;

const ADDR_NO_RANDOMIZE = 0x40000;

/** Boot the launcher with `seed`, put the maps printer in the VFS, run: the exec'd image's maps. */
function execMaps(persona: number | null, seed: number, aslr = true): string {
  const maps = buildFromSource(MAPS, 'x86_64');
  if (!maps.ok) throw new Error('MAPS does not assemble');
  const out: number[] = [];
  const m = bootGuest(launcher(persona), { seed, aslr }, out);
  m.kernel.files.vfs.addFile('/home/student/maps', maps.program.elf, 0o755);
  expect(m.run(5_000_000)).toMatchObject({ kind: 'exit', code: 0 });
  return String.fromCharCode(...out);
}

const region = (maps: string, name: string) => maps.split('\n').find((l) => l.endsWith(name))?.split(' ')[0];

describe('ASLR and personality(ADDR_NO_RANDOMIZE)', () => {
  it('without the flag, two seeds give two layouts (stack, mmap base and vDSO move)', () => {
    const a = execMaps(null, 1);
    const b = execMaps(null, 2);
    expect(a).toContain('[stack]');
    expect(a).not.toBe(b);
    expect(region(a, '[stack]')).not.toBe(region(b, '[stack]'));
    expect(region(a, '[vdso]')).not.toBe(region(b, '[vdso]'));
  });

  it('with the flag set before execve, two seeds give identical /proc/self/maps', () => {
    const a = execMaps(ADDR_NO_RANDOMIZE, 1);
    const b = execMaps(ADDR_NO_RANDOMIZE, 7);
    expect(a).toBe(b);
    // Linux's fixed layout: the stack ends at TASK_SIZE - one page (0x7ffffffff000).
    expect(region(a, '[stack]')?.split('-')[1]).toBe('7ffffffff000');
  });

  it('the global switch (aslr: false) fixes the layout the same way', () => {
    expect(execMaps(null, 3, false)).toBe(execMaps(ADDR_NO_RANDOMIZE, 4));
  });

  it('other persona bits leave randomisation on', () => {
    expect(execMaps(0x0400000, 1)).not.toBe(execMaps(0x0400000, 2)); // READ_IMPLIES_EXEC only
  });
});
