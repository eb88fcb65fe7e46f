import { describe, expect, it } from 'vitest';
import { PhysicalMemory } from '../../../../core/mm/phys-memory.js';
import { SharedPages } from '../../../../core/kernel/mm/shared-pages.js';
import { RegularFile } from '../../../../core/kernel/vfs/inode.js';
import { permString } from '../../../../core/kernel/mm/vma.js';
import { runGuest } from '../run-guest.js';

const meta = () => ({ ino: 1, mode: 0o100644, uid: 0, gid: 0, atime: { sec: 0n, nsec: 0 }, mtime: { sec: 0n, nsec: 0 }, ctime: { sec: 0n, nsec: 0 } });
const text = (b: Uint8Array) => String.fromCharCode(...b);

describe('SharedPages: a file and its mapped frames stay coherent', () => {
  it('stores in a frame are what read() returns; write() and truncate() refresh the frame', () => {
    const mem = new PhysicalMemory(1 << 20);
    const file = new RegularFile(meta(), new TextEncoder().encode('0123456789'));
    const touched: number[] = [];
    const pages = SharedPages.forFile(mem, file, (f) => touched.push(f));
    expect(SharedPages.forFile(mem, file, () => undefined)).toBe(pages);
    const frame = pages.frame(0);
    expect(pages.frame(0)).toBe(frame);
    expect(text(mem.bytes.subarray(frame, frame + 10))).toBe('0123456789');
    mem.bytes[frame + 2] = 0x41;
    mem.bytes[frame + 20] = 0x42; // past end of file: not carried into the file
    expect(text(file.read(0, 100))).toBe('01A3456789');
    expect(file.size).toBe(10);
    file.write(8, new TextEncoder().encode('xyz'));
    expect(text(mem.bytes.subarray(frame, frame + 11))).toBe('01A34567xyz');
    file.truncate(4);
    expect(text(mem.bytes.subarray(frame, frame + 6))).toBe('01A3\0\0');
    expect(touched.length).toBeGreaterThanOrEqual(3);
  });
});

// Parent maps `flags` memory (shared/private, anonymous), forks; the child stores "C"
// at [0]; the parent, after wait4, stores "P" at [1] and prints the first two bytes.
const forkProgram = (mapFlags: number) => `.intel_syntax noprefix
.global _start
.text
_start:
    mov eax, 9
    xor edi, edi
    mov esi, 8192
    mov edx, 3
    mov r10d, ${mapFlags}
    mov r8, -1
    xor r9d, r9d
    syscall
    mov r13, rax
    mov word ptr [r13], 0x2e2e
    mov eax, 57
    syscall
    test rax, rax
    jnz parent
    mov byte ptr [r13], 0x43
    mov eax, 11                 # the child unmaps: the parent's pages must survive
    mov rdi, r13
    mov esi, 8192
    syscall
    mov eax, 60
    xor edi, edi
    syscall
parent:
    mov eax, 61
    mov rdi, -1
    xor esi, esi
    xor edx, edx
    xor r10d, r10d
    syscall
    mov byte ptr [r13 + 1], 0x50
    mov eax, 1
    mov edi, 1
    mov rsi, r13
    mov edx, 2
    syscall
    mov eax, 26                 # msync: EINVAL unaligned, ENOMEM unmapped, 0 mapped
    lea rdi, [r13 + 1]
    mov esi, 4096
    mov edx, 4
    syscall
    mov qword ptr [rip + rets], rax
    mov eax, 26
    xor edi, edi
    mov esi, 4096
    mov edx, 4
    mov edi, 0x10000
    syscall
    mov qword ptr [rip + rets + 8], rax
    mov eax, 26
    mov rdi, r13
    mov esi, 8192
    mov edx, 5
    syscall
    mov qword ptr [rip + rets + 16], rax
    mov eax, 26
    mov rdi, r13
    mov esi, 8192
    mov edx, 6
    syscall
    mov qword ptr [rip + rets + 24], rax
    mov eax, 1
    mov edi, 1
    lea rsi, [rip + rets]
    mov edx, 32
    syscall
    mov eax, 60
    xor edi, edi
    syscall
.data
rets: .zero 32
`;

// The fork program's results were checked natively too (GNU as/ld, Linux 6.18): CP / .P and msync -22, -12, -22, 0.
describe('MAP_SHARED anonymous memory across fork', () => {
  it('the parent sees the child store (and keeps its pages after the child unmaps)', () => {
    const r = runGuest(forkProgram(0x21)); // MAP_SHARED|MAP_ANONYMOUS
    expect(r.stop).toMatchObject({ kind: 'exit', code: 0 });
    expect(r.text.slice(0, 2)).toBe('CP');
    const v = new DataView(r.stdout.buffer, 2);
    // msync: unaligned EINVAL, unmapped ENOMEM, MS_ASYNC|MS_SYNC EINVAL, MS_INVALIDATE|MS_SYNC fine.
    expect([0, 8, 16, 24].map((o) => Number(v.getBigInt64(o, true)))).toEqual([-22, -12, -22, 0]);
    expect(r.lines.some((l) => /^mmap\(NULL, 8192, PROT_READ\|PROT_WRITE, MAP_SHARED\|MAP_ANONYMOUS, -1, 0\) = 0x/.test(l))).toBe(true);
    expect(r.lines).toContain('msync(0x10000, 4096, MS_SYNC) = -1 ENOMEM (Cannot allocate memory)');
  });

  it('a MAP_PRIVATE child store stays in the child', () => {
    expect(runGuest(forkProgram(0x22)).text.slice(0, 2)).toBe('.P');
  });

  it('is a shared VMA named as Linux names shmem: /dev/zero (deleted), rw-s', () => {
    const r = runGuest(forkProgram(0x21), {}, 0);
    for (let i = 0; i < 100 && !r.machine.events.some((e) => e.type === 'syscall' && e.name === 'mmap'); i++) r.machine.run(10);
    const vma = r.machine.kernel.processes.get(100)!.mm.vmas.areas.find((a) => a.shared);
    expect(vma?.name).toBe('/dev/zero (deleted)');
    expect(vma && permString(vma)).toBe('rw-s');
  });
});
