// The x86-64 rt_sigframe (arch/x86/include/asm/sigframe.h): the return address
// (sa_restorer), a ucontext with the interrupted registers, then the siginfo.
// rt_sigreturn reads it back, so a handler can return to exactly where it cut in.

import type { AddressSpace } from '../mm/address-space.js';
import type { PtRegs } from './pt-regs.js';

const UC_OFF = 8; // after pretcode
const UC_STACK = 16; // after uc_flags and uc_link
const UC_MCONTEXT = 40; // uc_flags 8, uc_link 8, uc_stack 24
const UC_SIGMASK = UC_MCONTEXT + 256; // struct sigcontext is 256 bytes
const SIGINFO_OFF = UC_OFF + UC_SIGMASK + 8; // ucontext is 304 bytes: siginfo starts at 312
const FRAME_SIZE = SIGINFO_OFF + 128;
const REDZONE = 128;

// struct sigcontext order (arch/x86/include/uapi/asm/sigcontext.h)
const SC_REGS = ['r8', 'r9', 'r10', 'r11', 'r12', 'r13', 'r14', 'r15', 'rdi', 'rsi', 'rbp', 'rbx', 'rdx', 'rax', 'rcx', 'rsp', 'rip', 'eflags'] as const;
const SC_CS = 144;
const SC_ERR = 152;
const SC_TRAPNO = 160;
const SC_OLDMASK = 168;
const SC_CR2 = 176;

const TF = 0x100n;
const DF = 0x400n;
const RF = 0x10000n;
const USER_FLAGS_MASK = 0x40dd5n; // AC | OF | DF | TF | SF | ZF | AF | PF | CF (FIX_EFLAGS)

export interface SigFrameInfo {
  signo: number;
  code: number;
  pid: number;
  uid: number;
  addr: bigint | null;
  errno?: number;
  /** SIGCHLD: exit status or signal (si_status). */
  status?: number;
}

export function encodeSiginfo(info: SigFrameInfo): Uint8Array {
  const b = new Uint8Array(128);
  const v = new DataView(b.buffer);
  v.setInt32(0, info.signo, true);
  v.setInt32(4, info.errno ?? 0, true);
  v.setInt32(8, info.code, true);
  if (info.addr !== null) v.setBigUint64(16, BigInt.asUintN(64, info.addr), true);
  else {
    v.setInt32(16, info.pid, true);
    v.setInt32(20, info.uid, true);
    // SIGCHLD's _sigchld: si_status at 24, si_utime/si_stime at 32/40 (include/uapi/asm-generic/siginfo.h).
    if (info.status !== undefined) v.setInt32(24, info.status, true);
  }
  return b;
}

/** Where the frame goes: the alternate stack's top (SA_ONSTACK), else below the interrupted stack's red zone. */
export interface FrameStack {
  altTop: bigint | null;
  /** uc_stack: the sigaltstack settings to save in the frame (stack_t, 24 bytes). */
  ucStack: Uint8Array;
}

/** Builds the frame (get_sigframe in arch/x86/kernel/signal.c); false if the stack is unwritable. */
export function setupRtFrame(regs: PtRegs, mm: AddressSpace, info: SigFrameInfo, handler: bigint, restorer: bigint, oldMask: bigint, trapno: number, cr2: bigint, stack?: FrameStack): boolean {
  const sp = BigInt.asIntN(64, regs.get('rsp'));
  const top = stack?.altTop ?? sp - BigInt(REDZONE);
  // Align so that (frame + 8) is 16-byte aligned, as if the handler had been called.
  let frame = (top - BigInt(FRAME_SIZE)) & ~15n;
  frame -= 8n;
  const buf = new Uint8Array(FRAME_SIZE);
  const v = new DataView(buf.buffer);
  v.setBigUint64(0, restorer, true);
  if (stack) buf.set(stack.ucStack, UC_OFF + UC_STACK);
  const mc = UC_OFF + UC_MCONTEXT;
  SC_REGS.forEach((r, i) => v.setBigUint64(mc + i * 8, regs.get(r), true));
  v.setUint16(mc + SC_CS, Number(regs.get('cs')), true);
  v.setUint16(mc + SC_CS + 6, Number(regs.get('ss')), true);
  v.setBigUint64(mc + SC_ERR, 0n, true);
  v.setBigUint64(mc + SC_TRAPNO, BigInt(trapno), true);
  v.setBigUint64(mc + SC_OLDMASK, oldMask, true);
  v.setBigUint64(mc + SC_CR2, cr2, true);
  v.setBigUint64(UC_OFF + UC_SIGMASK, oldMask, true);
  buf.set(encodeSiginfo(info), SIGINFO_OFF);
  if (!mm.writeUncharged(Number(frame), buf)) return false;
  regs.set('rsp', BigInt.asUintN(64, frame));
  regs.set('rip', handler);
  regs.set('rdi', BigInt(info.signo));
  regs.set('rsi', BigInt.asUintN(64, frame + BigInt(SIGINFO_OFF)));
  regs.set('rdx', BigInt.asUintN(64, frame + BigInt(UC_OFF)));
  regs.set('rax', 0n);
  regs.set('eflags', regs.get('eflags') & ~(TF | DF | RF));
  regs.set('cs', 0x33n);
  regs.set('ss', 0x2bn);
  return true;
}

/** rt_sigreturn: restore registers and the mask from the frame (plus uc_stack); null if it cannot be read. */
export function restoreRtFrame(regs: PtRegs, mm: AddressSpace): { mask: bigint; rax: bigint; ucStack: Uint8Array } | null {
  const frame = Number(BigInt.asIntN(64, regs.get('rsp'))) - 8; // the handler's ret popped pretcode
  const buf = mm.readUncharged(frame, FRAME_SIZE);
  if (!buf) return null;
  const v = new DataView(buf.buffer);
  const mc = UC_OFF + UC_MCONTEXT;
  SC_REGS.forEach((r, i) => {
    if (r === 'eflags') return;
    regs.set(r, v.getBigUint64(mc + i * 8, true));
  });
  const flags = v.getBigUint64(mc + SC_REGS.indexOf('eflags') * 8, true);
  regs.set('eflags', (regs.get('eflags') & ~USER_FLAGS_MASK) | (flags & USER_FLAGS_MASK));
  regs.set('orig_rax', BigInt.asUintN(64, -1n)); // no syscall restart after sigreturn
  return { mask: v.getBigUint64(UC_OFF + UC_SIGMASK, true), rax: regs.get('rax'), ucStack: buf.slice(UC_OFF + UC_STACK, UC_OFF + UC_STACK + 24) };
}
