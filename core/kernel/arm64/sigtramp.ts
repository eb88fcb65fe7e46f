// The signal return trampoline: Linux arm64 sets x30 to the vDSO's
// __kernel_rt_sigreturn when a handler was installed without SA_RESTORER
// (arch/arm64/kernel/vdso/sigreturn.S). This kernel has no arm64 vDSO proper
// (clock_gettime etc. go through svc), so [vdso] is one page holding just the
// trampoline; it is not passed as AT_SYSINFO_EHDR, since it is not an ELF image.

import { assembleArm64 } from '../../arch/arm64/assembler/assembler.js';
import { PAGE_SIZE, type PhysicalMemory } from '../../mm/phys-memory.js';
import type { AddressSpace } from '../mm/address-space.js';
import { PROT_EXEC, PROT_READ } from '../mm/vma.js';

export const SIGTRAMP_SOURCE = `// [vdso] (AArch64): the signal return trampoline
.text
.global __kernel_rt_sigreturn
__kernel_rt_sigreturn:
    mov x8, #139                            // __NR_rt_sigreturn
    svc #0
`;

/** One frame holding the trampoline, shared read-only by every process. */
export function sigtrampFrame(mem: PhysicalMemory): number {
  const r = assembleArm64(SIGTRAMP_SOURCE, { fileName: 'sigreturn.S' });
  const text = r.ok ? r.image.sections.find((s) => s.name === '.text') : undefined;
  if (!text) throw new Error('the arm64 sigreturn trampoline does not assemble');
  const frame = mem.allocFrame();
  mem.bytes.set(text.bytes, frame);
  return frame;
}

/** Map [vdso] below the mmap base, as exec does. */
export function mapSigtramp(mm: AddressSpace, frame: number): void {
  const base = mm.vmas.findFreeTopDown(PAGE_SIZE, mm.mmapBase, 0x10000);
  if (base === null) throw new Error('no room for the vDSO');
  mm.vmas.insert({ start: base, end: base + PAGE_SIZE, prot: PROT_READ | PROT_EXEC, shared: false, growsDown: false, name: '[vdso]', backing: null, special: true });
  mm.port.map(mm.root, base, frame, { read: true, write: false, exec: true, user: true });
}

/** Where this process's trampoline is (fork copies the VMA, so look it up by name). */
export function sigtrampAddress(mm: AddressSpace): bigint | null {
  const vma = mm.vmas.areas.find((v) => v.name === '[vdso]');
  return vma ? BigInt(vma.start) : null;
}
