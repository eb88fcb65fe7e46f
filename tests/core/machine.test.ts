import { describe, expect, it } from 'vitest';
import { buildFromSource, Machine } from '../../core/machine.js';

// Opens argv[0], reads 4 bytes and writes them out: on Linux the running program is a
// file at the path it was started from.
const READ_SELF = `.intel_syntax noprefix
.global _start
.text
_start:
    mov rdi, QWORD PTR [rsp + 8]    # argv[0]
    mov eax, 2                      # open(argv[0], O_RDONLY)
    xor esi, esi
    syscall
    mov edi, eax
    xor eax, eax                    # read(fd, buf, 4)
    lea rsi, [rip + buf]
    mov edx, 4
    syscall
    mov edx, eax
    mov eax, 1                      # write(1, buf, n)
    mov edi, 1
    lea rsi, [rip + buf]
    syscall
    mov eax, 60
    xor edi, edi
    syscall
.bss
buf: .skip 8
`;

function run(path: string): string {
  const built = buildFromSource(READ_SELF, 'x86_64');
  if (!built.ok) throw new Error(JSON.stringify(built.errors));
  let out = '';
  const m = Machine.fromElf(built.program.elf, path, { arch: 'x86_64', output: (_fd, b) => (out += Buffer.from(b).toString('latin1')) });
  expect(m.run(100_000)).toMatchObject({ kind: 'exit', code: 0 });
  return out;
}

describe('Machine.fromElf', () => {
  it('puts the program in the file system at its path, so it can open (or execve) itself', () => {
    expect(run('/home/student/read-self')).toBe('\x7fELF');
    expect(run('/tmp/deep/er/read-self')).toBe('\x7fELF');
  });

  it('leaves an existing file at that path alone', () => {
    // /data/hello.txt is part of the seed tree; the program then reads that file.
    expect(run('/data/hello.txt')).toBe('Hell');
  });
});
