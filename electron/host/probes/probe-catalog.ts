// The fixed set of probes: what each measures, whether it times something,
// and whether the Node fallback set (no C compiler) can stand in for it.

import type { ProbeInfo, ProbeName } from '../../common/probe-types.js';

export const PROBES: readonly ProbeInfo[] = [
  { name: 'null-syscall', hosts: 'any', timing: true, fallback: true, summary: 'raw syscall(SYS_getppid): the bare kernel entry and exit' },
  { name: 'fast-calls', hosts: 'posix', timing: true, fallback: true, summary: 'getpid, getuid, 1-byte read of /dev/zero, 1-byte write to /dev/null' },
  { name: 'vdso-clock', hosts: 'any', timing: true, fallback: true, summary: 'clock_gettime through the vDSO vs through syscall, and gettimeofday' },
  { name: 'read-sweep', hosts: 'any', timing: true, fallback: true, summary: 'read() of a page-cached file, buffers 1 B .. 1 MiB: ns/byte, syscalls/MiB' },
  { name: 'pipe-pingpong', hosts: 'any', timing: true, fallback: true, summary: 'two processes bounce a byte over pipes, one CPU and two CPUs (per switch = round trip / 2)' },
  { name: 'futex-pingpong', hosts: 'any', timing: true, fallback: true, summary: 'two threads hand a turn back and forth with FUTEX_WAIT/FUTEX_WAKE' },
  { name: 'int80', hosts: 'linux', timing: true, fallback: false, summary: 'getpid through int $0x80 (ia32 gate) vs the syscall instruction' },
  { name: 'page-fault', hosts: 'posix', timing: true, fallback: true, summary: 'first touch of fresh anonymous pages: minor faults and ns per fault' },
  { name: 'maps', hosts: 'linux', timing: false, fallback: true, summary: "the probe's own /proc/self/maps regions, auxv and vDSO address" },
  { name: 'aslr', hosts: 'linux', timing: false, fallback: true, summary: 'the maps probe run N times: which regions move, by how much' },
  { name: 'eintr-matrix', hosts: 'linux', timing: false, fallback: false, summary: 'read on a pipe, poll, nanosleep interrupted by SIGALRM, with and without SA_RESTART' },
];

export function listProbes(): ProbeInfo[] {
  return PROBES.map((p) => ({ ...p }));
}

/**
 * Why `name` cannot run on `os` (a process.platform value), or null when it can.
 * Off Linux only the Node fallback set runs, and only where it needs nothing
 * Linux-specific (/proc, futex numbers, int $0x80, signal semantics).
 */
export function unsupportedReason(name: ProbeName, os: string): string | null {
  const info = PROBES.find((p) => p.name === name);
  if (!info || os === 'linux' || info.hosts === 'any') return null;
  if (info.hosts === 'posix' && os !== 'win32') return null;
  return `unsupported on this platform (${os}): ${name} needs ${info.hosts === 'linux' ? 'Linux' : 'a POSIX host'}`;
}

export function isProbeName(name: string): name is ProbeName {
  return PROBES.some((p) => p.name === name);
}
