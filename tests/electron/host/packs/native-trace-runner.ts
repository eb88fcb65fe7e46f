// A LabRunner built from real references, not from our emulator: the submission is
// assembled with GNU as (via gcc -nostdlib -static) and run natively under
// `strace -i` (x86-64) or under `qemu-aarch64 -strace` (arm64). strace lines become
// RunEvents; `-i` gives the user RIP at entry, which the kernel saved from rcx
// (entry_SYSCALL_64 pushes rcx as pt_regs->ip), and objdump supplies the address
// of the instruction after each `syscall` as the fact checks compare against.

import { execFile, spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { RunEvent } from '../../../../core/trace/events.js';
import type { LabRunRequest, RunOutcome } from '../../../../electron/host/packs/lab-runner.js';

const run = promisify(execFile);
const ERRNO: Record<string, number> = { ERESTARTSYS: 512, ERESTARTNOINTR: 513, ERESTARTNOHAND: 514, ERESTART_RESTARTBLOCK: 516, EINTR: 4, EFAULT: 14, EBADF: 9, EAGAIN: 11, EINVAL: 22, ENOSYS: 38 };
const SIGNO: Record<string, number> = { SIGALRM: 14, SIGUSR1: 10, SIGSEGV: 11, SIGTERM: 15, SIGINT: 2 };

export interface NativeRunOptions {
  /** Keep stdin open (and empty) this long, so a read blocks; then close it. */
  stdinOpenMs?: number;
}

export function nativeTraceRunner(opts: NativeRunOptions = {}) {
  return async (req: LabRunRequest): Promise<RunOutcome> => {
    const dir = await mkdtemp(join(tmpdir(), 'native-run-'));
    try {
      const src = join(dir, req.fileName);
      const exe = join(dir, 'prog');
      await writeFile(src, req.source);
      const gcc = req.arch === 'x86_64' ? 'gcc' : 'aarch64-linux-gnu-gcc';
      await run(gcc, ['-nostdlib', '-static', '-o', exe, src]);
      if (req.arch === 'x86_64') {
        const traceFile = join(dir, 'trace.txt');
        const res = await execute('strace', ['-i', '-o', traceFile, exe], opts);
        const { events } = parseStrace(await readFile(traceFile, 'utf8'), 'x86_64');
        const facts = await addressFacts(exe);
        return { events, exitStatus: res.status, termSignal: res.signal, stdout: res.stdout, stderr: res.stderr, facts };
      }
      const res = await execute('qemu-aarch64', ['-strace', exe], opts);
      const traceLines = res.stderr.split('\n').filter((l) => /^\d+ /.test(l));
      const stderr = res.stderr.split('\n').filter((l) => l !== '' && !/^\d+ /.test(l)).join('\n');
      const { events } = parseStrace(traceLines.map((l) => l.replace(/^\d+ /, '')).join('\n'), 'arm64');
      return { events, exitStatus: res.status, termSignal: res.signal, stdout: res.stdout, stderr, facts: {} };
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  };
}

function execute(cmd: string, args: string[], opts: NativeRunOptions): Promise<{ status: number | null; signal: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const timer = setTimeout(() => child.stdin.end(), opts.stdinOpenMs ?? 0);
    child.on('error', reject);
    child.on('close', (code, sig) => {
      clearTimeout(timer);
      // strace reports the tracee's death by signal as its own exit status 128+N.
      const signal = sig ? (SIGNO[sig] ?? null) : null;
      resolve({ status: signal === null ? code : null, signal, stdout, stderr });
    });
  });
}

/**
 * strace/qemu lines → RunEvents, in trace order, as the emulator emits them: an
 * interrupted call is `= ? ERESTARTSYS` (ret -512), then the signal, then
 * `rt_sigreturn(...) = -1 EINTR`. Grading's visibleEvents() does the rest.
 */
export function parseStrace(text: string, arch: 'x86_64' | 'arm64'): { events: RunEvent[] } {
  const events: RunEvent[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.replace(/^\[[0-9a-f?]+\] /, '');
    const ip = /^\[([0-9a-f]+)\] /.exec(raw)?.[1];
    const sig = /^--- (SIG[A-Z0-9]+) \{/.exec(line);
    if (sig && sig[1]) {
      const name = sig[1];
      events.push({ type: 'signal', pid: 1, tid: 1, signo: SIGNO[name] ?? 0, name, code: 'SI_KERNEL', addr: null, disposition: 'handler', line });
      continue;
    }
    const exit = /^\+\+\+ exited with (\d+) \+\+\+/.exec(line);
    if (exit) {
      events.push({ type: 'exit', pid: 1, status: Number(exit[1]), signal: null, line });
      continue;
    }
    const call = /^(\w+)\((.*)\)\s*=\s*(\?|-?\d+|0x[0-9a-f]+)(?:\s+(E[A-Z]+)|\s+errno=(\d+))?/.exec(line);
    if (!call || !call[1] || call[1] === 'execve') continue;
    const [, name, argText = '', retText = '?', errnoName, errnoNum] = call;
    const errno = errnoName ?? (errnoNum === '4' ? 'EINTR' : null);
    const ret = errno ? -(ERRNO[errno] ?? 1) : retText === '?' ? 0 : Number(retText);
    const ev: RunEvent & { type: 'syscall' } = {
      type: 'syscall', pid: 1, tid: 1, arch, via: arch === 'x86_64' ? 'syscall' : 'svc', nr: -1, name,
      args: splitArgs(argText), ret, errno: errno ?? null, line, entryRegs: ip ? { rcx: `0x${BigInt(`0x${ip}`).toString(16)}` } : {},
      returnAddress: ip ? `0x${BigInt(`0x${ip}`).toString(16)}` : '0x0',
      interrupted: errno !== null && /^(EINTR|ERESTART)/.test(errno), restarted: errno !== null && errno.startsWith('ERESTART'), cycles: 0,
    };
    events.push(ev);
  }
  return { events };
}

function splitArgs(text: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let quoted = false;
  let cur = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (quoted) {
      cur += c;
      if (c === '\\') cur += text[++i] ?? '';
      else if (c === '"') quoted = false;
    } else if (c === '"') {
      quoted = true;
      cur += c;
    } else if (c === '{' || c === '[' || c === '(') {
      depth++;
      cur += c;
    } else if (c === '}' || c === ']' || c === ')') {
      depth--;
      cur += c;
    } else if (c === ',' && depth === 0) {
      out.push(cur.trim());
      cur = '';
    } else cur += c;
  }
  if (cur.trim()) out.push(cur.trim());
  return out;
}

// x86-64 syscall numbers (arch/x86/entry/syscalls/syscall_64.tbl) for the calls the tests make.
const X86_64_NR: Record<number, string> = { 0: 'read', 1: 'write', 13: 'rt_sigaction', 15: 'rt_sigreturn', 37: 'alarm', 60: 'exit', 231: 'exit_group' };

/**
 * Static analysis, independent of strace: each `syscall` instruction's number comes
 * from the nearest preceding `mov $N,%eax`; the fact for that call's name is the
 * address of the instruction after it (where SYSCALL's saved RIP must point).
 */
export async function addressFacts(exe: string): Promise<Record<string, string>> {
  const { stdout } = await run('objdump', ['-d', exe]);
  const insns: { addr: bigint; text: string }[] = [];
  for (const l of stdout.split('\n')) {
    const m = /^\s+([0-9a-f]+):\t(?:[0-9a-f]{2} )+\s*\t(.*)$/.exec(l);
    if (m && m[1] && m[2] !== undefined) insns.push({ addr: BigInt(`0x${m[1]}`), text: m[2].trim().replace(/\s+/g, ' ') });
  }
  const facts: Record<string, string> = {};
  insns.forEach((insn, i) => {
    if (insn.text !== 'syscall') return;
    for (let k = i - 1; k >= Math.max(0, i - 8); k--) {
      const mov = /^mov \$0x([0-9a-f]+),%eax$/.exec(insns[k]?.text ?? '');
      if (!mov || !mov[1]) continue;
      const name = X86_64_NR[parseInt(mov[1], 16)];
      const next = insns[i + 1];
      if (name && next && facts[`addressAfterSyscall:${name}`] === undefined) facts[`addressAfterSyscall:${name}`] = `0x${next.addr.toString(16)}`;
      break;
    }
  });
  return facts;
}
