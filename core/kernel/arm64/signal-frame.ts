// The arm64 rt_sigframe (arch/arm64/kernel/signal.c): siginfo, then a ucontext whose
// uc_mcontext is struct sigcontext (fault_address, x0-x30, sp, pc, pstate and a 4 KiB
// __reserved area for FP/SIMD records), then a frame record {fp, lr}. The handler
// is entered with x0 = signo, x1 = &info, x2 = &uc, x30 = the sigreturn trampoline.

import type { RestoredFrame, SignalStack } from '../kernel-arch.js';
import type { AddressSpace } from '../mm/address-space.js';
import { encodeSiginfo, type SigFrameInfo } from '../x86_64/signal-frame.js';
import type { Arm64PtRegs } from './pt-regs.js';

const SIGINFO_SIZE = 128;
const UC_OFF = SIGINFO_SIZE;
// struct ucontext (arch/arm64/include/uapi/asm/ucontext.h): uc_flags 8, uc_link 8,
// uc_stack 24, uc_sigmask 8 + 120 bytes of room for a larger sigset, then the
// 16-byte aligned mcontext.
const UC_STACK = 16;
const UC_SIGMASK = 40;
const UC_MCONTEXT = 176;
const SC_FAULT_ADDRESS = 0;
const SC_REGS = 8;
const SC_SP = 256;
const SC_PC = 264;
const SC_PSTATE = 272;
/** __reserved[4096] starts 16-byte aligned; no FP/SIMD state here, so it holds only the terminating null header. */
const SC_RESERVED = 288;
const SC_SIZE = SC_RESERVED + 4096;
export const RT_SIGFRAME_SIZE = UC_OFF + UC_MCONTEXT + SC_SIZE;
/** Where strace finds the mask rt_sigreturn restores, relative to the sp it is called with. */
export const SIGFRAME_MASK_OFFSET = UC_OFF + UC_SIGMASK;
/** PSTATE bits user mode may set through sigreturn: NZCV (valid_user_regs keeps the rest). */
const PSTATE_USER_MASK = 0xf0000000n;

/**
 * Builds the frame (get_sigframe + setup_rt_frame): below the interrupted SP, or at the
 * alternate stack's top when sigsp() chose it (`stack.altTop`); uc_stack gets the
 * sigaltstack settings (__save_altstack). False when the stack cannot take it.
 */
export function setupArm64Frame(regs: Arm64PtRegs, mm: AddressSpace, info: SigFrameInfo, handler: bigint, trampoline: bigint, oldMask: bigint, faultAddress: bigint, stack: SignalStack): boolean {
  const sp = stack.altTop ?? BigInt.asIntN(64, regs.get('sp'));
  const record = (sp - 16n) & ~15n; // struct frame_record {fp, lr}: the unwinder's link
  const frame = (record - BigInt(RT_SIGFRAME_SIZE)) & ~15n;
  if (frame < 0n) return false; // the stack pointer is not a user address
  const buf = new Uint8Array(Number(record - frame) + 16);
  const v = new DataView(buf.buffer);
  buf.set(encodeSiginfo(info), 0);
  buf.set(stack.ucStack, UC_OFF + UC_STACK);
  v.setBigUint64(UC_OFF + UC_SIGMASK, oldMask, true);
  const sc = UC_OFF + UC_MCONTEXT;
  v.setBigUint64(sc + SC_FAULT_ADDRESS, faultAddress, true);
  for (let i = 0; i < 31; i++) v.setBigUint64(sc + SC_REGS + i * 8, regs.x(i), true);
  v.setBigUint64(sc + SC_SP, regs.get('sp'), true);
  v.setBigUint64(sc + SC_PC, regs.get('pc'), true);
  v.setBigUint64(sc + SC_PSTATE, regs.get('pstate'), true);
  const rec = Number(record - frame);
  v.setBigUint64(rec, regs.x(29), true);
  v.setBigUint64(rec + 8, regs.x(30), true);
  if (!mm.writeUncharged(Number(frame), buf)) return false;
  regs.setX(0, BigInt(info.signo));
  regs.setX(1, BigInt.asUintN(64, frame));
  regs.setX(2, BigInt.asUintN(64, frame + BigInt(UC_OFF)));
  regs.setX(29, BigInt.asUintN(64, record));
  regs.setX(30, trampoline);
  regs.set('sp', BigInt.asUintN(64, frame));
  regs.set('pc', handler);
  return true;
}

/** rt_sigreturn: the frame is at sp; restore x0-x30, sp, pc, NZCV, and hand back the mask and uc_stack. */
export function restoreArm64Frame(regs: Arm64PtRegs, mm: AddressSpace): RestoredFrame | null {
  const frame = BigInt.asIntN(64, regs.get('sp'));
  if ((frame & 15n) !== 0n) return null; // restore_sigframe: a misaligned sp is a bad frame
  const buf = mm.readUncharged(Number(frame), UC_OFF + UC_MCONTEXT + SC_RESERVED);
  if (!buf) return null;
  const v = new DataView(buf.buffer, buf.byteOffset);
  const sc = UC_OFF + UC_MCONTEXT;
  for (let i = 0; i < 31; i++) regs.setX(i, v.getBigUint64(sc + SC_REGS + i * 8, true));
  regs.set('sp', v.getBigUint64(sc + SC_SP, true));
  regs.set('pc', v.getBigUint64(sc + SC_PC, true));
  regs.set('pstate', v.getBigUint64(sc + SC_PSTATE, true) & PSTATE_USER_MASK);
  regs.syscallno = -1; // no syscall restart after sigreturn (forget_syscall)
  // restore_altstack() runs on uc_stack next (the generic sigreturn does it).
  return { mask: v.getBigUint64(UC_OFF + UC_SIGMASK, true), ret: regs.x(0), ucStack: buf.slice(UC_OFF + UC_STACK, UC_OFF + UC_STACK + 24) };
}
