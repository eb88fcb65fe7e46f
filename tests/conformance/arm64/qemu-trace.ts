// Putting `qemu-aarch64 -strace` lines and the emulator's strace-format lines into
// one comparable form. qemu prints pointers as hex and no buffer contents, errors as
// `-1 errno=14 (Bad address)`, no result for exit, and unknown numbers as
// `Unknown syscall 999`; strace prints strings, `-1 EFAULT (Bad address)` and `= ?`.
// So a call compares by name and result, a signal by name, si_code (as a number) and
// si_addr, and addresses outside the program image (stack, mmap: their placement is
// each loader's own choice) become ADDR.
//
//   call    `write = 17`, `read = -14`, `brk = ADDR`, `exit = ?`, `syscall_999 = ?`,
//           `getpid = PID` (pids are the host's under qemu), `nanosleep = INTERRUPTED`
//           (strace's `? ERESTART...`, qemu's EINTR or errno=512..516), `rt_sigreturn = RESTORED`
//   signal  `--- SIGSEGV code=1 addr=0x0 ---`
//   exit lines (`+++ ... +++`) are dropped: the exit status is compared on its own.

import { errnoName } from '../../../core/kernel/errno.js';

export interface TraceNormalizeOptions {
  /** The program was linked by our own linker: image addresses become IMAGE. */
  hideImageAddresses: boolean;
  /** Signal fields where qemu-user is known to differ from Linux (see the program header). */
  ignore: readonly ('si_code' | 'si_addr')[];
}

const ERRNO_BY_NAME = new Map<string, number>();
for (let n = 1; n < 200; n++) {
  const name = errnoName(n);
  if (name !== null && !ERRNO_BY_NAME.has(name)) ERRNO_BY_NAME.set(name, n);
}

// include/uapi/asm-generic/siginfo.h
const SI_CODES: Record<string, number> = {
  SI_USER: 0, SI_KERNEL: 0x80, SI_TKILL: -6, SEGV_MAPERR: 1, SEGV_ACCERR: 2, ILL_ILLOPC: 1, ILL_ILLOPN: 2, ILL_PRVOPC: 5,
  BUS_ADRALN: 1, BUS_ADRERR: 2, TRAP_BRKPT: 1, FPE_INTDIV: 1, CLD_EXITED: 1, CLD_KILLED: 2,
};

const PID_RESULTS = new Set(['getpid', 'getppid', 'gettid', 'set_tid_address']);

function address(text: string, opts: TraceNormalizeOptions): string {
  if (text === 'NULL') return '0x0';
  const v = BigInt(text);
  if (v === 0n) return '0x0';
  if (v >= 0x400000n && v < 0x10000000n) return opts.hideImageAddresses ? 'IMAGE' : `0x${v.toString(16)}`;
  if (v >= 0x10000000n && v < 0x1000000000000n) return 'ADDR';
  return `0x${v.toString(16)}`;
}

function result(text: string): string {
  const t = text.trim();
  if (t === '' || t === '?') return '?';
  // A call a signal cut short: strace shows the kernel-internal ERESTART* code, qemu the EINTR it
  // became, or (for a call it re-runs, SA_RESTART) the ERESTART* code itself as errno=512..516.
  if (/^\? ERESTART|^-1 EINTR|^-1 errno=(4|51[2-6]) /.test(t)) return 'INTERRUPTED';
  const qemuErr = /^-1 errno=(\d+)/.exec(t);
  if (qemuErr) return `-${qemuErr[1]}`;
  const straceErr = /^-1 (E[A-Z0-9]+)/.exec(t);
  if (straceErr) return `-${ERRNO_BY_NAME.get(straceErr[1]!) ?? straceErr[1]}`;
  if (/^0x[0-9a-f]+/.test(t)) return 'ADDR';
  return t.split(' ')[0]!;
}

function signal(line: string, opts: TraceNormalizeOptions): string | null {
  const m = /^--- (SIG[A-Z0-9]+) \{(.*)\} ---$/.exec(line);
  if (!m) return null;
  const fields = new Map(m[2]!.split(', ').map((f) => f.split('=') as [string, string]));
  const codeText = fields.get('si_code') ?? '';
  const code = /^-?\d+$/.test(codeText) ? Number(codeText) : (SI_CODES[codeText] ?? codeText);
  const parts = [`--- ${m[1]}`];
  if (!opts.ignore.includes('si_code')) parts.push(`code=${code}`);
  const addr = fields.get('si_addr');
  if (addr !== undefined && !opts.ignore.includes('si_addr')) parts.push(`addr=${address(addr, opts)}`);
  return `${parts.join(' ')} ---`;
}

/** One trace line (qemu or strace format) in the shared form, or null when it is not compared. */
export function normalizeLine(raw: string, opts: TraceNormalizeOptions): string | null {
  const line = raw.replace(/^\d+ /, '').trim();
  if (line.startsWith('+++ ')) return null;
  if (line.startsWith('--- ')) return signal(line, opts);
  const unknown = /^Unknown syscall (\d+)$/.exec(line) ?? /^syscall_0x([0-9a-f]+)\(/.exec(line);
  if (unknown) return `syscall_${line.startsWith('Unknown') ? unknown[1] : parseInt(unknown[1]!, 16)} = ?`;
  const call = /^([a-z_0-9]+)\(/.exec(line);
  if (!call) return null;
  // The result follows the argument list's closing parenthesis: the last ") = " on the line.
  const at = line.lastIndexOf(') = ');
  // Process ids are the host's under qemu and the emulator's own otherwise.
  if (PID_RESULTS.has(call[1]!)) return `${call[1]} = PID`;
  // rt_sigreturn "returns" the restored x0; qemu prints its internal -513 instead.
  if (call[1] === 'rt_sigreturn') return 'rt_sigreturn = RESTORED';
  return `${call[1]} = ${at < 0 ? '?' : result(line.slice(at + 4))}`;
}

export function normalizeArm64Trace(lines: readonly string[], opts: TraceNormalizeOptions): string[] {
  return lines.map((l) => normalizeLine(l, opts)).filter((l): l is string => l !== null);
}

/** qemu's -strace output on stderr: call lines carry a pid prefix, signal lines do not. */
export function qemuTraceLines(stderr: string): string[] {
  // A call is printed before it runs and its result after, so anything the guest wrote to
  // stderr in between would land mid-line; the programs here only write to stdout.
  return stderr.split('\n').filter((l) => /^\d+ /.test(l) || l.startsWith('--- '));
}
