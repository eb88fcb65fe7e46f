import { describe, expect, it } from 'vitest';
import { AT } from '../../../core/kernel/exec.js';
import { runGuest } from './run-guest.js';

// Reads /proc/self/auxv (or the path at `path`) and copies it to stdout.
const CAT = (path: string) => `.intel_syntax noprefix
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
    mov edx, 4096
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
path: .asciz "${path}"
.bss
buf: .zero 4096
`;

function pairs(bytes: Uint8Array): [number, bigint][] {
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out: [number, bigint][] = [];
  for (let i = 0; i + 16 <= bytes.length; i += 16) out.push([Number(v.getBigUint64(i, true)), v.getBigUint64(i + 8, true)]);
  return out;
}

describe('/proc/self/auxv', () => {
  it('is the vector execve put on the stack, as binary u64 pairs ending in AT_NULL', () => {
    const r = runGuest(CAT('/proc/self/auxv'));
    expect(r.stop).toMatchObject({ kind: 'exit', code: 0 });
    const got = pairs(r.stdout);
    expect(r.stdout.length % 16).toBe(0);
    expect(got).toEqual(r.machine.loaded.auxv);
    expect(got.at(-1)).toEqual([AT.NULL, 0n]);
    const find = (t: number) => got.find(([type]) => type === t)?.[1];
    expect(find(AT.PAGESZ)).toBe(4096n);
    expect(find(AT.ENTRY)).toBe(BigInt(r.machine.loaded.entry));
    expect(find(AT.SYSINFO_EHDR)).toBe(BigInt(r.machine.kernel.processes.get(100)?.mm.vdsoBase ?? -1));
  });

  it('is answered for /proc/<pid>/auxv too', () => {
    const r = runGuest(CAT('/proc/100/auxv'));
    expect(pairs(r.stdout)).toEqual(r.machine.loaded.auxv);
  });
});

describe('unlink(2) and rmdir(2)', () => {
  it('remove a file the student created; a directory needs rmdir; a missing name is ENOENT', () => {
    const r = runGuest(`.intel_syntax noprefix
.global _start
.text
_start:
    mov eax, 2
    lea rdi, [rip + file]
    mov esi, 0x41
    mov edx, 0644
    syscall
    mov eax, 87
    lea rdi, [rip + file]
    syscall
    mov eax, 87
    lea rdi, [rip + file]
    syscall
    mov eax, 87
    lea rdi, [rip + dir]
    syscall
    mov eax, 84
    lea rdi, [rip + dir]
    syscall
    mov eax, 60
    xor edi, edi
    syscall
.data
file: .asciz "scratch.txt"
dir:  .asciz "/tmp"
`);
    expect(r.lines.filter((l) => /^(unlink|rmdir)/.test(l))).toEqual([
      'unlink("scratch.txt") = 0',
      'unlink("scratch.txt") = -1 ENOENT (No such file or directory)',
      'unlink("/tmp") = -1 EISDIR (Is a directory)',
      'rmdir("/tmp") = -1 EACCES (Permission denied)',
    ]);
  });
});
