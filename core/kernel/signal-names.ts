// Signal numbers, names, default actions and si_code names.
// x86-64 and arm64 both use the asm-generic numbering for 1..31 (arch/x86 keeps the
// same values), so one table serves both arches. Default actions: signal(7).
// si_code values: include/uapi/asm-generic/siginfo.h.

import type { Arch } from '../trace/events.js';

export const SIGHUP = 1;
export const SIGINT = 2;
export const SIGQUIT = 3;
export const SIGILL = 4;
export const SIGTRAP = 5;
export const SIGABRT = 6;
export const SIGBUS = 7;
export const SIGFPE = 8;
export const SIGKILL = 9;
export const SIGUSR1 = 10;
export const SIGSEGV = 11;
export const SIGUSR2 = 12;
export const SIGPIPE = 13;
export const SIGALRM = 14;
export const SIGTERM = 15;
export const SIGSTKFLT = 16;
export const SIGCHLD = 17;
export const SIGCONT = 18;
export const SIGSTOP = 19;
export const SIGTSTP = 20;
export const SIGTTIN = 21;
export const SIGTTOU = 22;
export const SIGURG = 23;
export const SIGXCPU = 24;
export const SIGXFSZ = 25;
export const SIGVTALRM = 26;
export const SIGPROF = 27;
export const SIGWINCH = 28;
export const SIGIO = 29;
export const SIGPWR = 30;
export const SIGSYS = 31;
/** Kernel's first real-time signal (asm SIGRTMIN). glibc reserves 32..33 and reports 34 as SIGRTMIN. */
export const SIGRTMIN = 32;
/** _NSIG is 64 on both arches: signals 1..64. */
export const SIGRTMAX = 64;
export const NSIG = 64;

/** signal(7) "Action" column. */
export type SignalDefaultAction = 'Term' | 'Core' | 'Ign' | 'Stop' | 'Cont';

const SIGNALS: ReadonlyArray<readonly [number, string, SignalDefaultAction]> = [
  [SIGHUP, 'SIGHUP', 'Term'],
  [SIGINT, 'SIGINT', 'Term'],
  [SIGQUIT, 'SIGQUIT', 'Core'],
  [SIGILL, 'SIGILL', 'Core'],
  [SIGTRAP, 'SIGTRAP', 'Core'],
  [SIGABRT, 'SIGABRT', 'Core'],
  [SIGBUS, 'SIGBUS', 'Core'],
  [SIGFPE, 'SIGFPE', 'Core'],
  [SIGKILL, 'SIGKILL', 'Term'],
  [SIGUSR1, 'SIGUSR1', 'Term'],
  [SIGSEGV, 'SIGSEGV', 'Core'],
  [SIGUSR2, 'SIGUSR2', 'Term'],
  [SIGPIPE, 'SIGPIPE', 'Term'],
  [SIGALRM, 'SIGALRM', 'Term'],
  [SIGTERM, 'SIGTERM', 'Term'],
  [SIGSTKFLT, 'SIGSTKFLT', 'Term'],
  [SIGCHLD, 'SIGCHLD', 'Ign'],
  [SIGCONT, 'SIGCONT', 'Cont'],
  [SIGSTOP, 'SIGSTOP', 'Stop'],
  [SIGTSTP, 'SIGTSTP', 'Stop'],
  [SIGTTIN, 'SIGTTIN', 'Stop'],
  [SIGTTOU, 'SIGTTOU', 'Stop'],
  [SIGURG, 'SIGURG', 'Ign'],
  [SIGXCPU, 'SIGXCPU', 'Core'],
  [SIGXFSZ, 'SIGXFSZ', 'Core'],
  [SIGVTALRM, 'SIGVTALRM', 'Term'],
  [SIGPROF, 'SIGPROF', 'Term'],
  [SIGWINCH, 'SIGWINCH', 'Ign'],
  [SIGIO, 'SIGIO', 'Term'],
  [SIGPWR, 'SIGPWR', 'Term'],
  [SIGSYS, 'SIGSYS', 'Core'],
];

const NAME_BY_NUMBER = new Map<number, string>(SIGNALS.map(([n, name]) => [n, name]));
const ACTION_BY_NUMBER = new Map<number, SignalDefaultAction>(SIGNALS.map(([n, , a]) => [n, a]));
const NUMBER_BY_NAME = new Map<string, number>(SIGNALS.map(([n, name]) => [name, n]));

/**
 * strace's name for a signal: `SIGSEGV`, `SIGRTMIN` for 32, `SIGRT_<n>` for 33..64,
 * null outside 1..64. The arch is accepted for symmetry; the numbering is shared.
 */
export function signalName(signo: number, _arch: Arch = 'x86_64'): string | null {
  if (signo === SIGRTMIN) return 'SIGRTMIN';
  if (signo > SIGRTMIN && signo <= SIGRTMAX) return `SIGRT_${signo - SIGRTMIN}`;
  return NAME_BY_NUMBER.get(signo) ?? null;
}

/** Number for `SIGSEGV` / `SEGV` / `SIGRTMIN` / `SIGRT_3`; null if unknown. */
export function signalNumber(name: string): number | null {
  const full = name.startsWith('SIG') ? name : `SIG${name}`;
  if (full === 'SIGRTMIN') return SIGRTMIN;
  const rt = /^SIGRT_(\d+)$/.exec(full);
  if (rt) {
    const n = SIGRTMIN + Number(rt[1]);
    return n <= SIGRTMAX ? n : null;
  }
  return NUMBER_BY_NAME.get(SIGNAL_ALIASES[full] ?? full) ?? null;
}

/** Other spellings glibc uses for the same numbers; strace prints the right-hand name. */
const SIGNAL_ALIASES: Readonly<Record<string, string>> = { SIGPOLL: 'SIGIO', SIGIOT: 'SIGABRT', SIGCLD: 'SIGCHLD' };

/** Default disposition per signal(7); real-time signals terminate. */
export function signalDefaultAction(signo: number): SignalDefaultAction {
  if (signo >= SIGRTMIN && signo <= SIGRTMAX) return 'Term';
  const a = ACTION_BY_NUMBER.get(signo);
  if (a === undefined) throw new RangeError(`no such signal ${signo}`);
  return a;
}

/** SIGKILL and SIGSTOP cannot be caught, blocked or ignored (signal(7)). */
export function signalIsUncatchable(signo: number): boolean {
  return signo === SIGKILL || signo === SIGSTOP;
}

// si_code values (asm-generic/siginfo.h). Codes <= 0 and SI_KERNEL are generic;
// positive codes are per-signal.
export const SI_USER = 0;
export const SI_KERNEL = 0x80;
export const SI_QUEUE = -1;
export const SI_TIMER = -2;
export const SI_MESGQ = -3;
export const SI_ASYNCIO = -4;
export const SI_SIGIO = -5;
export const SI_TKILL = -6;
export const SI_DETHREAD = -7;
export const SI_ASYNCNL = -60;

export const ILL_ILLOPC = 1;
export const ILL_ILLOPN = 2;
export const ILL_ILLADR = 3;
export const ILL_ILLTRP = 4;
export const ILL_PRVOPC = 5;
export const ILL_PRVREG = 6;
export const ILL_COPROC = 7;
export const ILL_BADSTK = 8;
export const FPE_INTDIV = 1;
export const FPE_INTOVF = 2;
export const FPE_FLTDIV = 3;
export const FPE_FLTOVF = 4;
export const FPE_FLTUND = 5;
export const FPE_FLTRES = 6;
export const FPE_FLTINV = 7;
export const FPE_FLTSUB = 8;
export const SEGV_MAPERR = 1;
export const SEGV_ACCERR = 2;
export const SEGV_BNDERR = 3;
export const SEGV_PKUERR = 4;
export const BUS_ADRALN = 1;
export const BUS_ADRERR = 2;
export const BUS_OBJERR = 3;
export const TRAP_BRKPT = 1;
export const TRAP_TRACE = 2;
export const TRAP_BRANCH = 3;
export const TRAP_HWBKPT = 4;
export const CLD_EXITED = 1;
export const CLD_KILLED = 2;
export const CLD_DUMPED = 3;
export const CLD_TRAPPED = 4;
export const CLD_STOPPED = 5;
export const CLD_CONTINUED = 6;
export const POLL_IN = 1;
export const POLL_OUT = 2;
export const POLL_MSG = 3;
export const POLL_ERR = 4;
export const POLL_PRI = 5;
export const POLL_HUP = 6;
export const SYS_SECCOMP = 1;

const GENERIC_CODES = new Map<number, string>([
  [SI_USER, 'SI_USER'],
  [SI_KERNEL, 'SI_KERNEL'],
  [SI_QUEUE, 'SI_QUEUE'],
  [SI_TIMER, 'SI_TIMER'],
  [SI_MESGQ, 'SI_MESGQ'],
  [SI_ASYNCIO, 'SI_ASYNCIO'],
  [SI_SIGIO, 'SI_SIGIO'],
  [SI_TKILL, 'SI_TKILL'],
  [SI_DETHREAD, 'SI_DETHREAD'],
  [SI_ASYNCNL, 'SI_ASYNCNL'],
]);

const PER_SIGNAL_CODES = new Map<number, readonly string[]>([
  [SIGILL, ['ILL_ILLOPC', 'ILL_ILLOPN', 'ILL_ILLADR', 'ILL_ILLTRP', 'ILL_PRVOPC', 'ILL_PRVREG', 'ILL_COPROC', 'ILL_BADSTK', 'ILL_BADIADDR']],
  [SIGFPE, ['FPE_INTDIV', 'FPE_INTOVF', 'FPE_FLTDIV', 'FPE_FLTOVF', 'FPE_FLTUND', 'FPE_FLTRES', 'FPE_FLTINV', 'FPE_FLTSUB']],
  [SIGSEGV, ['SEGV_MAPERR', 'SEGV_ACCERR', 'SEGV_BNDERR', 'SEGV_PKUERR', 'SEGV_ACCADI', 'SEGV_ADIDERR', 'SEGV_ADIPERR', 'SEGV_MTEAERR', 'SEGV_MTESERR']],
  [SIGBUS, ['BUS_ADRALN', 'BUS_ADRERR', 'BUS_OBJERR', 'BUS_MCEERR_AR', 'BUS_MCEERR_AO']],
  [SIGTRAP, ['TRAP_BRKPT', 'TRAP_TRACE', 'TRAP_BRANCH', 'TRAP_HWBKPT', 'TRAP_UNK']],
  [SIGCHLD, ['CLD_EXITED', 'CLD_KILLED', 'CLD_DUMPED', 'CLD_TRAPPED', 'CLD_STOPPED', 'CLD_CONTINUED']],
  [SIGIO, ['POLL_IN', 'POLL_OUT', 'POLL_MSG', 'POLL_ERR', 'POLL_PRI', 'POLL_HUP']],
  [SIGSYS, ['SYS_SECCOMP', 'SYS_USER_DISPATCH']],
]);

/** `SEGV_MAPERR` for (SIGSEGV, 1), `SI_KERNEL` for any signal with 0x80; null if unnamed. */
export function siCodeName(signo: number, code: number): string | null {
  const generic = GENERIC_CODES.get(code);
  if (generic !== undefined) return generic;
  if (code <= 0) return null;
  // FPE_FLTUNK 14 and FPE_CONDTRAP 15 sit past the dense range.
  if (signo === SIGFPE && code === 14) return 'FPE_FLTUNK';
  if (signo === SIGFPE && code === 15) return 'FPE_CONDTRAP';
  return PER_SIGNAL_CODES.get(signo)?.[code - 1] ?? null;
}
