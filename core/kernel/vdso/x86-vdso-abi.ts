// The x86-64 vDSO as vdso-calls.ts sees it: vread runs with [rsp] = the return into the
// public function, [rsp + 8] = the program's return address, ECX = the clock id.

import { disassemble } from '../../arch/x86_64/disassembler.js';
import type { Kernel } from '../kernel.js';
import type { VdsoAbi } from './vdso-abi.js';
import { vdsoImage } from './vdso-image.js';
import { VDSO_FUNCTIONS } from './vdso-source.js';

export function x86VdsoAbi(k: Kernel): VdsoAbi {
  const img = vdsoImage();
  return {
    img,
    functions: VDSO_FUNCTIONS.map((f) => [f, f.replace('__vdso_', '')] as const),
    step(at) {
      const d = disassemble(img.bytes.subarray(at, at + 16), at);
      const call = /^call\s+0x([0-9a-f]+)$/.exec(d.text);
      return { length: d.length, call: call ? parseInt(call[1]!, 16) : null, ret: d.text.startsWith('ret') };
    },
    clockRead(mm, base) {
      const cpu = k.x86.cpu;
      if (cpu.cpl !== 3) return null;
      const off = cpu.rip - base;
      if (off < 0 || off >= 4096) return null;
      const frame = mm.readUncharged(Number(cpu.getReg(4)), 16);
      if (!frame) return null;
      const v = new DataView(frame.buffer);
      return {
        off,
        inner: Number(v.getBigUint64(0, true)) - base,
        caller: Number(v.getBigUint64(8, true)),
        clock: Number(cpu.getReg(1)) & 0xffffffff,
      };
    },
  };
}
