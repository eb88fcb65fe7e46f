// Second corpus: labels, branches at the rel8/rel32 boundary, relaxation
// chains, alignment between branches, RIP-relative and absolute references
// across .text/.rodata/.data/.bss. Compared with GNU as + ld after linking.

const CC = ['o', 'no', 'b', 'ae', 'e', 'ne', 'be', 'a', 's', 'ns', 'p', 'np', 'l', 'ge', 'le', 'g', 'c', 'z', 'nz', 'nae', 'nle'];

export function generateLabelCorpus(): string {
  const out: string[] = ['.intel_syntax noprefix', '.globl _start', '.text', '_start:', '  jmp exit_now'];
  let n = 0;
  const label = (): string => `L${n++}`;
  // Forward and backward jumps over padding around the rel8 limit (-128..127).
  for (const op of ['jmp', ...CC.map((c) => 'j' + c)]) {
    for (const pad of [0, 1, 120, 124, 125, 126, 127, 128, 129, 130, 200]) {
      const f = label();
      out.push(`  ${op} ${f}`, `  .skip ${pad}, 0x90`, `${f}:`);
      const b = label();
      out.push(`${b}:`, `  .skip ${pad}, 0x90`, `  ${op} ${b}`);
    }
  }
  // A chain where growing one jump pushes the next out of range.
  const chain = Array.from({ length: 12 }, label);
  for (const l of chain) out.push(`  jmp ${l}`);
  out.push('  .skip 100, 0x90');
  for (const l of chain) out.push(`${l}:`, '  nop');
  // Alignment between branches (NOP fill moves targets).
  for (const al of [4, 8, 16, 32]) {
    const t = label();
    out.push(`  je ${t}`, `  .align ${al}`, '  nop', `  .p2align 4`, `  .skip 110, 0x90`, `${t}:`, '  ret');
  }
  // Local numeric labels, calls and `jmp .`.
  out.push('1: dec ecx', '  jnz 1b', '  jmp 1f', '  .skip 3, 0xcc', '1: call helper', '  call far_helper', '  jmp .', '  jmp short_global');
  out.push('helper:', '  ret');
  // Memory references to every section, RIP-relative and absolute.
  for (const sym of ['msg', 'ro_table', 'counter', 'buf', 'buf_end', 'helper']) {
    out.push(
      `  lea rsi, [rip + ${sym}]`,
      `  lea rdi, ${sym}[rip]`,
      `  mov eax, DWORD PTR [rip + ${sym} + 4]`,
      `  mov rax, QWORD PTR ${sym}`,
      `  mov rbx, OFFSET ${sym}`,
      `  mov ecx, OFFSET ${sym}`,
      `  lea rdx, [${sym} + rcx*8]`,
      `  movabs rax, OFFSET ${sym}`,
      `  cmp BYTE PTR [rip + ${sym}], 7`,
      `  add QWORD PTR [rip + ${sym}], 0x1000`,
      `  push OFFSET ${sym}`,
      `  mov DWORD PTR [rip + ${sym}], OFFSET ${sym}`,
    );
  }
  out.push('  mov eax, msg_len', '  mov edx, OFFSET msg_len', 'exit_now:', '  mov eax, 60', '  xor edi, edi', '  syscall');
  out.push('.globl short_global', 'short_global:', '  jmp short_global', '  jne short_global', '  ret');
  out.push('.section .far,"ax",@progbits', 'far_helper:', '  jmp helper', '  call helper', '  jz _start', '  ret');
  out.push('.section .rodata', '.align 8', 'ro_table:', '  .quad helper, far_helper, msg + 3, buf_end - buf', '  .long counter, 1b', '  .short 0x1234', '  .byte 1, 2, 3');
  out.push('.data', 'msg: .ascii "hello, world\\n"', 'msg_len = . - msg', '.align 4', 'counter: .long 0', '  .quad _start, . , ro_table', '  .long msg_len');
  out.push('.bss', '.align 64', 'buf: .skip 4096', 'buf_end:');
  return out.join('\n') + '\n';
}
