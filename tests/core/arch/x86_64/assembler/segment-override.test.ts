// Found by tests/fuzz/x86-roundtrip: `BYTE PTR ds:0x10` (objdump's spelling of an absolute
// address) got a redundant 3E prefix. GNU as drops an override naming the segment the
// address uses anyway (SS for an rsp/rbp base, DS otherwise) and keeps every other one.
import { describe, expect, it } from 'vitest';
import { assembleX86 } from '../../../../../core/arch/x86_64/assembler/x86-backend.js';
import { gnuSectionBytes, hex } from './gnu-as.js';

const LINES = [
  'xchg BYTE PTR ds:0x5fcf3d65,cl',
  'mov BYTE PTR ds:0x5fcf3d65,cl',
  'mov eax, DWORD PTR ds:[rax]',
  'mov eax, DWORD PTR ds:[rbp]',
  'mov eax, DWORD PTR ds:[rsp]',
  'mov eax, DWORD PTR ds:[r12]',
  'mov eax, DWORD PTR ds:[r13+8]',
  'mov eax, DWORD PTR ss:[rax]',
  'mov eax, DWORD PTR ss:[rbp]',
  'mov eax, DWORD PTR ss:[rsp+rax*2]',
  'mov eax, DWORD PTR es:[rax]',
  'mov eax, DWORD PTR fs:0x28',
  'mov rax, QWORD PTR gs:[rbx]',
  'mov eax, DWORD PTR ds:[rip+0x10]',
  'mov eax, DWORD PTR ds:[eax]',
  'movabs al, ds:0x1122334455667788',
  'movabs ds:0x1122334455667788, eax',
  'movabs al, fs:0x1122334455667788',
  'add DWORD PTR ds:[rbx+rcx*4], 1',
];

describe('segment overrides', () => {
  it.each(LINES)('%s encodes like GNU as', (line) => {
    const src = `.intel_syntax noprefix\n${line}\n`;
    const r = assembleX86(src);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(hex(r.image.sections.find((s) => s.name === '.text')!.bytes)).toBe(hex(gnuSectionBytes(src)));
  });
});
