// siginfo_t as strace prints it (strace printsiginfo): si_signo and si_code, then
// the union members that code selects — sender pid/uid for user-sent signals (plus
// the sigval for sigqueue), timer id/overrun/sigval for POSIX timers, the child's
// status and times for SIGCHLD, the fault address for SIGSEGV/SIGBUS/SIGILL/SIGFPE.

import { signalName, siCodeName, SI_TIMER, SI_USER, SI_TKILL, SIGCHLD, CLD_EXITED } from '../kernel/signal-names.js';
import { addr, view } from './strace-structs.js';

/** The siginfo fields a `--- SIG... ---` line (or a siginfo argument) shows. */
export interface SignalInfo {
  signo: number;
  code: number;
  /** User-sent signals and SIGCHLD: sender pid and uid. */
  pid?: number;
  uid?: number;
  /** SIGSEGV/SIGBUS/SIGILL/SIGFPE/SIGTRAP: faulting address. */
  addr?: bigint;
  /** SIGCHLD: exit code (CLD_EXITED) or signal number (CLD_KILLED/DUMPED/STOPPED). */
  status?: number;
  utime?: number;
  stime?: number;
  /** sigqueue()/POSIX timer payload (union sigval; si_int is its low 32 bits). */
  value?: bigint;
  /** SI_TIMER: POSIX timer id and overrun count. */
  timerid?: number;
  overrun?: number;
}

const FAULT_SIGNALS = new Set([4, 5, 7, 8, 11]);

/** `{si_signo=SIGSEGV, si_code=SEGV_MAPERR, si_addr=0x1000}`. */
export function formatSiginfo(info: SignalInfo): string {
  const name = signalName(info.signo) ?? String(info.signo);
  const code = siCodeName(info.signo, info.code) ?? String(info.code);
  const fields = [`si_signo=${name}`, `si_code=${code}`];
  const value = info.value ?? 0n;
  const sigval = (): string[] => [`si_int=${BigInt.asIntN(32, value)}`, `si_ptr=${addr(value)}`];
  if (info.code <= 0) {
    if (info.code === SI_TIMER) {
      fields.push(`si_timerid=${info.timerid ?? 0}`, `si_overrun=${info.overrun ?? 0}`, ...sigval());
    } else {
      fields.push(`si_pid=${info.pid ?? 0}`, `si_uid=${info.uid ?? 0}`);
      // SI_QUEUE, SI_MESGQ...: the payload is shown when there is one.
      if (info.code !== SI_USER && info.code !== SI_TKILL && value !== 0n) fields.push(...sigval());
    }
  } else if (info.signo === SIGCHLD) {
    const st = info.status ?? 0;
    // CLD_EXITED carries an exit code; the other CLD_* codes carry a signal.
    const status = info.code === CLD_EXITED ? String(st) : (signalName(st) ?? String(st));
    fields.push(`si_pid=${info.pid ?? 0}`, `si_uid=${info.uid ?? 0}`, `si_status=${status}`);
    fields.push(`si_utime=${info.utime ?? 0}`, `si_stime=${info.stime ?? 0}`);
  } else if (FAULT_SIGNALS.has(info.signo) && (info.addr !== undefined || info.signo !== 5)) {
    fields.push(`si_addr=${addr(info.addr ?? 0n)}`);
  }
  return `{${fields.join(', ')}}`;
}

/** Size of siginfo_t on both arches (SI_MAX_SIZE). */
export const SIGINFO_SIZE = 128;

/** Decode a 64-bit siginfo_t (asm-generic/siginfo.h: signo, errno, code, then the union at 16). */
export function decodeSiginfo(b: Uint8Array): SignalInfo {
  const v = view(b);
  const signo = v.getInt32(0, true);
  const code = v.getInt32(8, true);
  const info: SignalInfo = { signo, code };
  if (code === SI_TIMER) {
    info.timerid = v.getInt32(16, true);
    info.overrun = v.getInt32(20, true);
    info.value = v.getBigUint64(24, true);
  } else if (code <= 0) {
    info.pid = v.getInt32(16, true);
    info.uid = v.getUint32(20, true);
    info.value = v.getBigUint64(24, true);
  } else if (signo === SIGCHLD) {
    info.pid = v.getInt32(16, true);
    info.uid = v.getUint32(20, true);
    info.status = v.getInt32(24, true);
    info.utime = Number(v.getBigInt64(32, true));
    info.stime = Number(v.getBigInt64(40, true));
  } else {
    info.addr = v.getBigUint64(16, true);
  }
  return info;
}
