// The SSE data moves gcc -O2 emits for zeroing and copying (SDM Vol 2: MOVAPS, MOVUPS,
// MOVDQA, MOVDQU, MOVD/MOVQ, PXOR, XORPS). XMM registers are 4 int32 lanes each.
// Aligned forms raise #GP(0) on a misaligned 16-byte memory operand.

import type { X86Cpu } from './cpu.js';
import type { Inst } from './inst.js';
import { X86Fault, VEC_GP } from '../../mm/x86-64/fault.js';

/** Load the 128-bit W operand into tmp lanes. */
function readW(cpu: X86Cpu, i: Inst, aligned: boolean, out: Int32Array): void {
  if (i.rm >= 0) {
    out.set(cpu.xmm.subarray(i.rm * 4, i.rm * 4 + 4));
    return;
  }
  const va = cpu.ea(i);
  if (aligned && va % 16 !== 0) throw new X86Fault(VEC_GP, 0);
  const m = cpu.mmu;
  out[0] = m.read64(va);
  out[1] = m.hi;
  out[2] = m.read64(va + 8);
  out[3] = m.hi;
}

const T = new Int32Array(4);

/** movaps/movdqa/movups/movdqu xmm, xmm/m128 (op 1 = aligned) */
export function movLoad128(cpu: X86Cpu, i: Inst): void {
  readW(cpu, i, i.op === 1, T);
  cpu.xmm.set(T, i.reg * 4);
}

/** movaps/movdqa/movups/movdqu xmm/m128, xmm */
export function movStore128(cpu: X86Cpu, i: Inst): void {
  const x = cpu.xmm;
  const s = i.reg * 4;
  if (i.rm >= 0) {
    x.copyWithin(i.rm * 4, s, s + 4);
    return;
  }
  const va = cpu.ea(i);
  if (i.op === 1 && va % 16 !== 0) throw new X86Fault(VEC_GP, 0);
  cpu.mmu.checkWrite(va, 16);
  cpu.mmu.write64(va, x[s]!, x[s + 1]!);
  cpu.mmu.write64(va + 8, x[s + 2]!, x[s + 3]!);
}

/** pxor / xorps xmm, xmm/m128 (pxor requires alignment of a memory operand) */
export function pxor(cpu: X86Cpu, i: Inst): void {
  readW(cpu, i, true, T);
  const d = i.reg * 4;
  for (let k = 0; k < 4; k++) cpu.xmm[d + k] = cpu.xmm[d + k]! ^ T[k]!;
}

/** movd/movq xmm, r/m32/64: zero-extends into the whole register */
export function movdToXmm(cpu: X86Cpu, i: Inst): void {
  const v = cpu.rdE(i);
  const d = i.reg * 4;
  cpu.xmm[d] = v;
  cpu.xmm[d + 1] = i.size === 8 ? cpu.eh : 0;
  cpu.xmm[d + 2] = 0;
  cpu.xmm[d + 3] = 0;
}

/** movd/movq r/m32/64, xmm */
export function movdFromXmm(cpu: X86Cpu, i: Inst): void {
  const s = i.reg * 4;
  cpu.wrE(i, cpu.xmm[s]!, cpu.xmm[s + 1]!);
}

/** movq xmm, xmm/m64 (F3 0F 7E): low quadword, upper cleared */
export function movqLoad(cpu: X86Cpu, i: Inst): void {
  const d = i.reg * 4;
  let lo: number;
  let hi: number;
  if (i.rm >= 0) {
    lo = cpu.xmm[i.rm * 4]!;
    hi = cpu.xmm[i.rm * 4 + 1]!;
  } else {
    lo = cpu.mmu.read64(cpu.ea(i));
    hi = cpu.mmu.hi;
  }
  cpu.xmm[d] = lo;
  cpu.xmm[d + 1] = hi;
  cpu.xmm[d + 2] = 0;
  cpu.xmm[d + 3] = 0;
}

/** movq xmm/m64, xmm (66 0F D6): a register destination has its upper half cleared */
export function movqStore(cpu: X86Cpu, i: Inst): void {
  const s = i.reg * 4;
  if (i.rm >= 0) {
    const d = i.rm * 4;
    cpu.xmm[d] = cpu.xmm[s]!;
    cpu.xmm[d + 1] = cpu.xmm[s + 1]!;
    cpu.xmm[d + 2] = 0;
    cpu.xmm[d + 3] = 0;
  } else cpu.mmu.write64(cpu.ea(i), cpu.xmm[s]!, cpu.xmm[s + 1]!);
}
