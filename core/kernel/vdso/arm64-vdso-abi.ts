// The AArch64 vDSO as vdso-calls.ts sees it: at the counter read in vread, x30 is the
// return into the public function, x17 the program's return address (the public
// function parked it there before bl vread) and w9 the clock id.

import { disassemble } from '../../arch/arm64/disassembler.js';
import type { Arm64Arch } from '../arm64/arm64-arch.js';
import type { Kernel } from '../kernel.js';
import { arm64VdsoImage } from './arm64-vdso-image.js';
import { ARM64_VDSO_CALLER_REG, ARM64_VDSO_FUNCTIONS, ARM64_VREAD_CLOCK_REG } from './arm64-vdso-source.js';
import type { VdsoAbi } from './vdso-abi.js';

const signed = (v: bigint) => Number(BigInt.asIntN(64, v));

export function arm64VdsoAbi(k: Kernel): VdsoAbi {
  const img = arm64VdsoImage();
  const words = new DataView(img.bytes.buffer, img.bytes.byteOffset, img.bytes.byteLength);
  return {
    img,
    functions: ARM64_VDSO_FUNCTIONS.map((f) => [f, f.replace('__kernel_', '')] as const),
    step(at) {
      const text = disassemble(words.getUint32(at, true), at);
      const call = /^bl\t([0-9a-f]+)$/.exec(text);
      return { length: 4, call: call ? parseInt(call[1]!, 16) : null, ret: /^ret\b/.test(text) };
    },
    clockRead(mm, base) {
      void mm; // everything is in registers
      const cpu = (k.archOps as Arm64Arch).cpu;
      if (cpu.el !== 0) return null;
      const off = cpu.pc - base;
      if (off < 0 || off >= 4096) return null;
      return {
        off,
        inner: signed(cpu.getX(30)) - base,
        caller: signed(cpu.getX(ARM64_VDSO_CALLER_REG)),
        clock: Number(cpu.getX(ARM64_VREAD_CLOCK_REG) & 0xffffffffn),
      };
    },
  };
}
