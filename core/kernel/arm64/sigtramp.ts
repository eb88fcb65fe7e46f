// The signal return trampoline: Linux arm64 sets x30 to the vDSO's
// __kernel_rt_sigreturn when a handler was installed without SA_RESTORER
// (arch/arm64/kernel/vdso/sigreturn.S). It lives in the one [vdso] image exec maps
// (core/kernel/vdso/arm64-vdso-source.ts), so its address follows the vDSO's.

import { ARM64_VDSO_SIGRETURN } from '../vdso/arm64-vdso-source.js';
import { arm64VdsoImage } from '../vdso/arm64-vdso-image.js';
import type { AddressSpace } from '../mm/address-space.js';

/** Where this process's trampoline is (fork copies vdsoBase), or null before exec mapped the vDSO. */
export function sigtrampAddress(mm: AddressSpace): bigint | null {
  if (mm.vdsoBase === 0) return null;
  return BigInt(mm.vdsoBase + arm64VdsoImage().symbols.get(ARM64_VDSO_SIGRETURN)!);
}
