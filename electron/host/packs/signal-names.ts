// Linux signal numbers; x86_64 and arm64 share the asm-generic numbering
// for all of these (signal(7), arch/x86/include/uapi/asm/signal.h).

export const SIGNAL_NUMBERS: Readonly<Record<string, number>> = {
  SIGHUP: 1, SIGINT: 2, SIGQUIT: 3, SIGILL: 4, SIGTRAP: 5, SIGABRT: 6, SIGBUS: 7, SIGFPE: 8,
  SIGKILL: 9, SIGUSR1: 10, SIGSEGV: 11, SIGUSR2: 12, SIGPIPE: 13, SIGALRM: 14, SIGTERM: 15,
  SIGSTKFLT: 16, SIGCHLD: 17, SIGCONT: 18, SIGSTOP: 19, SIGTSTP: 20, SIGTTIN: 21, SIGTTOU: 22,
  SIGURG: 23, SIGXCPU: 24, SIGXFSZ: 25, SIGVTALRM: 26, SIGPROF: 27, SIGWINCH: 28, SIGIO: 29,
  SIGPWR: 30, SIGSYS: 31,
};

export function signalNumber(sig: string | number): number | null {
  if (typeof sig === 'number') return Number.isInteger(sig) && sig > 0 && sig < 65 ? sig : null;
  if (/^\d+$/.test(sig)) return signalNumber(Number(sig));
  return SIGNAL_NUMBERS[sig] ?? SIGNAL_NUMBERS[`SIG${sig}`] ?? null;
}
