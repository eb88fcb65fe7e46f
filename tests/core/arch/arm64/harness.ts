// Builds a self-checking-free harness program: each case loads inputs, runs one
// instruction (or a short sequence) and stores two 64-bit results (value, NZCV or
// writeback) to an output buffer, which is written to stdout at the end. The same
// binary runs under qemu-aarch64 and on Arm64Cpu; the outputs must be identical.

export interface HarnessCase {
  /** Assembly run with x1, x2, x4 = inputs, x0 = x4 initially, NZCV = input flags. */
  body: string;
  a: bigint;
  b: bigint;
  c: bigint;
  flags: number;
  /** Description for failure messages. */
  label: string;
  /** Second output register (default: NZCV via mrs into x3). */
  second?: 'nzcv' | 'x1';
}

const U64 = (v: bigint): string => '0x' + BigInt.asUintN(64, v).toString(16);

export function harnessSource(cases: HarnessCase[], extraData = ''): string {
  const text: string[] = ['.text', '.globl _start', '_start:', '\tadr x20, inputs', '\tldr x19, =outputs'];
  cases.forEach((k, i) => {
    text.push(`// case ${i}: ${k.label}`);
    text.push('\tldp x1, x2, [x20], #16', '\tldp x4, x5, [x20], #16', '\tmsr nzcv, x5', '\tmov x0, x4');
    text.push(...k.body.split('\n').map((l) => '\t' + l.trim()));
    if ((k.second ?? 'nzcv') === 'nzcv') text.push('\tmrs x3, nzcv');
    else text.push('\tmov x3, x1');
    text.push('\tstp x0, x3, [x19], #16');
    if (i % 500 === 499) text.push('\tb 1f', '.ltorg', '1:');
  });
  text.push(
    '\tmov x0, #1',
    '\tldr x1, =outputs',
    `\tldr x2, =${cases.length * 16}`,
    '\tmov x8, #64',
    '\tsvc #0',
    '\tmov x0, #0',
    '\tmov x8, #93',
    '\tsvc #0',
    '.ltorg',
  );
  const data: string[] = ['.data', '.p2align 4', 'inputs:'];
  for (const k of cases) data.push(`\t.quad ${U64(k.a)}, ${U64(k.b)}, ${U64(k.c)}, ${U64(BigInt(k.flags) << 28n)}`);
  data.push(extraData, '.bss', '.p2align 4', 'outputs:', `\t.skip ${cases.length * 16}`);
  return text.join('\n') + '\n' + data.join('\n') + '\n';
}

/** Compare two output buffers record by record; returns readable mismatches. */
export function diffOutputs(cases: HarnessCase[], ref: Uint8Array, ours: Uint8Array): string[] {
  const bad: string[] = [];
  const rv = new DataView(ref.buffer, ref.byteOffset, ref.byteLength);
  const ov = new DataView(ours.buffer, ours.byteOffset, ours.byteLength);
  if (ref.length !== ours.length) bad.push(`length qemu ${ref.length} ours ${ours.length}`);
  for (let i = 0; i < cases.length && (i + 1) * 16 <= Math.min(ref.length, ours.length); i++) {
    const r0 = rv.getBigUint64(i * 16, true);
    const r1 = rv.getBigUint64(i * 16 + 8, true);
    const o0 = ov.getBigUint64(i * 16, true);
    const o1 = ov.getBigUint64(i * 16 + 8, true);
    if (r0 !== o0 || r1 !== o1) {
      const k = cases[i]!;
      bad.push(`${k.label} a=${U64(k.a)} b=${U64(k.b)} c=${U64(k.c)} f=${k.flags}: qemu ${r0.toString(16)}/${r1.toString(16)} ours ${o0.toString(16)}/${o1.toString(16)}`);
    }
  }
  return bad;
}
