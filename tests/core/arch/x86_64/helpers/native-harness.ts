// Runs single instructions natively on the host CPU: each instruction becomes a tiny
// routine that loads RAX/RBX/RCX/RDX and RFLAGS (popfq), executes it, and stores the
// registers and RFLAGS (pushfq). Inputs go in and results come out as binary records.

import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface NativeCase {
  insn: number;
  rax: bigint;
  rbx: bigint;
  rcx: bigint;
  rdx: bigint;
  rflags: bigint;
  /** The 64-bit memory operand QWORD PTR [r8+80] (r8 points at the I/O block). */
  mem: bigint;
}

export interface NativeResult {
  rax: bigint;
  rbx: bigint;
  rcx: bigint;
  rdx: bigint;
  rflags: bigint;
  mem: bigint;
}

const MAIN_C = `
#include <stdint.h>
#include <stdio.h>
#include <unistd.h>
extern void (*const insn_table[])(uint64_t *);
int main(void) {
  uint64_t rec[7], io[11];
  while (fread(rec, 8, 7, stdin) == 7) {
    io[0] = rec[1]; io[1] = rec[2]; io[2] = rec[3]; io[3] = rec[4]; io[4] = rec[5]; io[10] = rec[6];
    insn_table[rec[0]](io);
    fwrite(io + 5, 8, 6, stdout);
  }
  return 0;
}
`;

/** Build a harness for `insns` (Intel syntax) and run every case on the host. */
export function runNative(insns: string[], cases: NativeCase[]): NativeResult[] {
  const dir = mkdtempSync(join(tmpdir(), 'x86-native-'));
  try {
    let asm = '.intel_syntax noprefix\n.text\n';
    insns.forEach((insn, k) => {
      asm += `run_${k}:
  push rbx
  mov r8, rdi
  mov rax, [r8]
  mov rbx, [r8+8]
  mov rcx, [r8+16]
  mov rdx, [r8+24]
  push QWORD PTR [r8+32]
  popfq
  ${insn}
  pushfq
  pop r9
  mov [r8+40], rax
  mov [r8+48], rbx
  mov [r8+56], rcx
  mov [r8+64], rdx
  mov [r8+72], r9
  pop rbx
  ret
`;
    });
    asm += '.section .data.rel.ro\n.globl insn_table\ninsn_table:\n' + insns.map((_, k) => `  .quad run_${k}\n`).join('');
    asm += '.section .note.GNU-stack,"",@progbits\n';
    writeFileSync(join(dir, 'insns.s'), asm);
    writeFileSync(join(dir, 'main.c'), MAIN_C);
    const exe = join(dir, 'harness');
    execFileSync('gcc', ['-O1', '-o', exe, join(dir, 'main.c'), join(dir, 'insns.s')], { stdio: ['ignore', 'ignore', 'pipe'] });
    const input = new BigUint64Array(cases.length * 7);
    cases.forEach((c, k) => {
      input.set([BigInt(c.insn), c.rax, c.rbx, c.rcx, c.rdx, c.rflags, c.mem], k * 7);
    });
    const out = execFileSync(exe, { input: new Uint8Array(input.buffer), maxBuffer: 1 << 28 });
    const words = new BigUint64Array(out.buffer, out.byteOffset, out.byteLength / 8);
    const res: NativeResult[] = [];
    for (let k = 0; k < cases.length; k++) {
      const w = k * 6;
      res.push({ rax: words[w]!, rbx: words[w + 1]!, rcx: words[w + 2]!, rdx: words[w + 3]!, rflags: words[w + 4]!, mem: words[w + 5]! });
    }
    return res;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
