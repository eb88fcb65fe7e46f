// Model-specific registers (SDM Vol 4). FS/GS bases are mirrored as numbers because
// every FS/GS-relative access adds them; the rest are kept as bigint, and the fields
// SYSCALL/SYSRET read on every system call also as numbers (sceOn, starHi...).

import { X86Fault, VEC_GP } from '../../mm/x86-64/fault.js';
import {
  EFER_LMA,
  EFER_LME,
  EFER_NXE,
  EFER_SCE,
  IA32_CSTAR,
  IA32_EFER,
  IA32_FMASK,
  IA32_FS_BASE,
  IA32_GS_BASE,
  IA32_KERNEL_GS_BASE,
  IA32_LSTAR,
  IA32_STAR,
  IA32_TSC_AUX,
} from './registers.js';

export interface MsrOwner {
  syncPagingControls(): void;
}

function canonical(v: bigint): boolean {
  const s = BigInt.asIntN(64, v);
  return s >= -0x800000000000n && s < 0x800000000000n;
}

export class MsrFile {
  private eferNow = BigInt(EFER_SCE | EFER_LME | EFER_LMA | EFER_NXE);
  private starNow = 0n;
  private lstarNow = 0n;
  private fmaskNow = 0n;
  /** EFER.SCE: SYSCALL/SYSRET enabled. */
  sceOn = true;
  /** STAR[47:32] (SYSCALL CS) and STAR[63:48] (SYSRET CS base). */
  starSyscallCs = 0;
  starSysretCs = 0;
  /** LSTAR as a signed number (it is canonical). Starts as a double: see the constructor. */
  lstarNum = 0.5;
  /** FMASK's low 32 bits. */
  fmaskNum = 0;
  cstar = 0n;
  tscAux = 0n;
  /** Signed canonical numbers. */
  fsBase = 0.5;
  gsBase = 0.5;
  kernelGsBase = 0.5;

  constructor(private readonly owner: MsrOwner) {
    // Kernel-half addresses are beyond V8's small integers: fields that began as one
    // would box every store after that. First stored as doubles, they stay doubles.
    this.lstarNum = 0;
    this.fsBase = 0;
    this.gsBase = 0;
    this.kernelGsBase = 0;
  }

  get efer(): bigint {
    return this.eferNow;
  }

  set efer(v: bigint) {
    this.eferNow = v;
    this.sceOn = (v & BigInt(EFER_SCE)) !== 0n;
  }

  get star(): bigint {
    return this.starNow;
  }

  set star(v: bigint) {
    this.starNow = v;
    this.starSyscallCs = Number((v >> 32n) & 0xffffn);
    this.starSysretCs = Number((v >> 48n) & 0xffffn);
  }

  get lstar(): bigint {
    return this.lstarNow;
  }

  set lstar(v: bigint) {
    this.lstarNow = v;
    this.lstarNum = Number(BigInt.asIntN(64, v));
  }

  get fmask(): bigint {
    return this.fmaskNow;
  }

  set fmask(v: bigint) {
    this.fmaskNow = v;
    this.fmaskNum = Number(v & 0xffffffffn);
  }

  /** undefined for an MSR this CPU does not implement (RDMSR then raises #GP(0)). */
  read(index: number): bigint | undefined {
    switch (index) {
      case IA32_EFER:
        return this.efer;
      case IA32_STAR:
        return this.star;
      case IA32_LSTAR:
        return this.lstar;
      case IA32_CSTAR:
        return this.cstar;
      case IA32_FMASK:
        return this.fmask;
      case IA32_TSC_AUX:
        return this.tscAux;
      case IA32_FS_BASE:
        return BigInt.asUintN(64, BigInt(this.fsBase));
      case IA32_GS_BASE:
        return BigInt.asUintN(64, BigInt(this.gsBase));
      case IA32_KERNEL_GS_BASE:
        return BigInt.asUintN(64, BigInt(this.kernelGsBase));
      default:
        return undefined;
    }
  }

  /** WRMSR semantics: unknown MSR or a non-canonical address → #GP(0) (SDM Vol 2B WRMSR). */
  write(index: number, value: bigint): void {
    const v = BigInt.asUintN(64, value);
    switch (index) {
      case IA32_EFER:
        // LMA is read-only and stays set: this CPU only runs in 64-bit mode.
        this.efer = (v & BigInt(EFER_SCE | EFER_LME | EFER_NXE)) | BigInt(EFER_LMA);
        this.owner.syncPagingControls();
        return;
      case IA32_STAR:
        this.star = v;
        return;
      case IA32_LSTAR:
      case IA32_CSTAR:
        if (!canonical(v)) throw new X86Fault(VEC_GP, 0);
        if (index === IA32_LSTAR) this.lstar = v;
        else this.cstar = v;
        return;
      case IA32_FMASK:
        this.fmask = v & 0xffffffffn;
        return;
      case IA32_TSC_AUX:
        this.tscAux = v & 0xffffffffn;
        return;
      case IA32_FS_BASE:
      case IA32_GS_BASE:
      case IA32_KERNEL_GS_BASE: {
        if (!canonical(v)) throw new X86Fault(VEC_GP, 0);
        const n = Number(BigInt.asIntN(64, v));
        if (index === IA32_FS_BASE) this.fsBase = n;
        else if (index === IA32_GS_BASE) this.gsBase = n;
        else this.kernelGsBase = n;
        return;
      }
      default:
        throw new X86Fault(VEC_GP, 0);
    }
  }
}
