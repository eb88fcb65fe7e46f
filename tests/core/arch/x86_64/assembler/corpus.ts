// Generates a symbol-free x86-64 Intel-syntax corpus: every instruction form
// the assembler supports × registers of every width × memory shapes ×
// immediate edge values. Lines GNU as rejects are kept on purpose: the test
// then checks that we reject them too.

const R64 = ['rax', 'rcx', 'rdx', 'rbx', 'rsp', 'rbp', 'rsi', 'rdi', 'r8', 'r9', 'r10', 'r11', 'r12', 'r13', 'r14', 'r15'];
const R32 = ['eax', 'ecx', 'edx', 'ebx', 'esp', 'ebp', 'esi', 'edi', 'r8d', 'r9d', 'r10d', 'r11d', 'r12d', 'r13d', 'r14d', 'r15d'];
const R16 = ['ax', 'cx', 'dx', 'bx', 'sp', 'bp', 'si', 'di', 'r8w', 'r9w', 'r10w', 'r11w', 'r12w', 'r13w', 'r14w', 'r15w'];
const R8 = ['al', 'cl', 'dl', 'bl', 'ah', 'ch', 'dh', 'bh', 'spl', 'bpl', 'sil', 'dil', 'r8b', 'r9b', 'r10b', 'r11b', 'r12b', 'r13b', 'r14b', 'r15b'];
const REGS: Record<number, string[]> = { 8: R8, 16: R16, 32: R32, 64: R64 };
const PTR: Record<number, string> = { 8: 'BYTE PTR', 16: 'WORD PTR', 32: 'DWORD PTR', 64: 'QWORD PTR' };

const ADDRS = [
  '[rax]', '[rsp]', '[rbp]', '[r12]', '[r13]', '[r15]', '[rax+8]', '[rax-0x80]', '[rax+0x7f]', '[rax+0x80]', '[rbp-8]',
  '[rsp+0x10]', '[rbx+rcx*4+0x10]', '[r8+r9*8-0x1000]', '[rax+rbx]', '[rsi+rdi*2]', '[r12+r13*1]', '[r13+rax*4+0]',
  '[rax*2]', '[rcx*8+0x100]', '[rsp+rax]', '[rip+0x100]', '[0x1000]', '[rax+0]', '16[rbp]', '[ebx]', '[eax+ecx*2+4]',
  'fs:0x28', 'gs:[0x10]', 'fs:[rax+8]', 'es:[rdi]', '[rbx+0x12345678]', '[rdx-0x7fffffff]',
];
const IMMS = ['0', '1', '0x7f', '0x80', '-1', '-0x80', '-0x81', '0xff', '0x100', '0x7fff', '0xffff', '0x7fffffff', '-0x80000000', '0x12345678', "'A'"];

export function generateCorpus(): string[] {
  const out: string[] = [];
  const add = (s: string): void => {
    out.push(s);
  };
  const widths = [8, 16, 32, 64] as const;
  const alu = ['add', 'or', 'adc', 'sbb', 'and', 'sub', 'xor', 'cmp'];
  for (const op of [...alu, 'test', 'mov']) {
    for (const w of widths) {
      const regs = REGS[w] as string[];
      for (const r of regs) {
        add(`${op} ${r}, ${regs[3]}`);
        add(`${op} ${regs[9]}, ${r}`);
        add(`${op} ${r}, ${IMMS[w === 8 ? 2 : 12]}`);
      }
      for (const imm of IMMS) {
        add(`${op} ${regs[0]}, ${imm}`);
        add(`${op} ${regs[1]}, ${imm}`);
        add(`${op} ${PTR[w]} [rbx], ${imm}`);
      }
      for (const a of ADDRS) {
        add(`${op} ${PTR[w]} ${a}, ${regs[2]}`);
        add(`${op} ${regs[10]}, ${PTR[w]} ${a}`);
        add(`${op} ${regs[2]}, ${a}`);
      }
    }
  }
  for (const imm of ['0x80000000', '0xffffffff', '0x100000000', '-0x80000001', '0x7fffffffffffffff', '0xffffffffffffffff'])
    for (const r of ['rax', 'r9', 'eax', 'r9d']) add(`mov ${r}, ${imm}`);
  for (const r of R64) add(`movabs ${r}, 0x1122334455667788`);
  add('movabs rax, 1');
  add('movabs al, [0x1122334455667788]');
  add('movabs eax, [0x1122334455667788]');
  add('movabs rax, [0x1122334455667788]');
  add('movabs [0x1122334455667788], rax');
  add('movabs [0x1122334455667788], ax');
  for (const op of ['movzx', 'movsx']) {
    for (const d of [...R16, ...R32, ...R64]) {
      add(`${op} ${d}, bl`);
      add(`${op} ${d}, sil`);
      add(`${op} ${d}, r12b`);
      add(`${op} ${d}, r9w`);
      add(`${op} ${d}, BYTE PTR [rax+rbx*2]`);
      add(`${op} ${d}, WORD PTR [r13]`);
    }
    add(`${op} eax, ah`);
    add(`${op} r8d, ah`);
  }
  for (const d of R64) {
    add(`movsx ${d}, r10d`);
    add(`movsx ${d}, DWORD PTR [rbx]`);
    add(`jmp [QWORD PTR [${d}+rax*8]]`);
    add(`movsxd ${d}, ebx`);
    add(`movsxd ${d}, r11d`);
    add(`movsxd ${d}, DWORD PTR [rsp+8]`);
  }
  for (const w of [16, 32, 64]) for (const d of REGS[w] as string[]) for (const a of ADDRS.slice(0, 26)) if (a !== '[rip+0x100]' || d === 'rax') add(`lea ${d}, ${a}`);
  for (const op of ['inc', 'dec', 'not', 'neg', 'mul', 'div', 'idiv', 'imul']) {
    for (const w of widths) {
      for (const r of REGS[w] as string[]) add(`${op} ${r}`);
      for (const a of ADDRS.slice(0, 16)) add(`${op} ${PTR[w]} ${a}`);
    }
  }
  for (const w of [16, 32, 64]) {
    const regs = REGS[w] as string[];
    for (const r of regs) {
      add(`imul ${r}, ${regs[5]}`);
      add(`imul ${r}, ${PTR[w]} [rax+8]`);
      for (const imm of ['1', '-128', '127', '128', '0x1000', '-0x81']) {
        add(`imul ${r}, ${regs[6]}, ${imm}`);
        add(`imul ${r}, ${imm}`);
      }
      add(`imul ${r}, ${PTR[w]} [r13+rcx], 3`);
    }
  }
  for (const op of ['rol', 'ror', 'rcl', 'rcr', 'shl', 'sal', 'shr', 'sar']) {
    for (const w of widths) {
      for (const r of REGS[w] as string[]) {
        add(`${op} ${r}, 1`);
        add(`${op} ${r}, cl`);
        add(`${op} ${r}, 5`);
        add(`${op} ${r}`);
      }
      add(`${op} ${PTR[w]} [rax], 1`);
      add(`${op} ${PTR[w]} [rax+rbx*4], cl`);
      add(`${op} ${PTR[w]} [r12], 31`);
    }
  }
  for (const r of [...R64, ...R16]) {
    add(`push ${r}`);
    add(`pop ${r}`);
  }
  for (const imm of IMMS) add(`push ${imm}`);
  for (const a of ADDRS.slice(0, 24)) {
    add(`push QWORD PTR ${a}`);
    add(`pop QWORD PTR ${a}`);
    add(`push WORD PTR ${a}`);
    add(`jmp QWORD PTR ${a}`);
    add(`call QWORD PTR ${a}`);
    add(`nop DWORD PTR ${a}`);
    add(`nop WORD PTR ${a}`);
  }
  for (const r of R64) {
    add(`jmp ${r}`);
    add(`call ${r}`);
  }
  const cc = ['o', 'no', 'b', 'c', 'nae', 'ae', 'nb', 'nc', 'e', 'z', 'ne', 'nz', 'be', 'na', 'a', 'nbe', 's', 'ns', 'p', 'pe', 'np', 'po', 'l', 'nge', 'ge', 'nl', 'le', 'ng', 'g', 'nle'];
  for (const c of cc) {
    for (const r of R8) add(`set${c} ${r}`);
    add(`set${c} BYTE PTR [rax+rcx]`);
    for (const w of [16, 32, 64]) {
      const regs = REGS[w] as string[];
      for (const r of regs) add(`cmov${c} ${r}, ${regs[13]}`);
      add(`cmov${c} ${regs[1]}, ${PTR[w]} [rbp-0x10]`);
    }
  }
  for (const w of widths) {
    const regs = REGS[w] as string[];
    for (const r of regs) {
      add(`xchg ${r}, ${regs[0]}`);
      add(`xchg ${regs[0]}, ${r}`);
      add(`xchg ${r}, ${regs[7]}`);
      add(`xchg ${PTR[w]} [rax], ${r}`);
      add(`xchg ${r}, ${PTR[w]} [rsp+8]`);
    }
  }
  for (const op of ['bt', 'bts', 'btr', 'btc']) {
    for (const w of [16, 32, 64]) {
      const regs = REGS[w] as string[];
      for (const r of regs) {
        add(`${op} ${r}, ${regs[2]}`);
        add(`${op} ${r}, 7`);
      }
      add(`${op} ${PTR[w]} [rax], ${regs[9]}`);
      add(`${op} ${PTR[w]} [rax+4], 3`);
    }
  }
  for (const w of [16, 32, 64]) for (const r of REGS[w] as string[]) add(`nop ${r}`);
  const fixed = [
    'nop', 'hlt', 'cli', 'sti', 'clc', 'stc', 'cmc', 'cld', 'std', 'leave', 'ret', 'int3', 'ud2', 'syscall', 'sysretq',
    'iretq', 'swapgs', 'rdmsr', 'wrmsr', 'rdtsc', 'rdtscp', 'cpuid', 'pause', 'mfence', 'lfence', 'sfence', 'endbr64',
    'pushfq', 'popfq', 'cbw', 'cwde', 'cdqe', 'cwd', 'cdq', 'cqo', 'lahf', 'sahf', 'wbinvd', 'clac', 'stac',
    'movsb', 'movsw', 'movsd', 'movsq', 'stosb', 'stosw', 'stosd', 'stosq', 'lodsb', 'lodsw', 'lodsd', 'lodsq',
    'scasb', 'scasw', 'scasd', 'scasq', 'cmpsb', 'cmpsw', 'cmpsd', 'cmpsq',
  ];
  for (const f of fixed) add(f);
  for (const s of ['movsb', 'movsw', 'movsd', 'movsq', 'stosb', 'stosw', 'stosd', 'stosq']) {
    add(`rep ${s}`);
  }
  for (const s of ['cmpsb', 'scasq', 'scasb']) {
    add(`repe ${s}`);
    add(`repne ${s}`);
  }
  add('lock add DWORD PTR [rax], 1');
  add('lock xchg QWORD PTR [rdi], rax');
  add('lock inc QWORD PTR [rip+0x40]');
  add('lock sub WORD PTR [rbx+rcx*2], 5');
  for (const n of ['0', '1', '3', '0x80', '0xff']) add(`int ${n}`);
  for (const n of ['0', '8', '0x1000', '0xffff']) add(`ret ${n}`);
  for (const c of ['cr0', 'cr2', 'cr3', 'cr4', 'cr8']) {
    for (const r of ['rax', 'rbx', 'r9', 'r15']) {
      add(`mov ${c}, ${r}`);
      add(`mov ${r}, ${c}`);
    }
  }
  for (const s of ['es', 'ss', 'ds', 'fs', 'gs']) {
    add(`mov ${s}, ax`);
    add(`mov ${s}, r9w`);
    add(`mov ${s}, WORD PTR [rax]`);
    add(`mov ax, ${s}`);
    add(`mov eax, ${s}`);
    add(`mov rax, ${s}`);
    add(`mov WORD PTR [rbx], ${s}`);
  }
  for (const op of ['lidt', 'lgdt', 'sidt', 'sgdt', 'invlpg']) for (const a of ['[rax]', '[rip+0x20]', '[r12+8]', '[0x2000]']) add(`${op} ${a}`);
  // AT&T size suffixes GNU accepts in Intel mode (b/w/q; l is rejected).
  for (const l of ['pushq rax', 'popq rbx', 'pushq QWORD PTR [rax]', 'incq [rax]', 'decb [rbx+4]', 'movb [rax], 1', 'movw [rax], 1', 'movq [rax], -1', 'retq', 'callq rax', 'jmpq rax', 'leaveq', 'addq rax, 1', 'shlq [rax], 1', 'pushw ax', 'notw [rsi]', 'movl eax, 1', 'addl [rax], 1', 'cmpq [rdi], 0x1000', 'testb [rax], 1'])
    add(l);
  add('ltr ax');
  add('ltr WORD PTR [rax]');
  return out;
}
